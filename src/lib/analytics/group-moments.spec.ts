import { describe, expect, it } from 'vitest';
import { measureGroups } from './group-moments';
import { classGrouping, fileGrouping, schoolGrouping } from './groups';
import { layoutOf } from './layout';
import { resolveOptions } from './options';
import { scoreStudents } from './solve-rates';
import { buildMatrix, buildSpec, type CellInput } from './test-factories';

/** Forty students in three schools and five classes, with every kind of cell. */
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
