import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openStore } from '../../sync-server/open-store';
import { databaseFileName } from '../../sync-server/sqlite-store';
import { RelayProcess } from '../support/relay-process';
import {
	counter,
	openClient,
	sleep,
	waitForSynced,
	waitUntil,
	waitUntilAsync,
	type TestClient
} from './clients';

const compactAfterUpdates = 10;

/** Stores one independent update per key, so no stored update depends on another. */
function seedKeys(dataDir: string, docId: string, keys: string[]): void {
	const store = openStore(dataDir);
	try {
		for (const key of keys) {
			const doc = new Y.Doc();
			doc.getMap('entries').set(key, `значение ${key}`);
			store.appendUpdate(docId, Y.encodeStateAsUpdate(doc));
			doc.destroy();
		}
	} finally {
		store.close();
	}
}

function withDatabase<T>(dataDir: string, run: (db: Database.Database) => T): T {
	const db = new Database(join(dataDir, databaseFileName));
	try {
		return run(db);
	} finally {
		db.close();
	}
}

describe('relay persistence', () => {
	let relay: RelayProcess;
	const clients: TestClient[] = [];
	const admin = () => relay.token({ sub: 'admin1', school: 's1', role: 'admin' });
	const client = (docId: string, doc?: Y.Doc) => {
		const opened = openClient(relay, docId, admin(), { doc });
		clients.push(opened);
		return opened;
	};

	beforeAll(async () => {
		relay = await RelayProcess.start({
			env: {
				RELAY_COMPACT_AFTER_UPDATES: String(compactAfterUpdates),
				RELAY_IDLE_UNLOAD_MS: '300'
			}
		});
	});

	afterAll(async () => {
		for (const opened of clients) opened.destroy();
		await relay?.dispose();
	});

	it('keeps the content through compaction', async () => {
		const writer = client('s1/plans');
		await waitForSynced(writer);
		const storedBefore = await counter(relay, 'updatesStored');
		for (let i = 0; i < 25; i++) {
			writer.doc.getArray<string>('events').push([`мероприятие ${i}`]);
			await sleep(5);
		}
		await waitUntilAsync('the relay stored every edit', async () => {
			return (await counter(relay, 'updatesStored')) >= storedBefore + 25;
		});
		writer.destroy();
		await relay.restart();
		const reader = client('s1/plans');
		await waitForSynced(reader);

		expect(relay.events('document-compact').length).toBeGreaterThanOrEqual(2);
		const rows = withDatabase(relay.dataDir, (db) =>
			db.prepare("SELECT count(*) AS n FROM updates WHERE doc_id = 's1/plans'").get()
		) as { n: number };
		expect(rows.n).toBeLessThan(compactAfterUpdates);
		const events = reader.doc.getArray<string>('events').toArray();
		expect(events).toHaveLength(25);
		expect(events[24]).toBe('мероприятие 24');
	});

	it('never serves a corrupt or truncated row', async () => {
		seedKeys(relay.dataDir, 's1/procedure/p1', ['a', 'b', 'c', 'd']);
		withDatabase(relay.dataDir, (db) => {
			// Truncate the second row and flip a byte of the third, as a failing disk would.
			db.prepare(
				"UPDATE updates SET data = substr(data, 1, length(data) - 3) WHERE doc_id = 's1/procedure/p1' AND seq = 2"
			).run();
			const row = db
				.prepare("SELECT data FROM updates WHERE doc_id = 's1/procedure/p1' AND seq = 3")
				.get() as { data: Buffer };
			row.data[row.data.length - 2] ^= 0xff;
			db.prepare("UPDATE updates SET data = ? WHERE doc_id = 's1/procedure/p1' AND seq = 3").run(
				row.data
			);
		});

		const reader = client('s1/procedure/p1');
		await waitForSynced(reader);

		const entries = reader.doc.getMap('entries');
		expect(entries.get('a')).toBe('значение a');
		expect(entries.has('b')).toBe(false);
		expect(entries.has('c')).toBe(false);
		expect(entries.get('d')).toBe('значение d');
		const reports = relay
			.events('storage-corrupt-row')
			.filter((line) => line.docId === 's1/procedure/p1');
		expect(reports.map((line) => [line.seq, line.reason])).toEqual([
			[2, 'length-mismatch'],
			[3, 'checksum-mismatch']
		]);
	});

	it('takes back a lost update from a device that holds it', async () => {
		const device = new Y.Doc();
		device.getMap('entries').set('kept', 'на планшете');
		seedKeys(relay.dataDir, 's1/procedure/p2', ['x']);
		const store = openStore(relay.dataDir);
		store.appendUpdate('s1/procedure/p2', Y.encodeStateAsUpdate(device));
		store.close();
		withDatabase(relay.dataDir, (db) =>
			db
				.prepare(
					"UPDATE updates SET checksum = checksum + 1 WHERE doc_id = 's1/procedure/p2' AND seq = 2"
				)
				.run()
		);

		const tablet = client('s1/procedure/p2', device);
		await waitForSynced(tablet);
		const other = client('s1/procedure/p2');
		await waitForSynced(other);

		await waitUntil('the relay serves the update again', () =>
			other.doc.getMap('entries').has('kept')
		);
		expect(other.doc.getMap('entries').get('x')).toBe('значение x');
	});

	it('unloads an idle document', async () => {
		const opened = client('s1/checklist');
		await waitForSynced(opened);
		opened.connection.awareness.setLocalStateField('user', { name: 'Админ' });
		await sleep(50);
		for (const opened of clients) opened.destroy();

		const unload = await relay.waitForEvent(
			'document-unload',
			(line) => line.docId === 's1/checklist'
		);
		await waitUntilAsync('no document stays loaded', async () => {
			return (await relay.health()).documentsLoaded === 0;
		});
		expect(unload.version).toBeGreaterThanOrEqual(0);
	});
});
