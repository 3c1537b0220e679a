import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Dexie } from 'dexie';
import type { Roster } from '$lib/roster/roster.schema';
import { createDatabase, updatesTableOf, type SchoolDatabase } from './db';
import { compactDocument, ensureDocument, openDocument, readStoredState } from './documents.repo';
import { getDeviceId } from './device';
import { keepProjected } from './projections';
import { classesOf, saveRoster, studentsOfClass, studentsOfTutor } from './roster.repo';
import { trajectoryRepository } from './repository';
import { latestSchemaVersion } from './schema-versions';

const opened: SchoolDatabase[] = [];

function freshDatabase(upTo?: number): SchoolDatabase {
	const db = createDatabase(`test-${crypto.randomUUID()}`, upTo);
	opened.push(db);
	return db;
}

afterEach(async () => {
	for (const db of opened.splice(0)) {
		db.close();
		await Dexie.delete(db.name);
	}
});

function smallRoster(overrides: Partial<Roster> = {}): Roster {
	return {
		schoolId: 'school1',
		schoolName: 'МБОУ «Сосновская СОШ»',
		municipality: 'district1',
		classes: [
			{ id: '5A', label: '5А', grade: 5, tutorId: 'tutor1' },
			{ id: '10A', label: '10А', grade: 10 }
		],
		people: [
			{ id: 'tutor1', fullName: 'Ирина Петровна Кузнецова', role: 'tutor', subjects: [] },
			{
				id: 'teacher1',
				fullName: 'Олег Иванович Смирнов',
				role: 'teacher',
				subjects: ['Математика']
			}
		],
		students: [
			{ id: 's1', fullName: 'Аня Орлова', classId: '5A', parentIds: [] },
			{ id: 's2', fullName: 'Борис Лебедев', classId: '5A', parentIds: [] },
			{ id: 's3', fullName: 'Вера Зайцева', classId: '10A', tutorId: 'tutor1', parentIds: [] }
		],
		teaching: [{ teacherId: 'teacher1', classId: '5A', subject: 'Математика' }],
		...overrides
	};
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 2000): Promise<void> {
	const start = Date.now();
	while (!(await check())) {
		if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

describe('schema upgrade', () => {
	it('keeps documents and students from version 1', async () => {
		const name = `upgrade-${crypto.randomUUID()}`;
		const v1 = createDatabase(name, 1);
		await v1.documents.add({
			id: 'school1/trajectory/s1',
			kind: 'trajectory',
			school: 'school1',
			updated: 5
		} as never);
		await v1.students.add({
			id: 's1',
			school: 'school1',
			fullName: 'Аня',
			classId: '5A',
			classLabel: '5А'
		} as never);
		const doc = (await v1.documents.get('school1/trajectory/s1'))!.content;
		const provider = (await import('y-dexie')).DexieYProvider.load(doc);
		await provider.whenLoaded;
		doc.getText('note').insert(0, 'записано в первой версии');
		await waitFor(async () => (await updatesTableOf(v1).count()) > 0);
		v1.close();

		const v2 = createDatabase(name);
		opened.push(v2);
		const row = await v2.documents.get('school1/trajectory/s1');
		const student = await v2.students.get('s1');
		const reopened = await openDocument(v2, 'school1/trajectory/s1');

		expect(v2.verno).toBe(latestSchemaVersion);
		expect(row?.owner).toBe('s1');
		expect(row?.title).toBe('');
		expect(student?.fullName).toBe('Аня');
		expect(student?.tutorId).toBe('');
		expect(reopened.doc.getText('note').toString()).toBe('записано в первой версии');
		reopened.release();
	});
});

describe('document registry', () => {
	it('derives kind, school and owner from the id', async () => {
		const db = freshDatabase();
		const row = await ensureDocument(db, { id: 'school1/teacher-route/t7', title: 'Маршрут' });

		expect(row.kind).toBe('teacher-route');
		expect(row.school).toBe('school1');
		expect(row.owner).toBe('t7');
	});

	it('rejects an id of no known shape', async () => {
		const db = freshDatabase();

		await expect(ensureDocument(db, { id: 'school1/unknown/x', title: '' })).rejects.toThrow(
			'room-invalid'
		);
	});

	it('round-trips a Y.Doc through IndexedDB', async () => {
		const db = freshDatabase();
		const first = await trajectoryRepository.open(db, { school: 'school1', student: 's1' });
		first.doc.getMap('general').set('about', 'люблю биологию');
		first.doc.getText('want').insert(0, 'Хочу поступить в медицинский');
		await waitFor(async () => (await updatesTableOf(db).count()) >= 2);
		first.release();
		first.doc.destroy();

		const second = await trajectoryRepository.open(db, { school: 'school1', student: 's1' });

		expect(second.doc.getMap('general').get('about')).toBe('люблю биологию');
		expect(second.doc.getText('want').toString()).toBe('Хочу поступить в медицинский');
		expect(second.doc.gc).toBe(false);
		second.release();
	});

	it('compacts updates without losing deleted content', async () => {
		const db = freshDatabase();
		const opened = await trajectoryRepository.open(db, { school: 'school1', student: 's2' });
		const text = opened.doc.getText('goal');
		text.insert(0, 'черновик цели');
		const before = Y.snapshot(opened.doc);
		text.delete(0, text.length);
		text.insert(0, 'цель');
		await waitFor(
			async () => (await updatesTableOf(db).where('k').equals(opened.row.id).count()) >= 3
		);

		const merged = await compactDocument(db, opened.row.id);
		const rows = await updatesTableOf(db).where('k').equals(opened.row.id).toArray();
		const restored = new Y.Doc({ gc: false });
		Y.applyUpdateV2(restored, await readStoredState(db, opened.row.id));
		const old = Y.createDocFromSnapshot(restored, before);

		expect(merged).toBeGreaterThanOrEqual(3);
		expect(rows).toHaveLength(1);
		expect(rows[0].f).toBe(1);
		expect(restored.getText('goal').toString()).toBe('цель');
		expect(old.getText('goal').toString()).toBe('черновик цели');
		opened.release();
	});
});

describe('roster projection', () => {
	it('lists students by class and by tutor', async () => {
		const db = freshDatabase();
		await saveRoster(db, smallRoster());

		const classes = await classesOf(db, 'school1');
		const inFiveA = await studentsOfClass(db, '5A');
		const ofTutor = await studentsOfTutor(db, 'tutor1');

		expect(classes.map((c) => c.label)).toEqual(['10А', '5А']);
		expect(inFiveA.map((s) => s.fullName)).toEqual(['Аня Орлова', 'Борис Лебедев']);
		expect(inFiveA[0].classLabel).toBe('5А');
		expect(ofTutor.map((s) => s.id).sort()).toEqual(['s1', 's2', 's3']);
	});

	it('is rebuilt when the roster document changes', async () => {
		const db = freshDatabase();
		await saveRoster(db, smallRoster());
		const roster = await (
			await import('./repository')
		).rosterRepository.open(db, { school: 'school1' });
		const stop = keepProjected(db, roster.row.id, roster.doc, 10);

		roster.doc.getMap('students').delete('s2');
		roster.doc
			.getMap('students')
			.set('s4', { id: 's4', fullName: 'Глеб Новиков', classId: '5A', parentIds: [] });
		await waitFor(async () => (await db.students.get('s4')) !== undefined);

		expect(await db.students.get('s2')).toBeUndefined();
		expect((await studentsOfClass(db, '5A')).map((s) => s.id)).toEqual(['s1', 's4']);
		stop();
		roster.release();
	});
});

describe('device identity', () => {
	it('is created once and kept', async () => {
		const db = freshDatabase();
		const [a, b] = await Promise.all([getDeviceId(db), getDeviceId(db)]);

		expect(a).toMatch(/^[0-9a-f-]{36}$/);
		expect(b).toBe(a);
		expect(await getDeviceId(db)).toBe(a);
	});
});
