import { describe, expect, it } from 'vitest';
import type { Roster } from '$lib/roster/roster.schema';
import { analyzeProcedure } from './analyze';
import { summarizeTeachers, teacherOf, teachersFromRoster } from './teachers';
import { buildMatrix, buildSpec } from './test-factories';

const roster: Roster = {
	schoolId: 'sch1',
	schoolName: 'Школа № 1',
	municipality: '',
	classes: [
		{ id: 'c5a', label: '5А', grade: 5 },
		{ id: 'c5b', label: '5Б', grade: 5 }
	],
	people: [
		{ id: 't1', fullName: 'Иванова Мария Петровна', role: 'teacher', subjects: [] },
		{ id: 't2', fullName: 'Петров Олег Ильич', role: 'teacher', subjects: [] }
	],
	students: [],
	teaching: [
		{ teacherId: 't1', classId: 'c5a', subject: 'Математика' },
		{ teacherId: 't2', classId: 'c5a', subject: 'Русский язык' },
		{ teacherId: 't1', classId: 'c5b', subject: ' математика ' }
	]
};

describe('teachers', () => {
	it('maps class labels to the subject teacher', () => {
		expect(teachersFromRoster(roster, 'Математика')).toEqual({
			'5А': { id: 't1', name: 'Иванова Мария Петровна' },
			'5Б': { id: 't1', name: 'Иванова Мария Петровна' }
		});
	});

	it('ignores inherited object keys', () => {
		expect(teacherOf({}, 'sch1', 'constructor')).toBeNull();
	});

	it('counts problem skills across a teacher’s classes', () => {
		const spec = buildSpec([{ skills: ['A'] }, { skills: ['B'] }]);
		const students = ['5А', '5Б'].flatMap((className) =>
			Array.from({ length: 10 }, (_, i) => ({ className, cells: [i < 7 ? 0 : 1, i < 1 ? 0 : 1] }))
		);
		const analysis = analyzeProcedure(buildMatrix(students), spec, {
			teachers: teachersFromRoster(roster, 'Математика')
		});
		const [summary] = summarizeTeachers(analysis.classDetails);
		expect(summary.teacher.id).toBe('t1');
		expect(summary.classKeys).toEqual(['school/5А', 'school/5Б']);
		expect(summary.skills).toEqual([
			{ skill: 'A', notMastered: 2, mass: 2, point: 0 },
			{ skill: 'B', notMastered: 0, mass: 0, point: 2 }
		]);
		expect(analysis.teachers).toEqual([summary]);
	});
});
