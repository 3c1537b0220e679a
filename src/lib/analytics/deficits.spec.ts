import { describe, expect, it } from 'vitest';
import { analyzeProcedure } from './analyze';
import { historyEntries } from './deficits';
import type { AnalysisOptions, TeacherHistoryEntry } from './options';
import { buildMatrix, buildSpec, type StudentInput } from './test-factories';

// Two basic tasks of 1 point: task 1 checks skill A, task 2 checks skill B.
const spec = buildSpec([{ skills: ['A'] }, { skills: ['B'] }]);
const teacher = { id: 't1', name: 'Иванова Мария Петровна' };

/** Builds a class of ten: the first `failA` miss task 1, the last `failB` miss task 2. */
function classOf(failA: number, failB: number, className = '5А'): StudentInput[] {
	return Array.from({ length: 10 }, (_, i) => ({
		className,
		cells: [i < failA ? 0 : 1, i >= 10 - failB ? 0 : 1]
	}));
}

function deficitsOf(students: StudentInput[], options: Partial<AnalysisOptions> = {}) {
	const analysis = analyzeProcedure(buildMatrix(students), spec, {
		teachers: { '5А': teacher },
		...options
	});
	return analysis.classDetails[0].deficits;
}

function earlier(date: string, massSkills: string[], teacherId = 't1'): TeacherHistoryEntry {
	return { teacherId, date, procedureId: `p-${date}`, classKey: 'school/5А', massSkills };
}

describe('point and mass deficits', () => {
	it('splits a class into point and mass deficits', () => {
		const deficits = deficitsOf(classOf(6, 2));
		expect(deficits.map((d) => [d.skill, d.kind, d.failed, d.measured])).toEqual([
			['A', 'mass', 6, 10],
			['B', 'point', 2, 10]
		]);
	});

	it('counts exactly half as mass', () => {
		expect(deficitsOf(classOf(5, 0))[0].kind).toBe('mass');
	});

	it('follows a configured mass share', () => {
		expect(deficitsOf(classOf(5, 0), { massShare: 0.6 })[0].kind).toBe('point');
	});

	it('lists no deficit nobody failed', () => {
		expect(deficitsOf(classOf(0, 0))).toEqual([]);
	});

	it('never counts absent students', () => {
		const students = [...classOf(2, 0), { className: '5А', absent: true }];
		const [deficit] = deficitsOf(students);
		expect(deficit.measured).toBe(10);
	});
});

describe('persistent and new mass deficits', () => {
	it('marks a repeated mass deficit persistent', () => {
		const [deficit] = deficitsOf(classOf(8, 0), { history: [earlier('2020-04-20', ['A'])] });
		expect(deficit.persistence).toBe('persistent');
		expect(deficit.earlier).toEqual([
			{ procedureId: 'p-2020-04-20', date: '2020-04-20', classKey: 'school/5А' }
		]);
	});

	it('marks a first mass deficit new', () => {
		const [deficit] = deficitsOf(classOf(8, 0), { history: [earlier('2020-04-20', ['B'])] });
		expect(deficit.persistence).toBe('new');
	});

	it('ignores another teacher and later dates', () => {
		const history = [earlier('2020-04-20', ['A'], 't2'), earlier('2022-04-20', ['A'])];
		const [deficit] = deficitsOf(classOf(8, 0), { history });
		expect(deficit.persistence).toBe('new');
	});

	it('leaves a class without teacher unchecked', () => {
		const [deficit] = deficitsOf(classOf(8, 0), { teachers: {} });
		expect(deficit.persistence).toBe('unchecked');
	});

	it('turns mass deficits into history entries', () => {
		const analysis = analyzeProcedure(buildMatrix(classOf(8, 3)), spec, {
			teachers: { '5А': teacher }
		});
		expect(historyEntries(analysis.classDetails, 'vpr-2021', '2021-04-15')).toEqual([
			{
				teacherId: 't1',
				date: '2021-04-15',
				procedureId: 'vpr-2021',
				classKey: 'school/5А',
				massSkills: ['A']
			}
		]);
	});
});

describe('typical errors', () => {
	it('lists tasks and skills not mastered with the teacher', () => {
		const detail = analyzeProcedure(buildMatrix(classOf(5, 3)), spec, {
			teachers: { '5А': teacher }
		}).classDetails[0];
		// Task 1 at 50 % is below the basic threshold of 60 %; task 2 at 70 % is above it.
		expect(detail.typicalErrors).toEqual({ columns: [0], skills: ['A'] });
		expect(detail.teacher).toEqual(teacher);
	});

	it('prefers the school and class key for the teacher', () => {
		const other = { id: 't9', name: 'Петров Олег Ильич' };
		const detail = analyzeProcedure(buildMatrix(classOf(5, 3)), spec, {
			teachers: { '5А': teacher, 'school/5А': other }
		}).classDetails[0];
		expect(detail.teacher).toEqual(other);
	});
});
