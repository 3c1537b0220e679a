import { describe, expect, it } from 'vitest';
import { positionBetween, spreadPositions } from './positions';

describe('positionBetween', () => {
	it('sorts between its neighbours', () => {
		const cases: [string, string | null][] = [
			['', null],
			['', '1'],
			['1', '2'],
			['1', null],
			['z', null],
			['a1', 'a2'],
			['0i', '1'],
			['', '01']
		];
		for (const [before, after] of cases) {
			const key = positionBetween(before, after);
			expect(key > before, `${key} after ${before}`).toBe(true);
			if (after !== null) expect(key < after, `${key} before ${after}`).toBe(true);
			expect(key.endsWith('0')).toBe(false);
		}
	});

	it('keeps order over repeated inserts at one place', () => {
		const keys = ['1', '2'];
		for (let i = 0; i < 200; i++) keys.splice(1, 0, positionBetween(keys[0], keys[1]));
		const sorted = [...keys].sort();
		expect(new Set(keys).size).toBe(keys.length);
		expect(sorted[0]).toBe('1');
		expect(sorted.at(-1)).toBe('2');
	});

	it('rejects neighbours in the wrong order', () => {
		expect(() => positionBetween('b', 'a')).toThrow(/must sort before/);
		expect(() => positionBetween('a', 'a')).toThrow(/must sort before/);
	});

	it('rejects keys ending with zero', () => {
		expect(() => positionBetween('10', null)).toThrow(/must not end/);
	});
});

describe('spreadPositions', () => {
	it('returns short increasing keys for appends', () => {
		const keys = spreadPositions(100);
		expect([...keys].sort()).toEqual(keys);
		expect(Math.max(...keys.map((key) => key.length))).toBeLessThanOrEqual(4);
	});
});
