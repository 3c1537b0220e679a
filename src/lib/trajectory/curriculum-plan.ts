import type { EditSession } from '$lib/coedit';
import {
	curriculumPlanSection,
	planGroups,
	type AdditionalRow,
	type CurriculumPlan,
	type PlanGroup,
	type PlanRow
} from './curriculum-plan.schema';

export interface HoursTotal {
	hoursWeek: number;
	hoursYear: number;
}

export interface PlanTotals {
	groups: Record<PlanGroup, HoursTotal>;
	/** The plan's total («Итог»): the three groups, without additional education. */
	total: HoursTotal;
	additional: HoursTotal;
}

/** Rounds sums of halves and quarters of hours, which floating point leaves ragged. */
function roundHours(value: number): number {
	return Math.round(value * 100) / 100;
}

/**
 * Returns a row's hours a year: as entered, or hours a week × `weeks` when only those are
 * filled in and the weeks are known, else 0.
 */
export function rowHoursYear(
	row: { hoursWeek: number | null; hoursYear: number | null },
	weeks: number | null
): number {
	if (row.hoursYear !== null) return row.hoursYear;
	return row.hoursWeek !== null && weeks !== null ? row.hoursWeek * weeks : 0;
}

function sumRows(rows: (PlanRow | AdditionalRow)[], weeks: number | null): HoursTotal {
	let hoursWeek = 0;
	let hoursYear = 0;
	for (const row of rows) {
		hoursWeek += row.hoursWeek ?? 0;
		hoursYear += rowHoursYear(row, weeks);
	}
	return { hoursWeek: roundHours(hoursWeek), hoursYear: roundHours(hoursYear) };
}

/** Computes the subtotal of each group («Итого»), the total («Итог») and additional hours. */
export function planTotals(plan: CurriculumPlan, weeks: number | null): PlanTotals {
	const groups = Object.fromEntries(
		planGroups.map((group) => [group, sumRows(plan[group], weeks)])
	) as Record<PlanGroup, HoursTotal>;
	const total = planGroups.reduce(
		(sum, group) => ({
			hoursWeek: roundHours(sum.hoursWeek + groups[group].hoursWeek),
			hoursYear: roundHours(sum.hoursYear + groups[group].hoursYear)
		}),
		{ hoursWeek: 0, hoursYear: 0 }
	);
	return { groups, total, additional: sumRows(plan.additional, weeks) };
}

/**
 * Writes a whole plan into an empty plan section, e.g. a template. Rows get new ids, so two
 * replicas that both write a template get two copies: write one only into an empty plan.
 * Throws when the plan section already has rows.
 */
export function writeCurriculumPlan(session: EditSession, plan: CurriculumPlan): void {
	const layout = curriculumPlanSection.layout;
	session.transact(() => {
		const existing = [...planGroups, 'additional' as const].some(
			(part) => session.doc.getArray(`${layout.id}/${part}`).length > 0
		);
		if (existing) throw new Error('The curriculum plan already has rows; edit them instead.');
		for (const [key, value] of Object.entries(plan.info))
			session.setValue(layout, 'info', key, value);
		for (const part of [...planGroups, 'additional' as const]) {
			for (const { id: _id, ...cells } of plan[part]) session.insertRow(layout, part, cells);
		}
	});
}
