import { describe, expect, it } from 'vitest';
import { formatDateOrMonth, parseDateOrMonth } from './date-text';

describe('parseDateOrMonth', () => {
	it.each([
		['25.05.2019', '2019-05-25'],
		['5.9.2024', '2024-09-05'],
		['05.2019', '2019-05'],
		['май 2019', '2019-05'],
		['Мая 2019 г.', '2019-05'],
		['сент. 2024', '2024-09'],
		['Март 2020', '2020-03'],
		['2019-05', '2019-05'],
		['2019-05-25', '2019-05-25']
	])('reads %s as %s', (typed, stored) => {
		expect(parseDateOrMonth(typed)).toBe(stored);
	});

	it('removes the value of an empty field', () => {
		expect(parseDateOrMonth('   ')).toBeUndefined();
	});

	it('keeps unknown text as typed', () => {
		expect(parseDateOrMonth(' весной ')).toBe('весной');
	});
});

describe('formatDateOrMonth', () => {
	it('shows a date with dots', () => {
		expect(formatDateOrMonth('2019-05-25')).toBe('25.05.2019');
	});

	it('shows a month by name', () => {
		expect(formatDateOrMonth('2019-05')).toBe('май 2019');
	});

	it('shows other text unchanged', () => {
		expect(formatDateOrMonth('весной')).toBe('весной');
	});

	it('shows nothing for a missing value', () => {
		expect(formatDateOrMonth(null)).toBe('');
	});

	it('round-trips what it shows', () => {
		for (const stored of ['2024-09', '2024-12-31']) {
			expect(parseDateOrMonth(formatDateOrMonth(stored))).toBe(stored);
		}
	});
});
