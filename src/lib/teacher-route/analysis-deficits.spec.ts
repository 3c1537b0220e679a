import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { analyzeProcedure } from '$lib/analytics/analyze';
import type { AnalysisOptions } from '$lib/analytics/options';
import { buildMatrix, buildSpec, type StudentInput } from '$lib/analytics/test-factories';
import type { Specification } from '$lib/assessment/specification.schema';
import type { Roster } from '$lib/roster/roster.schema';
import { createDatabase, type SchoolDatabase } from '$lib/storage/db';
import { saveRoster } from '$lib/storage/roster.repo';
import { saveResults } from '$lib/storage/results.repo';
import type { StoredResults } from '$lib/storage/results.schema';
import { massDeficitsFromAnalysis, type ProcedureSource } from './analysis-deficits';
import { loadTeacherDeficits, type Analyse } from './analysis-deficits.repo';
import { massDeficitInputSchema, proposeDeficits } from './proposals';

// Two basic one-point tasks: task 1 checks skill 1.1, task 2 checks skill 2.3.
function mathSpec(date = '2025-04-15', subject = 'Математика'): Specification {
	return {
		...buildSpec([{ skills: ['1.1'] }, { skills: ['2.3'] }]),
		subject,
		date,
		skills: [
			{ kind: 'КЭС', code: '1.1', text: '' },
			{ kind: 'КТ', code: '1.1', text: 'Решать задачи на нахождение части числа' },
			{ kind: 'КЭС', code: '2.3', text: 'Читать таблицы' }
		]
	};
}

/** Ten students of a class: the first `failFirst` miss task 1, the last `failSecond` task 2. */
function classOf(className: string, failFirst: number, failSecond: number): StudentInput[] {
	return Array.from({ length: 10 }, (_, i) => ({
		className,
		cells: [i < failFirst ? 0 : 1, i >= 10 - failSecond ? 0 : 1]
	}));
}

const teacher = { id: 't-1', name: 'Смирнов Олег Иванович' };
const source: ProcedureSource = {
	procedureId: 'vpr-math-5',
	title: 'ВПР, математика, 5 класс',
	date: '2025-04-15',
	skills: mathSpec().skills
};

function analyse(students: StudentInput[], options: Partial<AnalysisOptions> = {}) {
	return analyzeProcedure(buildMatrix(students), mathSpec(), {
		teachers: { '5А': teacher },
		...options
	});
}

describe('mass deficits from an analysis', () => {
	it('maps a mass deficit with its class figures', () => {
		const [entry, ...rest] = massDeficitsFromAnalysis(analyse(classOf('5А', 6, 2)), source);

		expect(rest).toEqual([]);
		expect(entry.className).toBe('5А');
		expect(entry.skillCode).toBe('1.1');
		expect(entry.skillText).toBe('Решать задачи на нахождение части числа');
		expect(entry.solveRate).toBeCloseTo(0.4, 12);
		expect(entry.threshold).toBeCloseTo(0.6, 12);
		expect(entry.failedShare).toBeCloseTo(0.6, 12);
		expect(entry.persistence).toBe('new');
		expect(entry.teacherId).toBe('t-1');
		expect(entry.subject).toBe('Математика');
		expect(entry.procedureTitle).toBe('ВПР, математика, 5 класс');
	});

	it('finds skill texts by kind and code', () => {
		const spec: Specification = {
			...buildSpec([{ skills: ['КТ 4'] }]),
			skills: [
				{ kind: 'КЭС', code: '4', text: 'Дроби' },
				{ kind: 'КТ', code: '4', text: 'Понимать информацию, представленную в виде таблицы' }
			]
		};
		const students = Array.from({ length: 10 }, (_, i) => ({
			className: '5А',
			cells: [i < 7 ? 0 : 1]
		}));
		const analysis = analyzeProcedure(buildMatrix(students), spec, { teachers: { '5А': teacher } });

		const [entry] = massDeficitsFromAnalysis(analysis, { ...source, skills: spec.skills });

		expect(entry.skillCode).toBe('КТ 4');
		expect(entry.skillText).toBe('Понимать информацию, представленную в виде таблицы');
	});

	it('skips classes without a teacher', () => {
		const students = [...classOf('5А', 0, 0), ...classOf('5Б', 8, 0)];

		expect(massDeficitsFromAnalysis(analyse(students), source)).toEqual([]);
	});

	it('marks a deficit seen before as persistent', () => {
		const history = [
			{
				teacherId: 't-1',
				date: '2024-04-15',
				procedureId: 'vpr-2024',
				classKey: 'school/5А',
				massSkills: ['1.1']
			}
		];
		const analysis = analyse(classOf('5А', 7, 0), {
			teachers: { '5А': teacher },
			history,
			procedureId: 'vpr-math-5',
			date: '2025-04-15'
		});

		expect(massDeficitsFromAnalysis(analysis, source)[0].persistence).toBe('persistent');
	});

	it('gives valid input for proposals', () => {
		const entries = massDeficitsFromAnalysis(analyse(classOf('5А', 6, 6)), source);
		const { proposals, rejected } = proposeDeficits(entries, 't-1');

		for (const entry of entries) expect(massDeficitInputSchema.safeParse(entry).success).toBe(true);
		expect(rejected).toEqual([]);
		expect(proposals.map((p) => p.skillCode).sort()).toEqual(['1.1', '2.3']);
		expect(proposals[0].evidence.procedures[0].classes[0].className).toBe('5А');
	});
});

const opened: SchoolDatabase[] = [];

function freshDatabase(): SchoolDatabase {
	const db = createDatabase(`route-deficits-${crypto.randomUUID()}`);
	opened.push(db);
	return db;
}

afterEach(async () => {
	for (const db of opened.splice(0)) {
		db.close();
		await Dexie.delete(db.name);
	}
});

const roster: Roster = {
	schoolId: 'school-1',
	schoolName: 'МБОУ «Сосновская СОШ»',
	municipality: '',
	classes: [
		{ id: '5A', label: '5А', grade: 5 },
		{ id: '5B', label: '5Б', grade: 5 }
	],
	people: [
		{ id: 't-1', fullName: teacher.name, role: 'teacher', subjects: ['Математика'] },
		{ id: 't-2', fullName: 'Ковалёва Наталья Сергеевна', role: 'teacher', subjects: ['Русский'] }
	],
	students: [],
	teaching: [
		{ teacherId: 't-1', classId: '5A', subject: 'Математика' },
		{ teacherId: 't-2', classId: '5B', subject: 'Русский язык' }
	]
};

function stored(
	procedureId: string,
	students: StudentInput[],
	spec: Specification,
	scope: StoredResults['scope'] = 'school'
): StoredResults {
	return {
		procedureId,
		school: 'school-1',
		title: `Процедура ${procedureId}`,
		scope,
		importedAt: Date.parse('2025-05-01T10:00:00Z'),
		spec,
		matrix: buildMatrix(students),
		report: {
			fileName: `${procedureId}.xlsx`,
			layout: 'test',
			rows: students.length,
			problems: [],
			problemCounts: {},
			truncated: false,
			classMapping: []
		}
	};
}

const analyseHere: Analyse = async (matrix, spec, options) =>
	analyzeProcedure(matrix, spec, options);

describe('teacher deficits from stored results', () => {
	it('marks a recurring deficit persistent', async () => {
		const db = freshDatabase();
		await saveRoster(db, roster);
		await saveResults(db, stored('akr-2025', classOf('5А', 7, 0), mathSpec('2025-04-15')));
		await saveResults(db, stored('akr-2024', classOf('5А', 8, 0), mathSpec('2024-04-15')));

		const found = await loadTeacherDeficits(db, 'school-1', 't-1', analyseHere);

		expect(found.analysed).toBe(2);
		expect(found.deficits.map((d) => [d.procedureId, d.persistence])).toEqual([
			['akr-2024', 'new'],
			['akr-2025', 'persistent']
		]);
	});

	it('ignores files kept on this device only', async () => {
		const db = freshDatabase();
		await saveRoster(db, roster);
		await saveResults(db, stored('region', classOf('5А', 9, 0), mathSpec(), 'device'));

		const found = await loadTeacherDeficits(db, 'school-1', 't-1', analyseHere);

		expect(found.analysed).toBe(0);
		expect(found.deficits).toEqual([]);
	});

	it('skips subjects the teacher does not teach', async () => {
		const db = freshDatabase();
		await saveRoster(db, roster);
		const russian = mathSpec('2025-04-15', 'Русский язык');
		await saveResults(db, stored('vpr-rus', classOf('5Б', 9, 0), russian));

		const found = await loadTeacherDeficits(db, 'school-1', 't-1', analyseHere);

		expect(found.analysed).toBe(0);
	});

	it('lists a procedure whose analysis failed', async () => {
		const db = freshDatabase();
		await saveRoster(db, roster);
		await saveResults(db, stored('akr-2025', classOf('5А', 7, 0), mathSpec()));
		const failing: Analyse = async () => {
			throw new Error('worker crashed');
		};

		const found = await loadTeacherDeficits(db, 'school-1', 't-1', failing);

		expect(found.deficits).toEqual([]);
		expect(found.failed.map((f) => f.procedureId)).toEqual(['akr-2025']);
		expect(found.failed[0].message).toMatch(/Непредвиденная ошибка/);
	});
});
