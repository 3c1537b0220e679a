import {
	planGroupLabels,
	planGroups,
	standardEditionLabels,
	studyFormLabels,
	type CurriculumPlan,
	type PlanGroup
} from './curriculum-plan.schema';
import { planTotals } from './curriculum-plan';
import {
	defaultCurriculumNorms,
	educationLevelLabels,
	formatSource,
	levelOfGrade,
	levelTotalFor,
	weeklyMaxForGrade,
	weeksForGrade,
	type CurriculumNorms,
	type NormSource
} from './curriculum-norms';

/**
 * Checks of an individual curriculum plan against the norms in curriculum-norms.ts. Every
 * result names its rule, the source and edition of the norm, the row where there is one and
 * the numbers, in Russian. A failed check also tells what to change.
 */

export type RuleId =
	'plan-incomplete' | 'hours-year' | 'weekly-max' | 'level-total' | 'extramural-deadline';

export interface RuleResult {
	rule: RuleId;
	passed: boolean;
	/** `error` breaks a norm; `warning` is an omission in the plan itself. */
	severity: 'error' | 'warning';
	message: string;
	source: NormSource | null;
	group?: PlanGroup | 'additional';
	rowId?: string;
	numbers: Record<string, number>;
	/**
	 * For the level total: `actual` when every other grade of the level has its hours in the
	 * plan, `projected` when the current year's hours stand in for the missing grades.
	 */
	basis?: 'actual' | 'projected';
}

export interface PlanCheck {
	/** True when no result failed with severity `error`. */
	ok: boolean;
	results: RuleResult[];
	/** The failed results. */
	findings: RuleResult[];
}

const hours = (value: number) => String(value).replace('.', ',');

function weekWord(count: number): string {
	const lastTwo = count % 100;
	const last = count % 10;
	if (lastTwo >= 11 && lastTwo <= 14) return 'недель';
	if (last === 1) return 'неделя';
	return last >= 2 && last <= 4 ? 'недели' : 'недель';
}

function incomplete(message: string): RuleResult {
	return {
		rule: 'plan-incomplete',
		passed: false,
		severity: 'warning',
		message,
		source: null,
		numbers: {}
	};
}

/** Checks a plan; `norms` default to the federal ones, with any school rows put first. */
export function checkCurriculumPlan(
	plan: CurriculumPlan,
	norms: CurriculumNorms = defaultCurriculumNorms
): PlanCheck {
	const results: RuleResult[] = [];
	const { grade, weekDays } = plan.info;
	if (grade === null)
		results.push(incomplete('Не указан класс: без него нельзя проверить часы по нормам.'));
	if (weekDays === null)
		results.push(incomplete('Не указана длина учебной недели (5 или 6 дней).'));

	const weeks = grade === null ? null : weeksForGrade(norms, grade);
	if (weeks) results.push(...checkYearHours(plan, weeks.weeks, weeks.source, grade as number));
	results.push(...checkDeadlines(plan));
	if (grade !== null && weekDays !== null) {
		const weekly = checkWeeklyMax(plan, norms, grade, weekDays);
		if (weekly) results.push(weekly);
	}
	if (grade !== null && weeks) {
		const level = checkLevelTotal(plan, norms, grade, weeks.weeks);
		if (level) results.push(level);
	}

	const findings = results.filter((result) => !result.passed);
	return { ok: !findings.some((result) => result.severity === 'error'), results, findings };
}

function rowsOf(plan: CurriculumPlan) {
	const rows: {
		group: PlanGroup | 'additional';
		id: string;
		name: string;
		week: number | null;
		year: number | null;
	}[] = [];
	for (const group of planGroups) {
		for (const row of plan[group]) {
			rows.push({ group, id: row.id, name: row.subject, week: row.hoursWeek, year: row.hoursYear });
		}
	}
	for (const row of plan.additional) {
		rows.push({
			group: 'additional',
			id: row.id,
			name: row.course,
			week: row.hoursWeek,
			year: row.hoursYear
		});
	}
	return rows;
}

function groupName(group: PlanGroup | 'additional'): string {
	return group === 'additional'
		? 'дополнительное образование'
		: planGroupLabels[group].toLowerCase();
}

/** Rule: hours a year = hours a week × weeks of the grade, row by row. */
function checkYearHours(
	plan: CurriculumPlan,
	weeks: number,
	source: NormSource,
	grade: number
): RuleResult[] {
	const results: RuleResult[] = [];
	const rule = `часы в год = часы в неделю × ${weeks} учебных ${weekWord(weeks)} (${grade} класс; ${formatSource(source)})`;
	for (const row of rowsOf(plan)) {
		if (row.week === null && row.year === null) continue;
		const where = `«${row.name || 'без названия'}» (${groupName(row.group)})`;
		const base = {
			rule: 'hours-year' as const,
			severity: 'error' as const,
			source,
			group: row.group,
			rowId: row.id
		};
		if (row.week === null || row.year === null) {
			const missing = row.week === null ? 'часы в неделю' : 'часы в год';
			results.push({
				...base,
				passed: false,
				message: `${where}: не указаны ${missing}. Правило: ${rule}.`,
				numbers: { weeks }
			});
			continue;
		}
		const expected = Math.round(row.week * weeks * 100) / 100;
		const passed = Math.abs(expected - row.year) < 1e-6;
		const numbers = { hoursWeek: row.week, hoursYear: row.year, weeks, expected };
		const message = passed
			? `${where}: ${hours(row.week)} × ${weeks} = ${hours(expected)} ч в год — верно.`
			: `${where}: ${hours(row.week)} ч в неделю × ${weeks} ${weekWord(weeks)} = ${hours(expected)} ч в год, а указано ${hours(row.year)}. Исправьте часы в год или в неделю. Правило: ${rule}.`;
		results.push({ ...base, passed, message, numbers });
	}
	return results;
}

/** Rule: the weekly total of the three groups is within the sanitary maximum. */
function checkWeeklyMax(
	plan: CurriculumPlan,
	norms: CurriculumNorms,
	grade: number,
	weekDays: 5 | 6
): RuleResult | null {
	const norm = weeklyMaxForGrade(norms, grade);
	if (!norm) return null;
	const total = planTotals(plan, null).total.hoursWeek;
	const week = weekDays === 5 ? 'пятидневной' : 'шестидневной';
	const base = { rule: 'weekly-max' as const, severity: 'error' as const, source: norm.source };
	const maximum = weekDays === 5 ? norm.fiveDay : norm.sixDay;
	if (maximum === null) {
		const message = `Для ${grade} класса ${week} учебной недели нормы не предусматривают. Выберите пятидневную неделю. Источник: ${formatSource(norm.source)}.`;
		return { ...base, passed: false, message, numbers: { hoursWeek: total } };
	}
	const passed = total <= maximum;
	const numbers = { hoursWeek: total, maximum };
	const message = passed
		? `Недельная нагрузка ${hours(total)} ч не превышает максимум ${maximum} ч для ${grade} класса при ${week} неделе (${formatSource(norm.source)}).`
		: `Недельная нагрузка ${hours(total)} ч превышает максимум ${maximum} ч для ${grade} класса при ${week} неделе. Уменьшите часы на ${hours(Math.round((total - maximum) * 100) / 100)} ч в неделю. Источник: ${formatSource(norm.source)}.`;
	return { ...base, passed, message, numbers };
}

/**
 * Rule: the hours of all grades of the level are within the chosen standard's range. Grades
 * without hours in `otherYears` are assumed to carry the current year's hours, and the
 * message names them.
 */
function checkLevelTotal(
	plan: CurriculumPlan,
	norms: CurriculumNorms,
	grade: number,
	weeks: number
): RuleResult | null {
	const level = levelOfGrade(grade);
	if (!level) return null;
	const norm = levelTotalFor(norms, level, plan.info.standard);
	const base = { rule: 'level-total' as const, severity: 'error' as const };
	if (!norm || norm.level !== level) {
		const chosen = plan.info.standard ? standardEditionLabels[plan.info.standard] : 'не выбран';
		const message = `Стандарт ${chosen} не задаёт часы уровня ${educationLevelLabels[level]}, к которому относится ${grade} класс. Выберите стандарт этого уровня.`;
		return { ...base, passed: false, message, source: norm?.source ?? null, numbers: {} };
	}

	const current = planTotals(plan, weeks).total.hoursYear;
	const parts: string[] = [];
	const projected: number[] = [];
	let sum = 0;
	for (let year = norm.grades[0]; year <= norm.grades[1]; year++) {
		const given = year === grade ? current : plan.info.otherYears[String(year)];
		const value = given ?? current;
		if (given === undefined) projected.push(year);
		sum += value;
		parts.push(
			`${hours(value)} (${year} кл.${given === undefined ? ', оценка по нагрузке текущего года' : ''})`
		);
	}
	sum = Math.round(sum * 100) / 100;
	const passed = sum >= norm.min && sum <= norm.max;
	const range = `допустимо ${norm.min}–${norm.max} ч (${formatSource(norm.source)})`;
	const verdict = passed
		? 'В пределах нормы.'
		: sum > norm.max
			? `Сократите часы на ${hours(Math.round((sum - norm.max) * 100) / 100)} за уровень.`
			: `Добавьте ${hours(Math.round((norm.min - sum) * 100) / 100)} ч за уровень.`;
	const message = `Часы уровня ${educationLevelLabels[level]}: ${parts.join(' + ')} = ${hours(sum)} ч; ${range}. ${verdict}`;
	return {
		...base,
		passed,
		message,
		source: norm.source,
		numbers: { total: sum, min: norm.min, max: norm.max, currentYear: current },
		basis: projected.length > 0 ? 'projected' : 'actual'
	};
}

/** Rule of the plan form: an externally studied subject needs a deadline. */
function checkDeadlines(plan: CurriculumPlan): RuleResult[] {
	const results: RuleResult[] = [];
	for (const group of planGroups) {
		for (const row of plan[group]) {
			if (row.form !== 'extramural' || row.deadline !== null) continue;
			results.push({
				rule: 'extramural-deadline',
				passed: false,
				severity: 'warning',
				message: `«${row.subject || 'без названия'}» (${groupName(group)}): форма обучения ${studyFormLabels.extramural}, но не указан срок сдачи. Укажите срок.`,
				source: null,
				group,
				rowId: row.id,
				numbers: {}
			});
		}
	}
	return results;
}
