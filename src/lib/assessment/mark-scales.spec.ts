import { describe, expect, it } from 'vitest';
import {
	defaultMarkScaleFor,
	ogeMathGeometryTaskLabels,
	ogeMathMarkScale,
	vprMath5Of2021MarkScale
} from './mark-scales';
import { makeTask } from './test-factories';

/** Returns the highest mark whose threshold the total reaches, ignoring conditions. */
function markOfTotal(thresholds: { mark: number; minTotal: number }[], total: number): number {
	return thresholds
		.filter((t) => total >= t.minTotal)
		.reduce((best, t) => Math.max(best, t.mark), 0);
}

describe('vprMath5Of2021MarkScale', () => {
	it('matches the published bands', () => {
		const marks = Array.from({ length: 21 }, (_, total) =>
			markOfTotal(vprMath5Of2021MarkScale.thresholds, total)
		);

		expect(marks.join('')).toBe('222222233334444555555');
		expect(vprMath5Of2021MarkScale.conditions).toEqual([]);
	});
});

describe('ogeMathMarkScale', () => {
	it('sets the bands and the geometry condition', () => {
		const scale = ogeMathMarkScale([15, 16, 17]);
		const cuts = scale.thresholds.map((t) => [t.mark, t.minTotal]);

		expect(cuts).toEqual([
			[2, 0],
			[3, 8],
			[4, 15],
			[5, 22]
		]);
		expect(scale.conditions).toMatchObject([
			{ fromMark: 3, positions: [15, 16, 17], minPoints: 2 }
		]);
	});

	it('requires the geometry positions', () => {
		expect(() => ogeMathMarkScale([])).toThrow(RangeError);
	});
});

describe('defaultMarkScaleFor', () => {
	it('finds the ВПР 2021 scale', () => {
		const scale = defaultMarkScaleFor({ kind: 'vpr', subject: 'математика', grade: 5, year: 2021 });

		expect(scale).toBe(vprMath5Of2021MarkScale);
	});

	it('derives the ОГЭ geometry positions from labels', () => {
		const tasks = Array.from({ length: 25 }, (_, i) => makeTask(String(i + 1), i + 1));
		const scale = defaultMarkScaleFor(
			{ kind: 'oge', subject: 'Математика', grade: 9, year: 2024 },
			tasks
		);

		expect(scale?.conditions[0].positions).toEqual(ogeMathGeometryTaskLabels.map(Number));
	});

	it('has no scale for other procedures', () => {
		expect(
			defaultMarkScaleFor({ kind: 'vpr', subject: 'Русский язык', grade: 5, year: 2021 })
		).toBeUndefined();
		expect(
			defaultMarkScaleFor({ kind: 'oge', subject: 'Математика', grade: 9, year: 2024 })
		).toBeUndefined();
	});
});
