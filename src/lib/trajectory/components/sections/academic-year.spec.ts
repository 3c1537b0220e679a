import { describe, expect, it } from 'vitest';
import { academicYearOf } from './academic-year';

describe('academicYearOf', () => {
	it('starts a year on 1 September', () => {
		expect(academicYearOf(new Date(2025, 8, 1))).toBe('2025/2026');
	});

	it('counts August in the year before', () => {
		expect(academicYearOf(new Date(2025, 7, 31))).toBe('2024/2025');
	});

	it('counts January in the year that began in September', () => {
		expect(academicYearOf(new Date(2026, 0, 15))).toBe('2025/2026');
	});
});
