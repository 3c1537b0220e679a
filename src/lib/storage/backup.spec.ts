import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { createDatabase, updatesTableOf, type SchoolDatabase } from './db';
import { exportBackup, importBackup, parseBackup } from './backup';
import { openDocument, readStoredState } from './documents.repo';
import { plansRepository, trajectoryRepository } from './repository';

const databases: SchoolDatabase[] = [];

afterEach(async () => {
	for (const db of databases.splice(0)) {
		db.close();
		await Dexie.delete(db.name);
	}
});

function freshDatabase(): SchoolDatabase {
	const db = createDatabase(`backup-${crypto.randomUUID()}`);
	databases.push(db);
	return db;
}

async function settle(db: SchoolDatabase, rows: number): Promise<void> {
	while ((await updatesTableOf(db).count()) < rows) await new Promise((r) => setTimeout(r, 10));
}

async function deviceWithDocuments(): Promise<SchoolDatabase> {
	const db = freshDatabase();
	const trajectory = await trajectoryRepository.open(db, { school: 's1', student: 'st1' });
	trajectory.doc.getText('general/want').insert(0, 'Хочу стать врачом');
	trajectory.doc.getMap('general/fields').set('grade', 10);
	trajectory.doc.getText('general/want').delete(0, 5);
	const plan = await plansRepository.open(db, { school: 's1' });
	plan.doc.getArray('plan/items').push(['Родительское собрание']);
	await settle(db, 4);
	trajectory.release();
	plan.release();
	return db;
}

describe('device backup', () => {
	it('exports states and a readable rendering', async () => {
		const db = await deviceWithDocuments();

		const backup = parseBackup(JSON.stringify(await exportBackup(db, 'device-1')));
		const trajectory = backup.documents.find((d) => d.id === 's1/trajectory/st1');

		expect(backup.documents.map((d) => d.id).sort()).toEqual(['s1/plans', 's1/trajectory/st1']);
		expect(trajectory?.content).toEqual({
			'general/fields': { grade: 10 },
			'general/want': 'стать врачом'
		});
		expect(backup.documents.find((d) => d.id === 's1/plans')?.content).toEqual({
			'plan/items': ['Родительское собрание']
		});
	});

	it('imports into another device with nothing lost', async () => {
		const source = await deviceWithDocuments();
		const backup = await exportBackup(source, 'device-1');
		const target = freshDatabase();

		const changed = await importBackup(target, backup);
		await settle(target, 2);
		const opened = await openDocument(target, 's1/trajectory/st1');

		expect(changed).toBe(2);
		expect(opened.doc.getText('general/want').toString()).toBe('стать врачом');
		expect(await readStoredState(target, 's1/plans')).toEqual(
			await readStoredState(source, 's1/plans')
		);
		opened.release();
	});

	it('merges with local edits and changes nothing the second time', async () => {
		const source = await deviceWithDocuments();
		const backup = await exportBackup(source, 'device-1');
		const target = freshDatabase();
		const local = await trajectoryRepository.open(target, { school: 's1', student: 'st1' });
		local.doc.getText('general/can').insert(0, 'Могу учиться по вечерам');
		local.release();

		await importBackup(target, backup);
		const again = await importBackup(target, backup);
		const merged = await trajectoryRepository.open(target, { school: 's1', student: 'st1' });

		expect(again).toBe(0);
		expect(merged.doc.getText('general/can').toString()).toBe('Могу учиться по вечерам');
		expect(merged.doc.getText('general/want').toString()).toBe('стать врачом');
		merged.release();
	});

	it('rejects a file that is not a backup', () => {
		expect(() => parseBackup('{"format":"other"}')).toThrow(/format/);
		expect(() => parseBackup('не json')).toThrow(/не JSON/);
	});
});
