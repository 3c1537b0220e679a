/** Event counters since the relay started, reported by /health. */
export interface RelayCounters {
	/** WebSocket upgrade requests, accepted or later refused. */
	upgrades: number;
	/** Connections that passed every check and joined their document. */
	connectionsOpened: number;
	/** Connections closed with a refusal code (4400-4499) before or after joining. */
	connectionsRefused: number;
	messagesReceived: number;
	updatesStored: number;
	/** Updates that would not change their document (e.g. an empty sync step 2), not stored. */
	updatesUnchanged: number;
	/** Updates from read-only connections that were discarded. */
	writesDropped: number;
	/** Stored rows that failed their integrity check when a document was loaded. */
	corruptRowsFound: number;
	documentsLoaded: number;
	documentsUnloaded: number;
	compactions: number;
}

export function createCounters(): RelayCounters {
	return {
		upgrades: 0,
		connectionsOpened: 0,
		connectionsRefused: 0,
		messagesReceived: 0,
		updatesStored: 0,
		updatesUnchanged: 0,
		writesDropped: 0,
		corruptRowsFound: 0,
		documentsLoaded: 0,
		documentsUnloaded: 0,
		compactions: 0
	};
}
