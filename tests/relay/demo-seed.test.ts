import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { readRoster } from '../../src/lib/roster/roster.ydoc';
import { SqliteStore } from '../../sync-server/sqlite-store';
import { seedDemoSchool } from '../../scripts/seed';

const folders: string[] = [];

afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('demo school seed', () => {
	it('writes the roster once and nothing on a second run', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'seed-'));
		folders.push(dataDir);
		const store = new SqliteStore(dataDir);

		const first = await seedDemoSchool(store);
		const versionsAfterFirst = await store.listVersions('demo-school/');
		const second = await seedDemoSchool(store);
		const versionsAfterSecond = await store.listVersions('demo-school/');
		const loaded = await store.loadDocument('demo-school/roster');
		await store.close();
		const doc = new Y.Doc();
		for (const update of loaded.updates) Y.applyUpdate(doc, update);
		const { roster } = readRoster(doc);

		expect(first).toBeGreaterThan(0);
		expect(second).toBe(0);
		expect([...versionsAfterSecond]).toEqual([...versionsAfterFirst]);
		expect(roster.classes.map((c) => c.label).sort()).toEqual(['10А', '5А', '5Б']);
		expect(roster.people.filter((p) => p.role === 'teacher')).toHaveLength(10);
		expect(roster.people.filter((p) => p.role === 'tutor')).toHaveLength(1);
		expect(roster.people.filter((p) => p.role === 'admin')).toHaveLength(1);
		expect(roster.students.length).toBeGreaterThanOrEqual(30);
	});
});
