import { describe, expect, it } from 'vitest';
import { AppError } from '$lib/shared/errors';
import { analyzeProcedure } from './analyze';
import { groupAt } from './group-view';
import { Mastery } from './mastery';
import { buildMatrix, buildSpec, type StudentInput } from './test-factories';

// Task 1: basic, 2 points, skill A. Task 2: higher level, 1 point, skills A and B.
const spec = buildSpec([
	{ maxPoints: 2, level: 'Б', skills: ['A'] },
	{ maxPoints: 1, level: 'П', skills: ['A', 'B'] }
]);

const students: StudentInput[] = [
	{ school: 's1', className: '5А', cells: [2, 1] },
	{ school: 's1', className: '5А', cells: [1, 0] },
	{ school: 's1', className: '5А', cells: [0, 'nt'] },
	{ school: 's1', className: '5А', absent: true },
	{ school: 's2', className: '5А', cells: [2, 'x'] }
];

describe('solve rates', () => {
	const analysis = analyzeProcedure(buildMatrix(students, 2), spec);
	const file = groupAt(analysis.file, 0);

	it('divides points earned by points possible per task', () => {
		expect(Array.from(file.positionRates)).toEqual([5 / 8, 1 / 4]);
	});

	it('sums every task of a skill', () => {
		expect(analysis.skillCodes).toEqual(['A', 'B']);
		expect(Array.from(file.skillRates)).toEqual([6 / 12, 1 / 4]);
	});

	it('rates the whole work', () => {
		expect(file.solveRate).toBe(6 / 12);
	});

	it('rates each student and leaves absent ones out', () => {
		const rates = Array.from(analysis.students.solveRates);
		expect(rates.slice(0, 3)).toEqual([1, Math.fround(1 / 3), 0]);
		expect(rates[3]).toBeNaN();
		expect(file.present).toBe(4);
		expect(file.listed).toBe(5);
	});

	it('keeps classes of different schools apart', () => {
		expect(analysis.classes.keys).toEqual(['s1/5А', 's2/5А']);
		expect(Array.from(analysis.classes.present)).toEqual([3, 1]);
	});

	it('compares each group with the whole file', () => {
		const second = groupAt(analysis.classes, 1);
		expect(second.versusReference.solveRate).toBeCloseTo(2 / 3 - 1 / 2, 12);
	});

	it('compares with a custom reference group', () => {
		const custom = analyzeProcedure(buildMatrix(students, 2), spec, {
			reference: { label: 'Школа s2', members: [4] }
		});
		expect(groupAt(custom.file, 0).versusReference.solveRate).toBeCloseTo(1 / 2 - 2 / 3, 12);
		expect(groupAt(custom.reference!, 0).solveRate).toBe(2 / 3);
	});

	it('survives a structured clone', () => {
		expect(structuredClone(analysis)).toEqual(analysis);
	});

	it('rejects a matrix of another specification', () => {
		const threeColumns = buildMatrix([{ cells: [1, 1, 1] }]);
		expect(() => analyzeProcedure(threeColumns, spec)).toThrow(AppError);
	});

	it('leaves not-taught cells out on request', () => {
		const excluded = analyzeProcedure(buildMatrix(students, 2), spec, { notTaught: 'exclude' });
		expect(groupAt(excluded.file, 0).positionRates[1]).toBe(1 / 3);
		expect(excluded.students.solveRates[2]).toBe(0);
	});
});

describe('mastery', () => {
	const tenStudents = (cells: number[], count = 10) =>
		Array.from({ length: count }, () => ({ cells }));

	it('applies the basic and higher thresholds', () => {
		// 60 % of task 1 reaches the basic 60 %; 30 % of task 2 reaches the higher 30 %.
		const rows = [...tenStudents([2, 1], 3), ...tenStudents([1, 0], 6), ...tenStudents([0, 0], 1)];
		const file = groupAt(analyzeProcedure(buildMatrix(rows), spec).file, 0);
		expect(Array.from(file.positionRates)).toEqual([0.6, 0.3]);
		expect(Array.from(file.mastery.positions)).toEqual([Mastery.mastered, Mastery.mastered]);
	});

	it('weights a skill threshold by task maxima', () => {
		// Skill A: 2 points at 60 % plus 1 point at 30 % need 1.5 of 3 points.
		const file = groupAt(analyzeProcedure(buildMatrix(tenStudents([1, 0])), spec).file, 0);
		expect(file.skillThresholds[0]).toBeCloseTo(0.5, 12);
		expect(file.skillRates[0]).toBeCloseTo(1 / 3, 12);
		expect(file.mastery.skills[0]).toBe(Mastery.notMastered);
	});

	it('takes configured thresholds', () => {
		const options = { masteryThresholds: { Б: 0.5, П: 0.3, В: 0.3 } };
		const rows = tenStudents([1, 0]);
		const file = groupAt(analyzeProcedure(buildMatrix(rows), spec, options).file, 0);
		expect(file.mastery.positions[0]).toBe(Mastery.mastered);
	});

	it('marks groups under ten unreliable', () => {
		const nine = groupAt(analyzeProcedure(buildMatrix(tenStudents([1, 0], 9)), spec).file, 0);
		const ten = groupAt(analyzeProcedure(buildMatrix(tenStudents([1, 0], 10)), spec).file, 0);
		expect(nine.reliable).toBe(false);
		expect(ten.reliable).toBe(true);
	});

	it('shows alpha from fifteen students', () => {
		const varied = (count: number) =>
			Array.from({ length: count }, (_, i) => ({ cells: [i % 3, i % 2] }));
		const fourteen = groupAt(analyzeProcedure(buildMatrix(varied(14)), spec).file, 0);
		const fifteen = groupAt(analyzeProcedure(buildMatrix(varied(15)), spec).file, 0);
		expect(fourteen.items.alpha).toBeNull();
		expect(fourteen.items.alphaIfDeleted).toBeNull();
		expect(fifteen.items.alpha).not.toBeNull();
	});

	it('reports a task nobody was taught as not measured', () => {
		const rows = Array.from({ length: 10 }, () => ({ cells: [1, 'nt' as const] }));
		const analysis = analyzeProcedure(buildMatrix(rows), spec, { notTaught: 'exclude' });
		const file = groupAt(analysis.file, 0);
		expect(file.positionRates[1]).toBeNaN();
		expect(file.mastery.positions[1]).toBe(Mastery.notMeasured);
	});
});
