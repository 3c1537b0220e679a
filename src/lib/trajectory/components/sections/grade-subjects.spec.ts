import { describe, expect, it } from 'vitest';
import type { PlanRow } from '$lib/trajectory/curriculum-plan.schema';
import { subjectsMissingFromGrades } from './grade-subjects';

function row(subject: string): PlanRow {
	return { id: subject, subject, hoursWeek: 1, hoursYear: 34, form: null, deadline: null };
}

function plan(basic: string[], profile: string[] = [], school: string[] = []) {
	return { basic: basic.map(row), profile: profile.map(row), school: school.map(row) };
}

describe('subjectsMissingFromGrades', () => {
	it('lists the plan subjects in group order', () => {
		expect(subjectsMissingFromGrades(plan(['Математика'], ['История'], ['Право']), [])).toEqual([
			'Математика',
			'История',
			'Право'
		]);
	});

	it('skips subjects already listed, ignoring case', () => {
		expect(subjectsMissingFromGrades(plan(['Математика', 'История']), [' математика '])).toEqual([
			'История'
		]);
	});

	it('lists a repeated subject once', () => {
		expect(subjectsMissingFromGrades(plan(['Право'], ['право']), [])).toEqual(['Право']);
	});

	it('skips rows without a subject', () => {
		expect(subjectsMissingFromGrades(plan(['  ', 'Физика']), [])).toEqual(['Физика']);
	});
});
