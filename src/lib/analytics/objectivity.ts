import { MISSING, type ResultMatrix } from '$lib/assessment/result-matrix';
import { fillRows, type Grouping } from './groups';
import type { MarkRules } from './marks';

/**
 * Signs of objectivity from the federal methodology of 2019 for ВПР results. They are test
 * marks lower, equal or higher than the journal mark, and marks that differ by two or more.
 * Peaks of the score histogram right at the mark cut-offs are another sign, and so is a
 * negative or near-zero rank correlation between journal marks and totals.
 */
export interface Objectivity {
	/** Students with both a test mark and a journal mark. */
	compared: number;
	lowered: number;
	confirmed: number;
	raised: number;
	/** Shares of `compared`; NaN when no student was compared. */
	loweredShare: number;
	confirmedShare: number;
	raisedShare: number;
	/** Rows of the students whose test mark differs from the journal mark by two or more. */
	differByTwo: Int32Array;
	/** Present students per total, 0 … the highest total in the file. */
	histogram: Int32Array;
	cutoffs: CutoffJump[];
	/** Spearman's rho of journal marks and totals, ties ranked by their mean; null if undefined. */
	spearman: number | null;
	spearmanPairs: number;
}

/** Students exactly at a mark's lowest total against those one point below it. */
export interface CutoffJump {
	mark: number;
	minTotal: number;
	atCutoff: number;
	belowCutoff: number;
	/** atCutoff / belowCutoff; Infinity when only the cut-off total has students. */
	ratio: number;
}

/** Objectivity of every group of a grouping, as typed tables indexed by group. */
export interface ObjectivityTable {
	compared: Int32Array;
	lowered: Int32Array;
	confirmed: Int32Array;
	raised: Int32Array;
	/** Rows whose marks differ by two or more, CSR by group: `rows[offsets[g] .. offsets[g + 1])`. */
	differByTwo: { offsets: Int32Array; rows: Int32Array };
	/** Present students per total: `histogram[g * histogramLength + total]`. */
	histogram: Int32Array;
	histogramLength: number;
	/** NaN where undefined: under 3 pairs, or a constant mark or total. */
	spearman: Float64Array;
	spearmanPairs: Int32Array;
}

/** Builds the objectivity tables in a few passes over the students, whatever the group count. */
export function objectivityTable(
	matrix: ResultMatrix,
	grouping: Grouping,
	marks: Int8Array,
	totals: Int16Array,
	histogramLength: number
): ObjectivityTable {
	const G = grouping.labels.length;
	const H = histogramLength;
	let J = 1;
	for (let s = 0; s < matrix.studentCount; s++) J = Math.max(J, matrix.journalMark[s] + 1);
	const table: ObjectivityTable = {
		compared: new Int32Array(G),
		lowered: new Int32Array(G),
		confirmed: new Int32Array(G),
		raised: new Int32Array(G),
		differByTwo: { offsets: new Int32Array(G + 1), rows: new Int32Array(0) },
		histogram: new Int32Array(G * H),
		histogramLength: H,
		spearman: new Float64Array(G),
		spearmanPairs: new Int32Array(G)
	};
	const pairedTotals = new Int32Array(G * H);
	const pairedJournal = new Int32Array(G * J);
	const differs = (s: number) =>
		marks[s] !== MISSING &&
		matrix.journalMark[s] >= 0 &&
		Math.abs(marks[s] - matrix.journalMark[s]) >= 2;

	for (let s = 0; s < matrix.studentCount; s++) {
		const g = grouping.groupOf[s];
		if (g < 0 || !matrix.present[s]) continue;
		const total = totals[s];
		const journal = matrix.journalMark[s];
		if (total >= 0) table.histogram[g * H + total]++;
		if (total >= 0 && journal >= 0) {
			pairedTotals[g * H + total]++;
			pairedJournal[g * J + journal]++;
			table.spearmanPairs[g]++;
		}
		if (marks[s] === MISSING || journal < 0) continue;
		table.compared[g]++;
		if (marks[s] < journal) table.lowered[g]++;
		else if (marks[s] === journal) table.confirmed[g]++;
		else table.raised[g]++;
		if (differs(s)) table.differByTwo.offsets[g + 1]++;
	}
	table.differByTwo.rows = fillRows(grouping, table.differByTwo.offsets, differs);
	writeSpearman(
		matrix,
		grouping,
		totals,
		table,
		averageRanksByGroup(pairedTotals, H),
		averageRanksByGroup(pairedJournal, J),
		J
	);
	return table;
}

/**
 * Averaged ranks of small-integer values from their counts, per group: the students of a
 * group holding value v take ranks below+1 … below+count, whose mean is below + (count + 1) / 2.
 */
export function averageRanksByGroup(counts: Int32Array, width: number): Float64Array {
	const ranks = new Float64Array(counts.length);
	for (let start = 0; start < counts.length; start += width) {
		let below = 0;
		for (let v = start; v < start + width; v++) {
			ranks[v] = below + (counts[v] + 1) / 2;
			below += counts[v];
		}
	}
	return ranks;
}

/** Spearman's rho as Pearson's r of the averaged ranks of journal marks and totals. */
function writeSpearman(
	matrix: ResultMatrix,
	grouping: Grouping,
	totals: Int16Array,
	table: ObjectivityTable,
	totalRanks: Float64Array,
	journalRanks: Float64Array,
	J: number
): void {
	const G = grouping.labels.length;
	const H = table.histogramLength;
	// Per group: Σx, Σy, Σx², Σy², Σxy of the ranks.
	const sums = new Float64Array(G * 5);
	for (let s = 0; s < matrix.studentCount; s++) {
		const g = grouping.groupOf[s];
		const journal = matrix.journalMark[s];
		if (g < 0 || !matrix.present[s] || totals[s] < 0 || journal < 0) continue;
		const x = journalRanks[g * J + journal];
		const y = totalRanks[g * H + totals[s]];
		const at = g * 5;
		sums[at] += x;
		sums[at + 1] += y;
		sums[at + 2] += x * x;
		sums[at + 3] += y * y;
		sums[at + 4] += x * y;
	}
	for (let g = 0; g < G; g++) {
		const n = table.spearmanPairs[g];
		const at = g * 5;
		const sx = sums[at];
		const sy = sums[at + 1];
		const sxx = sums[at + 2];
		const syy = sums[at + 3];
		const sxy = sums[at + 4];
		const denominator = Math.sqrt((sxx - (sx * sx) / n) * (syy - (sy * sy) / n));
		table.spearman[g] = n >= 3 && denominator > 0 ? (sxy - (sx * sy) / n) / denominator : NaN;
	}
}

/** Builds the objectivity report of group g for display. */
export function objectivityAt(
	table: ObjectivityTable,
	g: number,
	rules: Pick<MarkRules, 'marks' | 'minTotals'>
): Objectivity {
	const compared = table.compared[g];
	const H = table.histogramLength;
	const histogram = table.histogram.subarray(g * H, (g + 1) * H);
	const { offsets, rows } = table.differByTwo;
	const spearman = table.spearman[g];
	return {
		compared,
		lowered: table.lowered[g],
		confirmed: table.confirmed[g],
		raised: table.raised[g],
		loweredShare: table.lowered[g] / compared,
		confirmedShare: table.confirmed[g] / compared,
		raisedShare: table.raised[g] / compared,
		differByTwo: rows.subarray(offsets[g], offsets[g + 1]),
		histogram,
		cutoffs: cutoffJumps(histogram, rules),
		spearman: Number.isNaN(spearman) ? null : spearman,
		spearmanPairs: table.spearmanPairs[g]
	};
}

function jumpRatio(atCutoff: number, belowCutoff: number): number {
	if (belowCutoff > 0) return atCutoff / belowCutoff;
	return atCutoff > 0 ? Infinity : NaN;
}

export function cutoffJumps(
	histogram: Int32Array,
	rules: Pick<MarkRules, 'marks' | 'minTotals'>
): CutoffJump[] {
	const jumps: CutoffJump[] = [];
	for (let m = 1; m < rules.marks.length; m++) {
		const minTotal = rules.minTotals[m];
		if (!Number.isInteger(minTotal) || minTotal < 1 || minTotal >= histogram.length) continue;
		const atCutoff = histogram[minTotal];
		const belowCutoff = histogram[minTotal - 1];
		jumps.push({
			mark: rules.marks[m],
			minTotal,
			atCutoff,
			belowCutoff,
			ratio: jumpRatio(atCutoff, belowCutoff)
		});
	}
	return jumps;
}
