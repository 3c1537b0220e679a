import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, type SchoolDatabase } from '$lib/storage/db';
import { peopleForRole, personNames } from './people-options';

const databases: SchoolDatabase[] = [];

afterEach(async () => {
	for (const db of databases.splice(0)) {
		db.close();
		await Dexie.delete(db.name);
	}
});

async function schoolDatabase(): Promise<SchoolDatabase> {
	const db = createDatabase(`people-${Math.random()}`);
	databases.push(db);
	const student = (id: string, fullName: string, classLabel: string) => ({
		id,
		school: 's1',
		fullName,
		classId: classLabel,
		classLabel,
		tutorId: 't1'
	});
	await db.students.bulkPut([
		student('st3', 'Яковлев Иван', '10А'),
		student('st1', 'Борисова Анна', '5А'),
		student('st2', 'Абрамов Пётр', '5А'),
		{ ...student('other', 'Из другой школы', '5А'), school: 's2' }
	]);
	await db.people.bulkPut([
		{ id: 't1', school: 's1', fullName: 'Тьютор Ольга', role: 'tutor', subjects: [] },
		{ id: 'm1', school: 's1', fullName: 'Учитель Нина', role: 'teacher', subjects: ['Математика'] }
	]);
	return db;
}

describe('peopleForRole', () => {
	it('lists students by class number, then by name', async () => {
		const options = await peopleForRole(await schoolDatabase(), 's1', 'student');

		expect(options.map((option) => option.id)).toEqual(['st2', 'st1', 'st3']);
		expect(options[0].detail).toBe('5А');
	});

	it('lists only people with the role', async () => {
		const options = await peopleForRole(await schoolDatabase(), 's1', 'teacher');

		expect(options).toEqual([{ id: 'm1', name: 'Учитель Нина', detail: 'Математика' }]);
	});
});

describe('personNames', () => {
	it('names staff and students of the school', async () => {
		const names = await personNames(await schoolDatabase(), 's1');

		expect(names.get('t1')).toBe('Тьютор Ольга');
		expect(names.get('st3')).toBe('Яковлев Иван');
		expect(names.has('other')).toBe(false);
	});
});
