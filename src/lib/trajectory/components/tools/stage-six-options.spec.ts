import { describe, expect, it } from 'vitest';
import {
	defaultStageSixOptions,
	rangeProblem,
	schoolYearLabel,
	schoolYearOf
} from './stage-six-options';

describe('schoolYearOf', () => {
	it('starts in September of the same year', () => {
		expect(schoolYearOf('2025-10-15')).toEqual({ from: '2025-09-01', to: '2026-08-31' });
	});

	it('belongs to the previous year before September', () => {
		expect(schoolYearOf('2026-08-31')).toEqual({ from: '2025-09-01', to: '2026-08-31' });
	});

	it('labels the year by both calendar years', () => {
		expect(schoolYearLabel(schoolYearOf('2026-09-01'))).toBe('2026/2027');
	});
});

describe('defaultStageSixOptions', () => {
	it('splits club participation at the new year', () => {
		const options = defaultStageSixOptions('2026-03-10');

		expect(options.clubs.before).toEqual({ from: '2025-09-01', to: '2025-12-31' });
		expect(options.clubs.after).toEqual({ from: '2026-01-01', to: '2026-08-31' });
	});

	it('compares the two half-years', () => {
		expect(defaultStageSixOptions('2026-03-10').gradeChange).toEqual({
			from: 'half1',
			to: 'half2'
		});
	});
});

describe('rangeProblem', () => {
	it('accepts a range in order', () => {
		expect(rangeProblem({ from: '2025-09-01', to: '2025-12-31' })).toBeNull();
	});

	it('names both dates of a reversed range', () => {
		expect(rangeProblem({ from: '2025-12-31', to: '2025-09-01' })).toMatch(
			/31\.12\.2025.*01\.09\.2025/
		);
	});

	it('asks for a missing date', () => {
		expect(rangeProblem({ from: '', to: '2025-09-01' })).toBe('Укажите обе даты периода.');
	});
});
