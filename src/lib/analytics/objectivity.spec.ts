import { describe, expect, it } from 'vitest';
import { analyzeProcedure } from './analyze';
import { groupAt } from './group-view';
import { buildMatrix, buildSpec, type StudentInput } from './test-factories';

const spec = buildSpec([{ maxPoints: 20 }]);

function objectivityOf(students: StudentInput[]) {
	return groupAt(analyzeProcedure(buildMatrix(students, 1), spec).file, 0).objectivity;
}

describe('objectivity', () => {
	// Test marks from totals 18, 15, 15, 9, 12: «5», «5», «5», «3», «4».
	const students: StudentInput[] = [
		{ cells: [18], journal: 5 },
		{ cells: [15], journal: 4 },
		{ cells: [15], journal: 4 },
		{ cells: [9], journal: 3 },
		{ cells: [12], journal: 3 }
	];

	it('counts lowered, confirmed and raised marks', () => {
		const result = objectivityOf([...students, { cells: [3], journal: 4 }]);
		expect([result.lowered, result.confirmed, result.raised]).toEqual([1, 2, 3]);
		expect(result.compared).toBe(6);
		expect(result.raisedShare).toBe(0.5);
	});

	it('lists marks that differ by two or more', () => {
		const result = objectivityOf([
			...students,
			{ cells: [3], journal: 4 },
			{ cells: [20], journal: 3 }
		]);
		expect(Array.from(result.differByTwo)).toEqual([5, 6]);
	});

	it('averages tied ranks in Spearman', () => {
		// Ranks: journal 5, 3.5, 3.5, 1.5, 1.5 and totals 5, 3.5, 3.5, 1, 2; rho = 9 / √85.5.
		expect(objectivityOf(students).spearman).toBeCloseTo(9 / Math.sqrt(85.5), 12);
	});

	it('skips students without a journal mark', () => {
		const result = objectivityOf([...students, { cells: [1] }]);
		expect(result.spearmanPairs).toBe(5);
		expect(result.compared).toBe(5);
		expect(result.spearman).toBeCloseTo(9 / Math.sqrt(85.5), 12);
	});

	it('gives no Spearman under three pairs', () => {
		expect(objectivityOf(students.slice(0, 2)).spearman).toBeNull();
	});

	it('shows the histogram jump at each cut-off', () => {
		const totals = [5, 6, 7, 7, 7, 11, 10, 15];
		const result = objectivityOf(totals.map((total) => ({ cells: [total] })));
		expect(Array.from(result.histogram.subarray(5, 8))).toEqual([1, 1, 3]);
		expect(result.cutoffs.map((c) => [c.mark, c.minTotal, c.atCutoff, c.belowCutoff])).toEqual([
			[3, 7, 3, 1],
			[4, 11, 1, 1],
			[5, 15, 1, 0]
		]);
		expect(result.cutoffs[0].ratio).toBe(3);
		expect(result.cutoffs[2].ratio).toBe(Infinity);
	});
});
