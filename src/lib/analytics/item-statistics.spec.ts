import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../tests/support/data-path';
import { fileGrouping } from './groups';
import { measureGroups } from './group-moments';
import { layoutOf } from './layout';
import { resolveOptions } from './options';
import { scoreStudents } from './solve-rates';
import { buildMatrix, buildSpec } from './test-factories';

/** Reads a CSV of 0/1 item scores with one header line, such as lsat6.csv. */
function readAnswers(path: string): number[][] {
	const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
	return lines.slice(1).map((line) => line.split(',').map(Number));
}

function analyse(rows: number[][], minAlphaSize = 15) {
	const matrix = buildMatrix(rows.map((cells) => ({ cells })));
	const spec = buildSpec(rows[0].map(() => ({ maxPoints: 1 })));
	const layout = layoutOf(spec);
	const options = resolveOptions({ minAlphaSize });
	const scores = scoreStudents(matrix, layout, options);
	return measureGroups(matrix, layout, fileGrouping(matrix), scores.cellTotals, options).groups
		.items;
}

function rounded(values: ArrayLike<number>, digits: number): number[] {
	return Array.from(values, (v) => Number(v.toFixed(digits)));
}

// Reference values: R psych 2.2.9, psych::alpha on LSAT-6 (ltm), four decimals.
describe('item statistics on LSAT-6', () => {
	const rows = readAnswers(dataFile('psychometrics/lsat6.csv'));
	const table = analyse(rows);

	it('reads 1000 examinees', () => {
		expect(table.students[0]).toBe(1000);
	});

	it('computes facility', () => {
		expect(rounded(table.facility, 3)).toEqual([0.924, 0.709, 0.553, 0.763, 0.87]);
	});

	it('computes Cronbach alpha', () => {
		expect(table.alpha[0]).toBeCloseTo(0.295, 4);
	});

	it('computes alpha if item deleted', () => {
		expect(rounded(table.alphaIfDeleted, 4)).toEqual([0.2754, 0.2376, 0.2168, 0.2459, 0.2663]);
	});

	it('computes item-total correlation', () => {
		expect(rounded(table.itemTotal, 4)).toEqual([0.362, 0.5668, 0.6184, 0.5344, 0.4354]);
	});

	it('computes corrected item-total correlation', () => {
		expect(rounded(table.correctedItemTotal, 4)).toEqual([0.1128, 0.1532, 0.1728, 0.1444, 0.1216]);
	});

	it('counts the score distribution', () => {
		const counts = Array.from(table.distribution.subarray(0, 6));
		expect(counts.reduce((a: number, b: number) => a + b, 0)).toBe(1000);
		const byHand = [0, 0, 0, 0, 0, 0];
		for (const row of rows) byHand[row.reduce((a, b) => a + b, 0)]++;
		expect(counts).toEqual(byHand);
	});
});

describe('item statistics on small groups', () => {
	const perfect = [
		[1, 1, 0],
		[1, 0, 0],
		[0, 0, 0],
		[1, 1, 1]
	];

	it('hides alpha under the minimum size', () => {
		const table = analyse(perfect, 15);
		expect(table.alpha[0]).toBeNaN();
		expect(Array.from(table.alphaIfDeleted).every(Number.isNaN)).toBe(true);
	});

	it('shows alpha at the minimum size', () => {
		const table = analyse(perfect, 4);
		// Guttman pattern: item variances .25, .3333, .25; total variance 1.6667.
		expect(table.alpha[0]).toBeCloseTo(1.5 * (1 - 0.8333333 / 1.6666667), 6);
	});

	it('splits tied totals evenly for discrimination', () => {
		// 8 students, 27 % is 2: the top total (3) has one student, the next (2) two.
		const rows = [
			[1, 1, 1],
			[1, 1, 0],
			[0, 1, 1],
			[1, 0, 0],
			[1, 0, 0],
			[0, 0, 1],
			[0, 0, 0],
			[0, 0, 0]
		];
		const table = analyse(rows);
		// Upper: the 3-point student plus half of each 2-point student.
		expect(table.discrimination[0]).toBeCloseTo((1 + 0.5 - 0) / 2, 9);
		expect(table.discrimination[1]).toBeCloseTo((1 + 1 - 0) / 2, 9);
		expect(table.discrimination[2]).toBeCloseTo((1 + 0.5 - 0) / 2, 9);
	});
});
