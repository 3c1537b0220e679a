import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { createDatabase, updatesTableOf, type SchoolDatabase } from '$lib/storage/db';
import { ensureDocument, openDocument } from '$lib/storage/documents.repo';
import type { Connector, ConnectionEvent, LiveConnection } from './connection';
import { SyncEngine } from './sync-engine';
import { SyncStatus } from './sync-status.svelte';

const databases: SchoolDatabase[] = [];

afterEach(async () => {
	for (const db of databases.splice(0)) {
		db.close();
		await Dexie.delete(db.name);
	}
});

/** Creates a connector that reports "synced" at once and records which documents it was asked for. */
function fakeConnector(outcome: ConnectionEvent = { kind: 'synced' }): {
	connect: Connector;
	opened: string[];
} {
	const opened: string[] = [];
	const connect: Connector = (doc: Y.Doc, docId: string) => {
		opened.push(docId);
		const listeners = new Set<(event: ConnectionEvent) => void>();
		setTimeout(() => listeners.forEach((listener) => listener(outcome)), 5);
		return {
			awareness: new Awareness(doc),
			flushed: true,
			lastEvent: null,
			onEvent(listener: (event: ConnectionEvent) => void) {
				listeners.add(listener);
				return () => listeners.delete(listener);
			},
			destroy() {}
		} as unknown as LiveConnection;
	};
	return { connect, opened };
}

function versionsResponse(versions: Record<string, number>, status = 200): typeof fetch {
	return (async () =>
		new Response(JSON.stringify(status === 200 ? { versions } : { reason: 'token-revoked' }), {
			status
		})) as typeof fetch;
}

function engineFor(
	db: SchoolDatabase,
	connect: Connector,
	fetcher: typeof fetch,
	status = new SyncStatus()
) {
	return new SyncEngine({
		db,
		status,
		connect,
		fetch: fetcher,
		credentials: () => ({
			token: 't',
			origin: 'http://relay.test',
			syncUrl: 'ws://relay.test/sync'
		}),
		random: () => 0.5
	});
}

async function freshDatabase(): Promise<SchoolDatabase> {
	const db = createDatabase(`sync-${crypto.randomUUID()}`);
	databases.push(db);
	return db;
}

describe('sync engine', () => {
	it('syncs documents whose relay version moved, roster first', async () => {
		const db = await freshDatabase();
		const { connect, opened } = fakeConnector();
		const engine = engineFor(db, connect, versionsResponse({ 's/plans': 3, 's/roster': 2 }));

		await engine.syncNow();

		expect(opened[0]).toBe('s/roster');
		expect(opened.sort()).toEqual(['s/plans', 's/roster']);
		expect((await db.syncState.get('s/plans'))?.serverVersion).toBe(3);
	});

	it('skips documents that changed on neither side', async () => {
		const db = await freshDatabase();
		const first = fakeConnector();
		await engineFor(db, first.connect, versionsResponse({ 's/plans': 3 })).syncNow();
		const second = fakeConnector();

		await engineFor(db, second.connect, versionsResponse({ 's/plans': 3 })).syncNow();

		expect(second.opened).toEqual([]);
	});

	it('syncs a document with unsent local updates', async () => {
		const db = await freshDatabase();
		await engineFor(db, fakeConnector().connect, versionsResponse({ 's/plans': 3 })).syncNow();
		await ensureDocument(db, { id: 's/plans', title: '' });
		const opened = await openDocument(db, 's/plans');
		opened.doc.getText('t').insert(0, 'offline edit');
		while ((await updatesTableOf(db).count()) === 0) await new Promise((r) => setTimeout(r, 10));
		opened.release();
		const after = fakeConnector();

		await engineFor(db, after.connect, versionsResponse({ 's/plans': 3 })).syncNow();

		expect(after.opened).toEqual(['s/plans']);
	});

	it('leaves a document with a live screen alone', async () => {
		const db = await freshDatabase();
		const { connect, opened } = fakeConnector();
		const engine = engineFor(db, connect, versionsResponse({ 's/plans': 3, 's/roster': 1 }));
		const release = engine.holdLive('s/plans');

		await engine.syncNow();
		release();

		expect(opened).toEqual(['s/roster']);
	});

	it('stops and reports a revoked device', async () => {
		const db = await freshDatabase();
		const status = new SyncStatus();
		const engine = engineFor(db, fakeConnector().connect, versionsResponse({}, 401), status);

		await engine.syncNow();

		expect(status.state).toBe('error');
		expect(status.reason).toBe('token-revoked');
	});

	it('reports offline when the relay is unreachable', async () => {
		const db = await freshDatabase();
		const status = new SyncStatus();
		const unreachable = (async () => {
			throw new TypeError('Failed to fetch');
		}) as typeof fetch;

		await engineFor(db, fakeConnector().connect, unreachable, status).syncNow();

		expect(status.state).toBe('offline');
	});
});
