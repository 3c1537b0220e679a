import { describe, expect, it } from 'vitest';
import { classGrouping, customGrouping, schoolGrouping, selectStudents } from './groups';
import { buildMatrix } from './test-factories';

const matrix = buildMatrix([
	{ school: 'b', className: '5А', cells: [1] },
	{ school: 'a', className: '5Б', cells: [0] },
	{ school: 'b', className: '5Б', cells: [1] },
	{ school: 'a', className: '5Б', absent: true }
]);

describe('groupings', () => {
	it('keeps same-named classes of two schools apart', () => {
		const classes = classGrouping(matrix);
		expect(classes.keys).toEqual(['b/5А', 'b/5Б', 'a/5Б']);
		expect(Array.from(classes.groupOf)).toEqual([0, 2, 1, 2]);
	});

	it('lists members in row order with absent students', () => {
		const schools = schoolGrouping(matrix);
		expect(schools.keys).toEqual(['b', 'a']);
		expect(Array.from(schools.members.subarray(schools.offsets[1], schools.offsets[2]))).toEqual([
			1, 3
		]);
	});

	it('caches groupings per matrix', () => {
		expect(classGrouping(matrix)).toBe(classGrouping(matrix));
	});

	it('selects students by a predicate', () => {
		const selected = selectStudents(matrix, (s, m) => m.schools[m.schoolIndex[s]] === 'a');
		expect(Array.from(selected)).toEqual([1, 3]);
		expect(Array.from(customGrouping(matrix, 'a', selected).groupOf)).toEqual([-1, 0, -1, 0]);
	});

	it('rejects an index outside the matrix', () => {
		expect(() => customGrouping(matrix, 'x', [4])).toThrow(RangeError);
	});
});
