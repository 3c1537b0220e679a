import { MISSING, type ResultMatrix } from '$lib/assessment/result-matrix';
import type { Grouping } from './groups';
import type { MarkRules } from './marks';

/**
 * Signs of objectivity used by the federal methodology (Рособрнадзор, 2019): test marks
 * lower, equal or higher than the journal mark; marks that differ by two or more; peaks of
 * the score histogram right at the mark cut-offs; a negative or near-zero rank correlation
 * between journal marks and totals.
 */
export interface Objectivity {
	/** Students with both a test mark and a journal mark. */
	compared: number;
	lowered: number;
	confirmed: number;
	raised: number;
	/** Shares of `compared`; NaN when nobody was compared. */
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
	/** atCutoff / belowCutoff; Infinity when nobody is just below and someone is at it. */
	ratio: number;
}

export function objectivity(
	matrix: ResultMatrix,
	grouping: Grouping,
	g: number,
	marks: Int8Array,
	totals: Int16Array,
	rules: MarkRules,
	histogramLength: number
): Objectivity {
	const histogram = new Int32Array(histogramLength);
	const journalCounts = new Int32Array(128);
	const differByTwo: number[] = [];
	let lowered = 0;
	let confirmed = 0;
	let raised = 0;
	for (let i = grouping.offsets[g]; i < grouping.offsets[g + 1]; i++) {
		const s = grouping.members[i];
		if (!matrix.present[s]) continue;
		const total = totals[s];
		const journal = matrix.journalMark[s];
		if (total >= 0) histogram[total]++;
		if (total >= 0 && journal >= 0) journalCounts[journal]++;
		if (marks[s] === MISSING || journal < 0) continue;
		const difference = marks[s] - journal;
		if (difference < 0) lowered++;
		else if (difference === 0) confirmed++;
		else raised++;
		if (Math.abs(difference) >= 2) differByTwo.push(s);
	}
	const compared = lowered + confirmed + raised;
	const rho = spearmanOfGroup(matrix, grouping, g, totals, histogramLength, journalCounts);
	return {
		compared,
		lowered,
		confirmed,
		raised,
		loweredShare: lowered / compared,
		confirmedShare: confirmed / compared,
		raisedShare: raised / compared,
		differByTwo: Int32Array.from(differByTwo),
		histogram,
		cutoffs: cutoffJumps(histogram, rules),
		spearman: rho.value,
		spearmanPairs: rho.pairs
	};
}

function cutoffJumps(histogram: Int32Array, rules: MarkRules): CutoffJump[] {
	const jumps: CutoffJump[] = [];
	for (let m = 1; m < rules.marks.length; m++) {
		const minTotal = rules.minTotals[m];
		if (!Number.isInteger(minTotal) || minTotal < 1 || minTotal >= histogram.length) continue;
		const atCutoff = histogram[minTotal];
		const belowCutoff = histogram[minTotal - 1];
		const ratio = belowCutoff > 0 ? atCutoff / belowCutoff : atCutoff > 0 ? Infinity : NaN;
		jumps.push({ mark: rules.marks[m], minTotal, atCutoff, belowCutoff, ratio });
	}
	return jumps;
}

/**
 * Averaged ranks of small-integer values from their counts: the students holding value v
 * take ranks below+1 … below+count, whose mean is below + (count + 1) / 2.
 */
export function averageRanks(counts: ArrayLike<number>): Float64Array {
	const ranks = new Float64Array(counts.length);
	let below = 0;
	for (let v = 0; v < counts.length; v++) {
		ranks[v] = below + (counts[v] + 1) / 2;
		below += counts[v];
	}
	return ranks;
}

/**
 * Spearman's rho as Pearson's r of averaged ranks, over present students who have both a
 * journal mark and a total. The histogram also counts students without a journal mark, so
 * the ranks of totals are counted again over the pairs only.
 */
function spearmanOfGroup(
	matrix: ResultMatrix,
	grouping: Grouping,
	g: number,
	totals: Int16Array,
	histogramLength: number,
	journalCounts: Int32Array
): { value: number | null; pairs: number } {
	const pairedTotals = new Int32Array(histogramLength);
	const inPair = (s: number) =>
		matrix.present[s] === 1 && totals[s] >= 0 && matrix.journalMark[s] >= 0;
	for (let i = grouping.offsets[g]; i < grouping.offsets[g + 1]; i++) {
		const s = grouping.members[i];
		if (inPair(s)) pairedTotals[totals[s]]++;
	}
	const totalRanks = averageRanks(pairedTotals);
	const journalRanks = averageRanks(journalCounts);
	let n = 0;
	let sx = 0;
	let sy = 0;
	let sxx = 0;
	let syy = 0;
	let sxy = 0;
	for (let i = grouping.offsets[g]; i < grouping.offsets[g + 1]; i++) {
		const s = grouping.members[i];
		if (!inPair(s)) continue;
		const x = journalRanks[matrix.journalMark[s]];
		const y = totalRanks[totals[s]];
		n++;
		sx += x;
		sy += y;
		sxx += x * x;
		syy += y * y;
		sxy += x * y;
	}
	const cov = sxy - (sx * sy) / n;
	const denominator = Math.sqrt((sxx - (sx * sx) / n) * (syy - (sy * sy) / n));
	return { value: n >= 3 && denominator > 0 ? cov / denominator : null, pairs: n };
}
