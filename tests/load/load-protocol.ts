/** Messages between the load test (tests/load/load.ts) and its client worker processes. */

/** One simulated tablet: a y-websocket client on one document. */
export interface ClientSpec {
	id: number;
	docId: string;
}

export type ToWorker =
	| { type: 'connect'; url: string; token: string; clients: ClientSpec[]; batch: number }
	| { type: 'edit'; durationMs: number; meanIntervalMs: number }
	| { type: 'storm' }
	| { type: 'states' }
	| { type: 'close-clients' }
	| { type: 'idle'; url: string; token: string; docIds: string[]; batch: number }
	| { type: 'close-idle' };

export type FromWorker =
	| { type: 'connected'; clients: number }
	| {
			type: 'edited';
			edits: number;
			/** Fan-out latencies in ms: from a writer's edit to its arrival at each other client. */
			samples: number[];
			/** The 99th percentile of this process's event-loop delay during the edits. */
			loopDelayP99Ms: number;
	  }
	/** Times are wall-clock ms (see wallClockMs). */
	| { type: 'stormed'; startedAt: number; syncedAt: number; clients: number }
	/** A digest of each client's document state, keyed by document id. */
	| { type: 'states'; states: [docId: string, digest: string][] }
	| { type: 'closed' }
	| { type: 'idle-open'; sockets: number; failed: number }
	| { type: 'failed'; message: string };

/** Wall-clock time in ms with sub-ms resolution, comparable across processes of one machine. */
export function wallClockMs(): number {
	return performance.timeOrigin + performance.now();
}
