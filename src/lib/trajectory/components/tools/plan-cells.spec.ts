import { describe, expect, it } from 'vitest';
import {
	followingYearHours,
	formatHours,
	formatPlanDeadline,
	parseHours,
	parsePlanDeadline
} from './plan-cells';

describe('parseHours', () => {
	it('reads a decimal comma', () => {
		expect(parseHours('0,5')).toBe(0.5);
	});

	it('reads whole and dotted numbers', () => {
		expect(parseHours(' 37 ')).toBe(37);
		expect(parseHours('1.5')).toBe(1.5);
	});

	it('returns undefined for an empty cell', () => {
		expect(parseHours('  ')).toBeUndefined();
	});

	it('keeps text that is not a number', () => {
		expect(parseHours('три')).toBe('три');
		expect(parseHours('-2')).toBe('-2');
	});
});

describe('formatHours', () => {
	it('writes halves with a comma', () => {
		expect(formatHours(0.5)).toBe('0,5');
	});

	it('shows an invalid stored value as it is', () => {
		expect(formatHours('три')).toBe('три');
		expect(formatHours(null)).toBe('');
	});
});

describe('plan deadlines', () => {
	it('reads day and month as the form prints them', () => {
		expect(parsePlanDeadline('До 10.10.')).toBe('10-10');
		expect(parsePlanDeadline('1.10')).toBe('10-01');
	});

	it('reads a full date', () => {
		expect(parsePlanDeadline('10.10.2025')).toBe('2025-10-10');
	});

	it('keeps text it cannot read', () => {
		expect(parsePlanDeadline('в октябре')).toBe('в октябре');
		expect(parsePlanDeadline('')).toBeUndefined();
	});

	it('formats both stored forms back', () => {
		expect(formatPlanDeadline('10-01')).toBe('01.10');
		expect(formatPlanDeadline('2025-10-10')).toBe('10.10.2025');
	});

	it('round-trips the letter example deadline', () => {
		expect(formatPlanDeadline(parsePlanDeadline('01.10'))).toBe('01.10');
	});
});

describe('followingYearHours', () => {
	it('fills an empty year from the week', () => {
		expect(followingYearHours(null, 5, null, 34)).toBe(170);
	});

	it('follows a year that matched the old week', () => {
		expect(followingYearHours(5, 6, 170, 34)).toBe(204);
	});

	it('leaves a year typed on purpose', () => {
		expect(followingYearHours(5, 6, 160, 34)).toBeNull();
	});

	it('does nothing without the weeks of the grade', () => {
		expect(followingYearHours(null, 5, null, null)).toBeNull();
	});

	it('rounds halves of hours', () => {
		expect(followingYearHours(null, 0.5, null, 34)).toBe(17);
	});
});
