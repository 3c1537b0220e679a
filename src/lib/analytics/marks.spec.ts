import { describe, expect, it } from 'vitest';
import { MISSING } from '$lib/assessment/result-matrix';
import type { MarkScale } from '$lib/assessment/specification.schema';
import { AppError } from '$lib/shared/errors';
import { layoutOf } from './layout';
import { computeMarks, markFor, markRules, passingTotal } from './marks';
import { buildMatrix, buildSpec, vprMarkScale } from './test-factories';

// ОГЭ mathematics 2024: «2» 0–7, «3» 8–14, «4» 15–21, «5» 22–31, and every mark above «2»
// needs at least 2 points from the geometry tasks. Here position 1 stands for the algebra
// tasks (25 points) and positions 2–3 for geometry (3 points each).
const ogeScale: MarkScale = {
	thresholds: [
		{ mark: 5, minTotal: 22 },
		{ mark: 2, minTotal: 0 },
		{ mark: 4, minTotal: 15 },
		{ mark: 3, minTotal: 8 }
	],
	conditions: [{ fromMark: 3, positions: [2, 3], minPoints: 2, description: 'геометрия' }]
};
const ogeSpec = buildSpec([{ maxPoints: 25 }, { maxPoints: 3 }, { maxPoints: 3 }], ogeScale);

function ogeMark(algebra: number, geometry1: number, geometry2: number): number {
	const matrix = buildMatrix([{ cells: [algebra, geometry1, geometry2] }]);
	const rules = markRules(ogeScale, layoutOf(ogeSpec));
	return computeMarks(matrix, rules, matrix.officialTotal)[0];
}

describe('marks from totals', () => {
	const vprRules = markRules(vprMarkScale, layoutOf(buildSpec([{ maxPoints: 20 }])));
	const none = () => 0;

	it('applies the ВПР cut-offs', () => {
		const marks = [0, 6, 7, 10, 11, 14, 15, 20].map((total) => markFor(vprRules, total, none));
		expect(marks).toEqual([2, 2, 3, 3, 4, 4, 5, 5]);
	});

	it('leaves a missing total unmarked', () => {
		expect(markFor(vprRules, MISSING, none)).toBe(MISSING);
	});

	it('gives the lowest passing total', () => {
		expect(passingTotal(vprRules)).toBe(7);
	});

	it('sorts thresholds given out of order', () => {
		expect(ogeMark(8, 1, 1)).toBe(3);
		expect(ogeMark(16, 3, 3)).toBe(5);
	});

	it('lowers the mark when geometry falls short', () => {
		expect(ogeMark(20, 1, 0)).toBe(2);
		expect(ogeMark(25, 0, 0)).toBe(2);
	});

	it('keeps the mark when geometry is met', () => {
		expect(ogeMark(18, 2, 0)).toBe(4);
		expect(ogeMark(6, 1, 1)).toBe(3);
	});

	it('does not mark absent students', () => {
		const matrix = buildMatrix([{ cells: [1, 1, 1] }, { absent: true }], 3);
		const rules = markRules(ogeScale, layoutOf(ogeSpec));
		expect(computeMarks(matrix, rules, matrix.officialTotal)[1]).toBe(MISSING);
	});

	it('rejects a condition on an unknown position', () => {
		const scale: MarkScale = {
			...ogeScale,
			conditions: [{ fromMark: 3, positions: [9], minPoints: 1, description: '' }]
		};
		expect(() => markRules(scale, layoutOf(ogeSpec))).toThrow(AppError);
	});
});
