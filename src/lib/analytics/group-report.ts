import type { ResultMatrix } from '$lib/assessment/result-matrix';
import type { GroupKind, Grouping } from './groups';
import { itemStatistics, type ItemStatisticsTable } from './item-statistics';
import type { ProcedureLayout } from './layout';
import { markDistribution, type MarkDistribution, type MarkRules } from './marks';
import { groupMastery, type GroupMastery } from './mastery';
import { objectivity, type Objectivity } from './objectivity';
import type { AnalysisOptions } from './options';
import { riskSummary, type RiskSummary } from './risk-group';
import {
	groupRates,
	sumPositions,
	type GroupRates,
	type PositionSums,
	type StudentScores
} from './solve-rates';

/** Everything computed once per analysis and shared by the groups. */
export interface AnalysisContext {
	matrix: ResultMatrix;
	layout: ProcedureLayout;
	options: AnalysisOptions;
	rules: MarkRules;
	thresholds: Float64Array;
	scores: StudentScores;
	marks: Int8Array;
	risk: Uint8Array;
	/** Length of total histograms: one past the highest total of either kind in the file. */
	histogramLength: number;
}

/** The statistics of every group of one grouping, as typed tables. */
export interface GroupTables {
	grouping: Grouping;
	sums: PositionSums;
	rates: GroupRates;
	mastery: GroupMastery;
	marks: MarkDistribution;
	items: ItemStatisticsTable;
}

export function computeTables(context: AnalysisContext, grouping: Grouping): GroupTables {
	const { matrix, layout, options, thresholds } = context;
	const sums = sumPositions(matrix, layout, grouping, options);
	const rates = groupRates(sums, layout, thresholds);
	return {
		grouping,
		sums,
		rates,
		mastery: groupMastery(sums, rates, thresholds, options.minGroupSize),
		marks: markDistribution(context.marks, context.rules, grouping),
		items: itemStatistics(matrix, layout, grouping, context.scores.cellTotals, options.minAlphaSize)
	};
}

export interface ItemReport {
	facility: Float64Array;
	mean: Float64Array;
	sd: Float64Array;
	discrimination: Float64Array;
	itemTotal: Float64Array;
	correctedItemTotal: Float64Array;
	/** Null under `minAlphaSize` present students. */
	alpha: number | null;
	alphaIfDeleted: Float64Array | null;
	totalMean: number;
	totalSd: number;
	/** Students per sum of cells, 0 … the highest in the file. */
	distribution: Int32Array;
}

/** The report of one group. Per-column and per-skill arrays follow the layout's order. */
export interface GroupReport {
	kind: GroupKind;
	key: string;
	label: string;
	/** The school id, or null for groups that span schools. */
	school: string | null;
	/** Rows listed in the file, absent students included. */
	listed: number;
	present: number;
	/** False under `minGroupSize` present students: show figures as indicative only. */
	reliable: boolean;
	solveRate: number;
	positionRates: Float64Array;
	skillRates: Float64Array;
	skillThresholds: Float64Array;
	/** This group's solve rates minus the reference group's, in shares. */
	versusReference: { solveRate: number; positions: Float64Array; skills: Float64Array };
	/** Mastery codes (see Mastery) per column and per skill. */
	mastery: { positions: Int8Array; skills: Int8Array };
	marks: { marks: number[]; counts: Int32Array; shares: Float64Array; marked: number };
	risk: RiskSummary;
	objectivity: Objectivity;
	items: ItemReport;
}

export function groupReport(
	context: AnalysisContext,
	tables: GroupTables,
	g: number,
	reference: GroupTables
): GroupReport {
	const { layout } = context;
	const P = layout.positionCount;
	const K = layout.skillCodes.length;
	const { grouping, rates, mastery } = tables;
	const positionRates = rates.positions.subarray(g * P, (g + 1) * P);
	const skillRates = rates.skills.subarray(g * K, (g + 1) * K);
	const school = grouping.schoolOf[g];
	return {
		kind: grouping.kind,
		key: grouping.keys[g],
		label: grouping.labels[g],
		school: school >= 0 ? context.matrix.schools[school] : null,
		listed: grouping.offsets[g + 1] - grouping.offsets[g],
		present: tables.sums.students[g],
		reliable: mastery.reliable[g] === 1,
		solveRate: rates.overall[g],
		positionRates,
		skillRates,
		skillThresholds: rates.skillThresholds.subarray(g * K, (g + 1) * K),
		versusReference: {
			solveRate: rates.overall[g] - reference.rates.overall[0],
			positions: difference(positionRates, reference.rates.positions.subarray(0, P)),
			skills: difference(skillRates, reference.rates.skills.subarray(0, K))
		},
		mastery: {
			positions: mastery.positions.subarray(g * P, (g + 1) * P),
			skills: mastery.skills.subarray(g * K, (g + 1) * K)
		},
		marks: marksOf(tables.marks, g),
		risk: riskSummary(grouping, g, context.marks, context.risk, context.rules),
		objectivity: objectivity(
			context.matrix,
			grouping,
			g,
			context.marks,
			context.scores.totals,
			context.rules,
			context.histogramLength
		),
		items: itemsOf(tables.items, g, P)
	};
}

function difference(a: Float64Array, b: Float64Array): Float64Array {
	const out = new Float64Array(a.length);
	for (let i = 0; i < a.length; i++) out[i] = a[i] - b[i];
	return out;
}

function marksOf(distribution: MarkDistribution, g: number): GroupReport['marks'] {
	const M = distribution.marks.length;
	const counts = distribution.counts.subarray(g * M, (g + 1) * M);
	const marked = distribution.marked[g];
	return {
		marks: Array.from(distribution.marks),
		counts,
		shares: Float64Array.from(counts, (count) => (marked > 0 ? count / marked : NaN)),
		marked
	};
}

function itemsOf(table: ItemStatisticsTable, g: number, P: number): ItemReport {
	const slice = (values: Float64Array) => values.subarray(g * P, (g + 1) * P);
	const alpha = table.alpha[g];
	const H = table.distributionLength;
	return {
		facility: slice(table.facility),
		mean: slice(table.mean),
		sd: slice(table.sd),
		discrimination: slice(table.discrimination),
		itemTotal: slice(table.itemTotal),
		correctedItemTotal: slice(table.correctedItemTotal),
		alpha: Number.isNaN(alpha) ? null : alpha,
		alphaIfDeleted: Number.isNaN(alpha) ? null : slice(table.alphaIfDeleted),
		totalMean: table.totalMean[g],
		totalSd: table.totalSd[g],
		distribution: table.distribution.subarray(g * H, (g + 1) * H)
	};
}
