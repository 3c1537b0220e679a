import * as decoding from 'lib0/decoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createJsonLogger } from './log';
import type { AppendResult, DocumentStore, LoadedDocument } from './persistence';
import { Room, type RoomDeps, type RoomMember } from './room';
import { createCounters } from './stats';
import type { CloseReason } from './protocol';

/** Creates an in-memory store whose loads wait until `finishLoad` is called. */
function memoryStore(initial: Uint8Array[] = []) {
	const rows = [...initial];
	const journal: string[] = [];
	let finishLoad: () => void = () => undefined;
	const loadGate = new Promise<void>((resolve) => (finishLoad = resolve));
	const store: DocumentStore = {
		async appendUpdate(): Promise<AppendResult> {
			return { seq: 0, storedRows: 0 };
		},
		async loadDocument(): Promise<LoadedDocument> {
			await loadGate;
			return { updates: [...rows], corrupt: [], version: rows.length };
		},
		compactDocument: () => ({ mergedRows: 0, quarantinedRows: 0, bytesBefore: 0, bytesAfter: 0 }),
		listVersions: () => new Map(),
		deviceRevokedAt: () => null,
		revokeDevice: () => undefined,
		close: () => undefined
	};
	store.appendUpdate = async (_docId, update) => {
		rows.push(update);
		journal.push('stored');
		return { seq: rows.length, storedRows: rows.length };
	};
	return { store, rows, journal, finishLoad };
}

function member(
	id: string,
	canWrite = true
): RoomMember & { sent: Uint8Array[]; refused: CloseReason[] } {
	return {
		id,
		canWrite,
		closed: false,
		awarenessClients: new Set<number>(),
		sent: [],
		refused: [],
		send(message) {
			this.sent.push(message);
		},
		refuse(reason) {
			this.refused.push(reason);
		}
	};
}

function roomDeps(store: DocumentStore, overrides: Partial<RoomDeps> = {}): RoomDeps {
	return {
		store,
		log: createJsonLogger('silent'),
		counters: createCounters(),
		idleUnloadMs: 10,
		compactAfterUpdates: 1000,
		onChange: () => undefined,
		onUnload: () => undefined,
		...overrides
	};
}

function textUpdate(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
}

/** Applies every sync step 2 and update a member received to a fresh document. */
function docFromMessages(messages: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const message of messages) {
		const decoder = decoding.createDecoder(message);
		if (decoding.readVarUint(decoder) !== 0) continue;
		const step = decoding.readVarUint(decoder);
		if (step === 1 || step === 2) Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
	}
	return doc;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Room', () => {
	it('answers a sync step 1 only after loading', async () => {
		const { store, finishLoad } = memoryStore([textUpdate('stored text')]);
		const room = new Room('s1/plans', roomDeps(store));
		const reader = member('c1', false);
		room.retain();
		room.join(reader);

		room.receive(reader, { type: 'sync-step-1', stateVector: Y.encodeStateVector(new Y.Doc()) });
		await tick();
		expect(reader.sent).toHaveLength(0);
		finishLoad();
		await room.ready;
		await tick();

		expect(docFromMessages(reader.sent).getText('t').toString()).toBe('stored text');
	});

	it('stores an update before forwarding it', async () => {
		const { store, journal, finishLoad } = memoryStore();
		finishLoad();
		const room = new Room('s1/plans', roomDeps(store));
		const writer = member('c1');
		const watcher = member('c2');
		watcher.send = (message) => {
			// Sync messages of type update start with 0 (sync) and 2 (update).
			if (message[0] === 0 && message[1] === 2) journal.push('forwarded');
			watcher.sent.push(message);
		};
		room.retain();
		room.join(writer);
		room.join(watcher);
		await room.ready;
		journal.length = 0;

		room.receive(writer, { type: 'sync-update', update: textUpdate('new') });
		await tick();
		await tick();

		expect(journal).toEqual(['stored', 'forwarded']);
		expect(room.version).toBe(1);
	});

	it('stores nothing for an update without changes', async () => {
		const { store, rows, finishLoad } = memoryStore([textUpdate('same')]);
		finishLoad();
		const counters = createCounters();
		const room = new Room('s1/plans', roomDeps(store, { counters }));
		const writer = member('c1');
		room.retain();
		room.join(writer);
		await room.ready;

		room.receive(writer, { type: 'sync-step-2', update: Y.encodeStateAsUpdate(room.doc) });
		await tick();

		expect(rows).toHaveLength(1);
		expect(counters.updatesUnchanged).toBe(1);
	});

	it('destroys its awareness and document when idle', async () => {
		const { store, finishLoad } = memoryStore();
		finishLoad();
		let unloaded = false;
		const room = new Room('s1/plans', roomDeps(store, { onUnload: () => (unloaded = true) }));
		let awarenessDestroyed = false;
		room.awareness.on('destroy', () => (awarenessDestroyed = true));
		const visitor = member('c1');
		room.retain();
		room.join(visitor);
		await room.ready;

		room.leave(visitor);
		room.release();
		await new Promise((resolve) => setTimeout(resolve, 40));

		expect(unloaded).toBe(true);
		expect(awarenessDestroyed).toBe(true);
		expect(room.loaded).toBe(false);
	});

	it('removes the awareness states of a member that leaves', async () => {
		const { store, finishLoad } = memoryStore();
		finishLoad();
		const room = new Room('s1/plans', roomDeps(store));
		const peer = new Y.Doc();
		const peerAwareness = new Awareness(peer);
		peerAwareness.setLocalState({ user: 'Анна' });
		const visitor = member('c1');
		room.retain();
		room.join(visitor);
		await room.ready;

		room.receive(visitor, {
			type: 'awareness',
			update: encodeAwarenessUpdate(peerAwareness, [peer.clientID])
		});
		await tick();
		expect(room.awareness.getStates().has(peer.clientID)).toBe(true);
		room.leave(visitor);
		await tick();

		expect(room.awareness.getStates().has(peer.clientID)).toBe(false);
		peerAwareness.destroy();
		room.release();
	});
});
