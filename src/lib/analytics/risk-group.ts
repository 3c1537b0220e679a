import { MISSING, type ResultMatrix } from '$lib/assessment/result-matrix';
import type { Grouping } from './groups';
import { passingTotal, type MarkRules } from './marks';

/**
 * The risk group of a subject: present students with the lowest mark, or with a total at
 * most `margin` points above the lowest passing total (margin 2 and «3» from 7 points put
 * totals 7–9 in it). A student whose total is missing is in no group and no count.
 */
export function riskFlags(
	matrix: ResultMatrix,
	marks: Int8Array,
	totals: Int16Array,
	rules: MarkRules,
	margin: number
): Uint8Array {
	const lowest = rules.marks[0];
	const passing = passingTotal(rules);
	const flags = new Uint8Array(matrix.studentCount);
	for (let s = 0; s < matrix.studentCount; s++) {
		if (!matrix.present[s] || marks[s] === MISSING || totals[s] < 0) continue;
		if (marks[s] === lowest || totals[s] <= passing + margin) flags[s] = 1;
	}
	return flags;
}

export interface RiskSummary {
	/** Present students with a mark. */
	marked: number;
	/** Students with a mark above the lowest. */
	positive: number;
	/** Positive students outside the risk group: the predicted positive results. */
	predictedPositive: number;
	atRisk: number;
	/** Rows of the students at risk. */
	students: Int32Array;
}

export function riskSummary(
	grouping: Grouping,
	g: number,
	marks: Int8Array,
	flags: Uint8Array,
	rules: MarkRules
): RiskSummary {
	const lowest = rules.marks[0];
	const students: number[] = [];
	let marked = 0;
	let positive = 0;
	let predictedPositive = 0;
	for (let i = grouping.offsets[g]; i < grouping.offsets[g + 1]; i++) {
		const s = grouping.members[i];
		if (marks[s] === MISSING) continue;
		marked++;
		if (marks[s] > lowest) {
			positive++;
			if (!flags[s]) predictedPositive++;
		}
		if (flags[s]) students.push(s);
	}
	return {
		marked,
		positive,
		predictedPositive,
		atRisk: students.length,
		students: Int32Array.from(students)
	};
}
