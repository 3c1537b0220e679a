import type { DateRange, StageSixOptions } from '$lib/trajectory/group-view';

/**
 * Default periods of the stage-6 figures. A Russian school year starts on 1 September, so the
 * default period runs from 1 September to 31 August of the year that contains `today`. Club
 * participation compares its first half (September–December) with the rest, and grades
 * compare the marks of the I and II half-year.
 */

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

/** Returns the school year that contains the local day `today` (`YYYY-MM-DD`). */
export function schoolYearOf(today: string): DateRange {
	const [year, month] = today.split('-').map(Number);
	const start = month >= 9 ? year : year - 1;
	return { from: `${start}-09-01`, to: `${start + 1}-08-31` };
}

/** Returns the stage-6 options for the school year of `today`. */
export function defaultStageSixOptions(today: string): Required<StageSixOptions> {
	const period = schoolYearOf(today);
	const startYear = Number(period.from.slice(0, 4));
	return {
		period,
		gradeChange: { from: 'half1', to: 'half2' },
		clubs: {
			before: { from: period.from, to: `${startYear}-12-31` },
			after: { from: `${startYear + 1}-01-01`, to: period.to }
		}
	};
}

/** Returns the label of a school year, e.g. «2025/2026». */
export function schoolYearLabel(range: DateRange): string {
	return `${range.from.slice(0, 4)}/${range.to.slice(0, 4)}`;
}

/** Checks that a range is two calendar dates in order; returns a Russian message otherwise. */
export function rangeProblem(range: DateRange): string | null {
	const date = /^\d{4}-\d{2}-\d{2}$/;
	if (!date.test(range.from) || !date.test(range.to)) return 'Укажите обе даты периода.';
	if (range.from > range.to) {
		const [fromYear, fromMonth, fromDay] = range.from.split('-').map(Number);
		const [toYear, toMonth, toDay] = range.to.split('-').map(Number);
		return `Начало периода (${pad(fromDay)}.${pad(fromMonth)}.${fromYear}) позже конца (${pad(toDay)}.${pad(toMonth)}.${toYear}). Поменяйте даты местами.`;
	}
	return null;
}
