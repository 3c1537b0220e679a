import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { databaseFileName, SqliteStore } from './sqlite-store';

function updateSetting(key: string, value: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('settings').set(key, value);
	return Y.encodeStateAsUpdate(doc);
}

function docOf(updates: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	return doc;
}

describe('SqliteStore', () => {
	let dir: string;
	let store: SqliteStore;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'relay-store-'));
		store = new SqliteStore(dir);
	});

	afterEach(() => {
		store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const rawDb = () => new Database(join(dir, databaseFileName));

	it('numbers the updates of each document from 1', () => {
		expect(store.appendUpdate('s1/plans', updateSetting('a', '1'))).toEqual({
			seq: 1,
			storedRows: 1
		});
		expect(store.appendUpdate('s1/plans', updateSetting('b', '2'))).toEqual({
			seq: 2,
			storedRows: 2
		});
		expect(store.appendUpdate('s1/checklist', updateSetting('c', '3')).seq).toBe(1);
		expect(store.loadDocument('s1/plans').version).toBe(2);
		expect(store.loadDocument('s1/none')).toEqual({ updates: [], corrupt: [], version: 0 });
	});

	it('reports corrupt rows and leaves them out', () => {
		for (const key of ['a', 'b', 'c']) store.appendUpdate('s1/plans', updateSetting(key, key));
		const db = rawDb();
		db.prepare('UPDATE updates SET data = substr(data, 1, 4) WHERE seq = 1').run();
		db.prepare('UPDATE updates SET checksum = checksum + 1 WHERE seq = 3').run();
		db.close();

		const loaded = store.loadDocument('s1/plans');

		expect(loaded.corrupt).toEqual([
			{ seq: 1, reason: 'length-mismatch' },
			{ seq: 3, reason: 'checksum-mismatch' }
		]);
		expect(docOf(loaded.updates).getMap('settings').toJSON()).toEqual({ b: 'b' });
	});

	it('compacts into one row with the same content and version', () => {
		for (let i = 0; i < 20; i++) store.appendUpdate('s1/plans', updateSetting(`k${i}`, `v${i}`));
		const before = docOf(store.loadDocument('s1/plans').updates).getMap('settings').toJSON();

		const result = store.compactDocument('s1/plans', Y.mergeUpdates);
		const after = store.loadDocument('s1/plans');

		expect(result.mergedRows).toBe(20);
		expect(result.bytesAfter).toBeLessThan(result.bytesBefore);
		expect(after.updates).toHaveLength(1);
		expect(after.version).toBe(20);
		expect(docOf(after.updates).getMap('settings').toJSON()).toEqual(before);
		expect(store.appendUpdate('s1/plans', updateSetting('next', 'x')).seq).toBe(21);
	});

	it('moves corrupt rows to quarantine when compacting', () => {
		for (const key of ['a', 'b', 'c']) store.appendUpdate('s1/plans', updateSetting(key, key));
		const db = rawDb();
		db.prepare('UPDATE updates SET checksum = 0 WHERE seq = 2').run();
		db.close();

		const result = store.compactDocument('s1/plans', Y.mergeUpdates);
		const check = rawDb();
		const quarantined = check.prepare('SELECT doc_id, seq, reason FROM quarantined_updates').all();
		check.close();

		expect(result.quarantinedRows).toBe(1);
		expect(quarantined).toEqual([{ doc_id: 's1/plans', seq: 2, reason: 'checksum-mismatch' }]);
		expect(store.loadDocument('s1/plans').corrupt).toEqual([]);
	});

	it('lists versions by id prefix without wildcards', () => {
		store.appendUpdate('s_1/plans', updateSetting('a', '1'));
		store.appendUpdate('sx1/plans', updateSetting('a', '1'));
		store.appendUpdate('s_1/trajectory/st1', updateSetting('a', '1'));
		store.appendUpdate('s_1/trajectory/st1', updateSetting('b', '2'));
		store.appendUpdate('s_10/plans', updateSetting('a', '1'));

		expect([...store.listVersions('s_1/')]).toEqual([
			['s_1/plans', 1],
			['s_1/trajectory/st1', 2]
		]);
	});

	it('records when a device was revoked', () => {
		expect(store.deviceRevokedAt('s1', 'tab1')).toBeNull();
		store.revokeDevice('s1', 'tab1', 100);
		store.revokeDevice('s1', 'tab1', 200);

		expect(store.deviceRevokedAt('s1', 'tab1')).toBe(200);
		expect(store.deviceRevokedAt('s2', 'tab1')).toBeNull();
	});

	it('opens the database in WAL mode', () => {
		const db = rawDb();
		const mode = db.pragma('journal_mode', { simple: true });
		db.close();

		expect(mode).toBe('wal');
	});
});
