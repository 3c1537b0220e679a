import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../src/lib/shared/logger';
import type { DocumentStore } from './persistence';
import {
	encodeAwareness,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate,
	type ClientMessage,
	type CloseReason
} from './protocol';
import type { RelayCounters } from './stats';
import { changesDocument } from './update-check';

/** The part of a connection that a room uses. */
export interface RoomMember {
	readonly id: string;
	readonly canWrite: boolean;
	readonly closed: boolean;
	/** Awareness client ids this connection has set, removed when it leaves. */
	readonly awarenessClients: Set<number>;
	send(message: Uint8Array): void;
	refuse(reason: CloseReason, detail?: string): void;
}

export interface RoomDeps {
	store: DocumentStore;
	log: Logger;
	counters: RelayCounters;
	idleUnloadMs: number;
	compactAfterUpdates: number;
	/** Called after a client's update was stored and applied. */
	onChange(room: Room): void;
	/** Called once when the room has released its document and must be forgotten. */
	onUnload(room: Room): void;
}

const loadOrigin = Symbol('storage');

/**
 * One document loaded in memory with its awareness and connections. All work on the
 * document runs through one queue in arrival order. Loading comes first, so the relay
 * replies to no sync step 1 before the stored state is in the document. Then each message
 * follows, and each append is awaited before its update is applied and forwarded.
 */
export class Room {
	/** Server documents keep deleted content (no GC), because clients keep history snapshots. */
	readonly doc = new Y.Doc({ gc: false });
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	/** Resolves once the stored state is loaded; rejects when loading failed. */
	readonly ready: Promise<void>;
	/** The document's update sequence number in storage. */
	version = 0;

	private state: 'loading' | 'ready' | 'unloaded' = 'loading';
	private readonly members = new Set<RoomMember>();
	private refs = 0;
	private tail: Promise<unknown> = Promise.resolve();
	private idleTimer: NodeJS.Timeout | null = null;
	/** Stored rows at which the next compaction runs; pushed back after a failed one. */
	private compactAtRows: number;
	private readonly loadedAt = performance.now();

	constructor(
		readonly docId: string,
		private readonly deps: RoomDeps
	) {
		this.compactAtRows = deps.compactAfterUpdates;
		// The relay is not a peer with a presence of its own.
		this.awareness.setLocalState(null);
		this.ready = this.enqueue(() => this.load());
		this.ready.catch(() => undefined);
	}

	get connectionCount(): number {
		return this.members.size;
	}

	get loaded(): boolean {
		return this.state === 'ready';
	}

	/** Keeps the room loaded until the matching release(). */
	retain(): void {
		this.refs++;
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.idleTimer = null;
	}

	release(): void {
		this.refs--;
		if (this.refs > 0 || this.state === 'unloaded') return;
		this.idleTimer = setTimeout(() => {
			this.idleTimer = null;
			this.schedule('unload', () => this.unloadIfIdle());
		}, this.deps.idleUnloadMs);
	}

	/** Adds a connection whose access was decided; the caller has retained the room. */
	join(member: RoomMember): void {
		this.members.add(member);
		this.schedule('greet', () => this.greet(member));
	}

	/** Removes a connection and its awareness states once its queued messages are done. */
	leave(member: RoomMember): void {
		this.schedule('leave', () => {
			this.members.delete(member);
			const clients = [...member.awarenessClients];
			if (clients.length > 0 && this.state === 'ready') {
				awarenessProtocol.removeAwarenessStates(this.awareness, clients, null);
			}
		});
	}

	/** Asks a member for the updates the relay lacks, after it was granted write access. */
	requestState(member: RoomMember): void {
		this.schedule('request-state', () => {
			if (!member.closed && this.state === 'ready') member.send(encodeSyncStep1(this.doc));
		});
	}

	/** Queues one checked message; writes from read-only members never reach here. */
	receive(member: RoomMember, message: ClientMessage): void {
		this.schedule('message', () => this.handle(member, message));
	}

	/** Finishes queued work and unloads, whatever the connections; for shutdown. */
	async flushAndUnload(): Promise<void> {
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.idleTimer = null;
		await this.enqueue(() => this.unload());
	}

	private enqueue<T>(task: () => T | Promise<T>): Promise<T> {
		const result = this.tail.then(task);
		this.tail = result.catch(() => undefined);
		return result;
	}

	/** Queues a task and logs its failure, because no caller awaits it. */
	private schedule(task: string, run: () => unknown): void {
		this.enqueue(run).catch((error: unknown) => {
			this.deps.log.error('room-task-failed', { docId: this.docId, task, error });
		});
	}

	private async load(): Promise<void> {
		const started = performance.now();
		try {
			const stored = await this.deps.store.loadDocument(this.docId);
			for (const row of stored.corrupt) {
				this.deps.counters.corruptRowsFound++;
				this.deps.log.error('storage-corrupt-row', { docId: this.docId, ...row });
			}
			this.applyStored(stored.updates);
			this.version = stored.version;
		} catch (error) {
			this.deps.log.error('document-load-failed', { docId: this.docId, error });
			for (const member of this.members) member.refuse('server-error');
			this.unload();
			throw error;
		}
		this.state = 'ready';
		this.doc.on('update', this.forwardUpdate);
		this.awareness.on('update', this.forwardAwareness);
		this.deps.counters.documentsLoaded++;
		this.deps.log.info('document-load', {
			docId: this.docId,
			version: this.version,
			ms: Math.round(performance.now() - started)
		});
	}

	private applyStored(updates: Uint8Array[]): void {
		this.doc.transact(() => {
			for (const update of updates) {
				try {
					Y.applyUpdate(this.doc, update, loadOrigin);
				} catch (error) {
					// NOTE: Yjs may have applied part of the update before it threw. The rest of
					// the document is still served, and clients that hold the update resend it.
					this.deps.log.error('storage-apply-failed', { docId: this.docId, error });
				}
			}
		}, loadOrigin);
	}

	private greet(member: RoomMember): void {
		if (member.closed || this.state !== 'ready') return;
		// Asking a read-only connection for its state would only make it send updates that
		// are dropped.
		if (member.canWrite) member.send(encodeSyncStep1(this.doc));
		const clients = [...this.awareness.getStates().keys()];
		if (clients.length > 0) member.send(encodeAwareness(this.awareness, clients));
	}

	private async handle(member: RoomMember, message: ClientMessage): Promise<void> {
		if (this.state !== 'ready') return;
		switch (message.type) {
			case 'sync-step-1':
				if (!member.closed) member.send(encodeSyncStep2(this.doc, message.stateVector));
				return;
			case 'sync-step-2':
			case 'sync-update':
				await this.storeAndApply(member, message.update);
				return;
			case 'awareness':
				awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, member);
				return;
			case 'query-awareness': {
				const clients = [...this.awareness.getStates().keys()];
				if (!member.closed) member.send(encodeAwareness(this.awareness, clients));
				return;
			}
			case 'auth':
				return;
		}
	}

	/**
	 * Stores the update, then applies it, which forwards it to the other connections. An
	 * update that changes nothing is neither stored nor forwarded.
	 */
	private async storeAndApply(member: RoomMember, update: Uint8Array): Promise<void> {
		if (!changesDocument(this.doc, update)) {
			this.deps.counters.updatesUnchanged++;
			return;
		}
		let storedRows: number;
		try {
			const result = await this.deps.store.appendUpdate(this.docId, update);
			this.version = result.seq;
			storedRows = result.storedRows;
		} catch (error) {
			// The update is neither applied nor forwarded. The client keeps it and sends it
			// again when it reconnects after the server error.
			this.deps.log.error('storage-append-failed', {
				docId: this.docId,
				connection: member.id,
				error
			});
			member.refuse('server-error');
			return;
		}
		this.deps.counters.updatesStored++;
		try {
			Y.applyUpdate(this.doc, update, member);
		} catch (error) {
			this.deps.log.error('update-apply-failed', {
				docId: this.docId,
				connection: member.id,
				seq: this.version,
				error
			});
		}
		if (storedRows >= this.compactAtRows) await this.compact(storedRows);
		this.deps.onChange(this);
	}

	private async compact(storedRows: number): Promise<void> {
		const started = performance.now();
		try {
			const result = await this.deps.store.compactDocument(this.docId, Y.mergeUpdates);
			this.deps.counters.compactions++;
			this.compactAtRows = this.deps.compactAfterUpdates;
			this.deps.log.info('document-compact', {
				docId: this.docId,
				version: this.version,
				...result,
				ms: Math.round(performance.now() - started)
			});
		} catch (error) {
			// The rows stay as they were. Retrying on every append would merge all rows each
			// time, so the next try waits for another batch of rows.
			this.compactAtRows = storedRows + this.deps.compactAfterUpdates;
			this.deps.log.error('document-compact-failed', { docId: this.docId, storedRows, error });
		}
	}

	private readonly forwardUpdate = (update: Uint8Array, origin: unknown): void => {
		if (origin === loadOrigin) return;
		const message = encodeUpdate(update);
		for (const member of this.members) {
			if (member !== origin && !member.closed) member.send(message);
		}
	};

	private readonly forwardAwareness = (
		change: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const sender = this.members.has(origin as RoomMember) ? (origin as RoomMember) : null;
		if (sender) {
			for (const client of [...change.added, ...change.updated])
				sender.awarenessClients.add(client);
			for (const client of change.removed) sender.awarenessClients.delete(client);
		}
		const changed = [...change.added, ...change.updated, ...change.removed];
		const message = encodeAwareness(this.awareness, changed);
		for (const member of this.members) {
			if (member !== sender && !member.closed) member.send(message);
		}
	};

	private unloadIfIdle(): void {
		if (this.refs > 0 || this.state === 'unloaded') return;
		this.unload();
	}

	private unload(): void {
		if (this.state === 'unloaded') return;
		const wasLoaded = this.state === 'ready';
		this.state = 'unloaded';
		this.doc.off('update', this.forwardUpdate);
		this.awareness.off('update', this.forwardAwareness);
		// Awareness runs an interval of its own, which destroy() stops. Destroying the doc
		// does that too in y-protocols 1.0.7; the explicit call does not rely on it.
		this.awareness.destroy();
		this.doc.destroy();
		this.members.clear();
		this.deps.onUnload(this);
		if (!wasLoaded) return;
		this.deps.counters.documentsUnloaded++;
		this.deps.log.info('document-unload', {
			docId: this.docId,
			version: this.version,
			loadedMs: Math.round(performance.now() - this.loadedAt)
		});
	}
}
