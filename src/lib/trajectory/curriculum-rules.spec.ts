import { describe, expect, it } from 'vitest';
import { planTotals } from './curriculum-plan';
import { letterExamplePlan } from './curriculum-plan.fixture';
import type { CurriculumPlan, PlanRow } from './curriculum-plan.schema';
import { defaultCurriculumNorms, withSchoolNorms } from './curriculum-norms';
import { checkCurriculumPlan, type RuleId } from './curriculum-rules';

function plan(change: (plan: CurriculumPlan) => void = () => {}): CurriculumPlan {
	const value = letterExamplePlan();
	change(value);
	return value;
}

function subject(id: string, week: number | null, year: number | null): PlanRow {
	return {
		id,
		subject: `Предмет ${id}`,
		hoursWeek: week,
		hoursYear: year,
		form: 'full-time',
		deadline: null
	};
}

function failed(check: ReturnType<typeof checkCurriculumPlan>, rule: RuleId) {
	return check.findings.filter((finding) => finding.rule === rule);
}

describe('planTotals', () => {
	it('matches the subtotals of the letter’s example', () => {
		const totals = planTotals(letterExamplePlan(), 34);
		expect(totals.groups.basic).toEqual({ hoursWeek: 19, hoursYear: 646 });
		expect(totals.groups.profile).toEqual({ hoursWeek: 13, hoursYear: 442 });
		expect(totals.groups.school).toEqual({ hoursWeek: 5, hoursYear: 170 });
		expect(totals.total).toEqual({ hoursWeek: 37, hoursYear: 1258 });
		expect(totals.additional).toEqual({ hoursWeek: 16, hoursYear: 544 });
	});

	it('computes missing year hours from the weeks', () => {
		const totals = planTotals(
			plan((p) => (p.school = [subject('x', 2, null)])),
			34
		);
		expect(totals.groups.school.hoursYear).toBe(68);
	});
});

describe('checkCurriculumPlan', () => {
	it('passes the letter’s example plan', () => {
		const check = checkCurriculumPlan(letterExamplePlan());
		expect(check.findings).toEqual([]);
		expect(check.ok).toBe(true);
		expect(check.results.filter((r) => r.rule === 'hours-year')).toHaveLength(24);
	});

	it('fails 38 hours a week in grade 11', () => {
		const check = checkCurriculumPlan(
			plan((p) => {
				p.basic[0] = { ...p.basic[0], hoursWeek: 6, hoursYear: 204 };
			})
		);
		const [weekly] = failed(check, 'weekly-max');
		expect(check.ok).toBe(false);
		expect(weekly.numbers).toEqual({ hoursWeek: 38, maximum: 37 });
		expect(weekly.message).toContain(
			'Недельная нагрузка 38 ч превышает максимум 37 ч для 11 класса'
		);
		expect(weekly.message).toContain('СанПиН 1.2.3685-21, таблица 6.6');
		expect(weekly.message).toContain('ред. 2021');
	});

	it('checks year hours row by row', () => {
		const check = checkCurriculumPlan(
			plan((p) => {
				p.basic[0] = { ...p.basic[0], hoursYear: 160 };
			})
		);
		const [row] = failed(check, 'hours-year');
		expect(row.rowId).toBe('basic-1');
		expect(row.group).toBe('basic');
		expect(row.numbers).toEqual({ hoursWeek: 5, hoursYear: 160, weeks: 34, expected: 170 });
		expect(row.message).toContain('«Математика»');
		expect(row.message).toContain('5 ч в неделю × 34 недели = 170 ч в год, а указано 160');
		expect(row.message).toContain('Федеральная образовательная программа СОО, ред. 2023');
	});

	it('uses 33 weeks in grade 1', () => {
		const first = (week: number, year: number) =>
			plan((p) => {
				p.info = { ...p.info, grade: 1, weekDays: 5 };
				p.basic = [subject('a', week, year)];
				p.profile = [];
				p.school = [];
				p.additional = [];
			});
		expect(failed(checkCurriculumPlan(first(2, 66)), 'hours-year')).toEqual([]);
		expect(failed(checkCurriculumPlan(first(2, 68)), 'hours-year')).toHaveLength(1);
	});

	it('names a row with missing hours', () => {
		const check = checkCurriculumPlan(plan((p) => (p.school = [subject('y', 2, null)])));
		expect(failed(check, 'hours-year')[0].message).toContain('не указаны часы в год');
	});

	it('applies the five-day maximum', () => {
		const check = checkCurriculumPlan(plan((p) => (p.info = { ...p.info, weekDays: 5 })));
		expect(failed(check, 'weekly-max')[0].numbers).toEqual({ hoursWeek: 37, maximum: 34 });
	});

	it('rejects a six-day week in grade 1', () => {
		const check = checkCurriculumPlan(
			plan((p) => {
				p.info = { ...p.info, grade: 1, weekDays: 6 };
				p.basic = [subject('a', 2, 66)];
				p.profile = [];
				p.school = [];
				p.additional = [];
			})
		);
		expect(failed(check, 'weekly-max')[0].message).toMatch(
			/шестидневной учебной недели нормы не предусматривают/
		);
	});

	it('projects the level total and says so', () => {
		const [level] = checkCurriculumPlan(letterExamplePlan()).results.filter(
			(r) => r.rule === 'level-total'
		);
		expect(level.passed).toBe(true);
		expect(level.basis).toBe('projected');
		expect(level.numbers).toEqual({ total: 2516, min: 2170, max: 2516, currentYear: 1258 });
		expect(level.message).toContain('1258 (10 кл., оценка по нагрузке текущего года)');
		expect(level.message).toContain('изменениями 2022 года');
	});

	it('uses the other years given', () => {
		const [level] = checkCurriculumPlan(
			plan((p) => (p.info = { ...p.info, otherYears: { '10': 1100 } }))
		).results.filter((r) => r.rule === 'level-total');
		expect(level.basis).toBe('actual');
		expect(level.numbers.total).toBe(2358);
	});

	it('checks the level against the chosen edition', () => {
		const heavier = (standard: CurriculumPlan['info']['standard']) =>
			plan((p) => {
				p.info = { ...p.info, standard };
				p.basic[0] = { ...p.basic[0], hoursWeek: 6, hoursYear: 204 };
			});
		expect(failed(checkCurriculumPlan(heavier('fgos-soo-2022')), 'level-total')).toHaveLength(1);
		expect(failed(checkCurriculumPlan(heavier('fgos-soo-2012')), 'level-total')).toEqual([]);
	});

	it('checks a basic-general plan against ФГОС ООО', () => {
		const ninth = plan((p) => {
			p.info = { ...p.info, grade: 9, weekDays: 5, standard: 'fgos-ooo-2021' };
			p.basic = [subject('a', 33, 1122)];
			p.profile = [];
			p.school = [];
			p.additional = [];
		});
		const [level] = checkCurriculumPlan(ninth).results.filter((r) => r.rule === 'level-total');
		expect(level.numbers).toEqual({ total: 5610, min: 5058, max: 5848, currentYear: 1122 });
		expect(level.passed).toBe(true);
	});

	it('rejects a standard of another level', () => {
		const check = checkCurriculumPlan(
			plan((p) => (p.info = { ...p.info, standard: 'fgos-ooo-2021' }))
		);
		expect(failed(check, 'level-total')[0].message).toMatch(/Выберите стандарт этого уровня/);
	});

	it('lets a school override a norm row', () => {
		const norms = withSchoolNorms(defaultCurriculumNorms, {
			weeklyMax: [
				{
					grades: [10, 11],
					fiveDay: 34,
					sixDay: 38,
					source: { document: 'Решение управляющего совета школы', edition: '2024' }
				}
			]
		});
		const heavier = plan((p) => {
			p.info = { ...p.info, standard: 'fgos-soo-2012' };
			p.basic[0] = { ...p.basic[0], hoursWeek: 6, hoursYear: 204 };
		});
		const check = checkCurriculumPlan(heavier, norms);
		const weekly = check.results.find((r) => r.rule === 'weekly-max');
		expect(weekly?.passed).toBe(true);
		expect(weekly?.message).toContain('Решение управляющего совета школы');
	});

	it('warns about an extramural subject without a deadline', () => {
		const check = checkCurriculumPlan(
			plan((p) => {
				p.basic[1] = { ...p.basic[1], deadline: null };
			})
		);
		const [warning] = failed(check, 'extramural-deadline');
		expect(warning.rowId).toBe('basic-2');
		expect(warning.severity).toBe('warning');
		expect(check.ok).toBe(true);
	});

	it('asks for the grade and the week length', () => {
		const check = checkCurriculumPlan(
			plan((p) => (p.info = { ...p.info, grade: null, weekDays: null }))
		);
		expect(failed(check, 'plan-incomplete').map((f) => f.message)).toEqual([
			'Не указан класс: без него нельзя проверить часы по нормам.',
			'Не указана длина учебной недели (5 или 6 дней).'
		]);
	});
});
