import { describe, expect, it } from 'vitest';
import { measureGroups } from './group-moments';
import {
	classGrouping,
	customGrouping,
	fileGrouping,
	schoolGrouping,
	type Grouping
} from './groups';
import type { ResultMatrix } from '$lib/assessment/result-matrix';
import { layoutOf } from './layout';
import { resolveOptions } from './options';
import { scoreStudents } from './solve-rates';
import { buildMatrix, buildSpec, type CellInput } from './test-factories';

/** Builds forty students in three schools of two classes each, with every kind of cell. */
function mixedMatrix() {
	const kinds: CellInput[] = [0, 1, 2, 'x', 'nt', ''];
	return buildMatrix(
		Array.from({ length: 40 }, (_, i) => ({
			school: `s${i % 3}`,
			className: i % 5 < 3 ? '5А' : '5Б',
			absent: i % 11 === 10,
			cells: [i % 2, kinds[i % 6], (i * 7) % 3, kinds[(i * 5) % 6]].map((cell, p) =>
				typeof cell === 'number' && p !== 2 ? Math.min(cell, 1) : cell
			)
		}))
	);
}

/** Groups students by class label across schools, against the school order of classes. */
function labelGrouping(matrix: ResultMatrix): Grouping {
	const groupOf = Int32Array.from(matrix.classIndex);
	const members = [...groupOf.keys()].sort((a, b) => groupOf[a] - groupOf[b] || a - b);
	const offsets = new Int32Array(matrix.classes.length + 1);
	for (const g of groupOf) offsets[g + 1]++;
	for (let g = 0; g < matrix.classes.length; g++) offsets[g + 1] += offsets[g];
	return {
		kind: 'custom',
		keys: [...matrix.classes],
		labels: [...matrix.classes],
		schoolOf: new Int32Array(matrix.classes.length).fill(-1),
		groupOf,
		offsets,
		members: Int32Array.from(members)
	};
}

describe('measureGroups', () => {
	const spec = buildSpec([{}, { maxPoints: 2 }, { maxPoints: 2 }, {}]);
	const layout = layoutOf(spec);

	for (const notTaught of ['zero', 'exclude'] as const) {
		it(`sums coarser groups exactly (${notTaught})`, () => {
			const matrix = mixedMatrix();
			const options = resolveOptions({ notTaught, minAlphaSize: 2 });
			const totals = scoreStudents(matrix, layout, options).cellTotals;
			const nested = measureGroups(matrix, layout, classGrouping(matrix), totals, options, [
				schoolGrouping(matrix),
				fileGrouping(matrix)
			]);
			const schools = measureGroups(matrix, layout, schoolGrouping(matrix), totals, options);
			const file = measureGroups(matrix, layout, fileGrouping(matrix), totals, options);
			expect(nested.coarser[0]).toEqual(schools.groups);
			expect(nested.coarser[1]).toEqual(file.groups);
		});
	}

	it('sums coarser groups in any order', () => {
		const matrix = mixedMatrix();
		const options = resolveOptions({ minAlphaSize: 2 });
		const totals = scoreStudents(matrix, layout, options).cellTotals;
		const labels = labelGrouping(matrix);
		const nested = measureGroups(matrix, layout, classGrouping(matrix), totals, options, [
			labels,
			fileGrouping(matrix)
		]);
		expect(nested.coarser[0]).toEqual(
			measureGroups(matrix, layout, labels, totals, options).groups
		);
		const file = measureGroups(matrix, layout, fileGrouping(matrix), totals, options);
		expect(nested.coarser[1]).toEqual(file.groups);
	});

	it('writes a coarser group with no members as empty', () => {
		const matrix = mixedMatrix();
		const options = resolveOptions();
		const totals = scoreStudents(matrix, layout, options).cellTotals;
		const empty = customGrouping(matrix, 'никого', []);
		const nested = measureGroups(matrix, layout, classGrouping(matrix), totals, options, [empty]);
		expect(nested.coarser[0]).toEqual(measureGroups(matrix, layout, empty, totals, options).groups);
		expect(nested.coarser[0].sums.students[0]).toBe(0);
	});

	it('rejects a coarser group that splits a class', () => {
		const matrix = mixedMatrix();
		const options = resolveOptions();
		const totals = scoreStudents(matrix, layout, options).cellTotals;
		expect(() =>
			measureGroups(matrix, layout, schoolGrouping(matrix), totals, options, [
				classGrouping(matrix)
			])
		).toThrow(/is not inside one class group/);
	});
});
