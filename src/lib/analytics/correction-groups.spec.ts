import { describe, expect, it } from 'vitest';
import { candidateSet, correctionGroups, type CorrectionGroup } from './correction-groups';

const skillCodes = ['A', 'B', 'C', 'D'];

function group(candidates: { row: number; skills: number[] }[], min = 3, max = 6) {
	return correctionGroups(candidateSet(candidates, skillCodes.length), skillCodes, { min, max });
}

function members(groups: CorrectionGroup[]): number[][] {
	return groups.map((g) => Array.from(g.members));
}

/** Twelve students: rows 0–4 failed A, 5–8 failed B and C, 9–11 failed D. */
const classroom = [
	...[0, 1, 2, 3, 4].map((row) => ({ row, skills: [0] })),
	...[5, 6, 7, 8].map((row) => ({ row, skills: [1, 2] })),
	...[9, 10, 11].map((row) => ({ row, skills: [3] }))
];

describe('correction groups', () => {
	it('groups students by shared failed skills', () => {
		const groups = group(classroom);
		expect(members(groups)).toEqual([
			[0, 1, 2, 3, 4],
			[5, 6, 7, 8],
			[9, 10, 11]
		]);
		expect(groups.map((g) => g.shared)).toEqual([['A'], ['B', 'C'], ['D']]);
	});

	it('puts every candidate in exactly one group', () => {
		const rows = members(group(classroom, 4, 5)).flat();
		expect(rows.sort((a, b) => a - b)).toEqual(classroom.map((c) => c.row));
	});

	it('keeps groups within the maximum', () => {
		const groups = group(classroom, 2, 3);
		expect(Math.max(...groups.map((g) => g.members.length))).toBeLessThanOrEqual(3);
		expect(groups.every((g) => !g.belowMin)).toBe(true);
	});

	it('merges small groups with the most similar', () => {
		// Row 12 failed A and B: closer to the A students (1/2) than to B and C (1/3).
		const groups = group([...classroom.slice(0, 4), { row: 12, skills: [0, 1] }], 5, 6);
		expect(members(groups)).toEqual([[0, 1, 2, 3, 12]]);
		expect(groups[0].skills).toEqual(['A', 'B']);
		expect(groups[0].skillCounts).toEqual([5, 1]);
	});

	it('splits a large profile into near-equal parts', () => {
		const same = Array.from({ length: 8 }, (_, row) => ({ row, skills: [2] }));
		expect(members(group(same, 3, 6))).toEqual([
			[0, 1, 2, 3],
			[4, 5, 6, 7]
		]);
	});

	it('marks a group below the minimum when nothing fits', () => {
		const groups = group(
			[
				{ row: 3, skills: [0] },
				{ row: 7, skills: [1] }
			],
			3,
			6
		);
		expect(members(groups)).toEqual([[3, 7]]);
		expect(groups[0].belowMin).toBe(true);
	});

	it('gives the same groups for any input order', () => {
		const shuffled = [...classroom].sort((a, b) => ((a.row * 7) % 13) - ((b.row * 7) % 13));
		expect(shuffled.map((c) => c.row)).not.toEqual(classroom.map((c) => c.row));
		expect(members(group(shuffled, 4, 5))).toEqual(members(group(classroom, 4, 5)));
	});
});
