import { MISSING, type ResultMatrix } from '$lib/assessment/result-matrix';
import { fillRows, type Grouping } from './groups';
import { passingTotal, type MarkRules } from './marks';

/**
 * Flags the risk group of a subject: present students with the lowest mark, or with a total at
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

/** Risk counts of every group, indexed by group. */
export interface RiskTable {
	/** Present students with a mark. */
	marked: Int32Array;
	/** Students with a mark above the lowest. */
	positive: Int32Array;
	/** Positive students outside the risk group: the predicted positive results. */
	predictedPositive: Int32Array;
	atRisk: Int32Array;
	/** Rows of the students at risk, CSR by group: `rows[offsets[g] .. offsets[g + 1])`. */
	offsets: Int32Array;
	rows: Int32Array;
}

export function riskTable(
	grouping: Grouping,
	marks: Int8Array,
	flags: Uint8Array,
	rules: MarkRules
): RiskTable {
	const G = grouping.labels.length;
	const lowest = rules.marks[0];
	const table: RiskTable = {
		marked: new Int32Array(G),
		positive: new Int32Array(G),
		predictedPositive: new Int32Array(G),
		atRisk: new Int32Array(G),
		offsets: new Int32Array(G + 1),
		rows: new Int32Array(0)
	};
	for (let s = 0; s < marks.length; s++) {
		const g = grouping.groupOf[s];
		if (g < 0 || marks[s] === MISSING) continue;
		table.marked[g]++;
		if (marks[s] > lowest) {
			table.positive[g]++;
			if (!flags[s]) table.predictedPositive[g]++;
		}
		if (flags[s]) table.atRisk[g]++;
	}
	table.offsets.set(table.atRisk, 1);
	table.rows = fillRows(grouping, table.offsets, (s) => flags[s] === 1);
	return table;
}

export interface RiskSummary {
	marked: number;
	positive: number;
	predictedPositive: number;
	atRisk: number;
	students: Int32Array;
}

/** Builds the risk summary of group g for display. */
export function riskAt(table: RiskTable, g: number): RiskSummary {
	return {
		marked: table.marked[g],
		positive: table.positive[g],
		predictedPositive: table.predictedPositive[g],
		atRisk: table.atRisk[g],
		students: table.rows.subarray(table.offsets[g], table.offsets[g + 1])
	};
}
