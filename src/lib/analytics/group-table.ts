import type { ResultMatrix } from '$lib/assessment/result-matrix';
import type { MeasuredGroups } from './group-moments';
import type { GroupKind, Grouping } from './groups';
import type { ItemStatisticsTable } from './item-statistics';
import type { ProcedureLayout } from './layout';
import { markDistribution, type MarkDistribution, type MarkRules } from './marks';
import { groupMastery, type GroupMastery } from './mastery';
import { objectivityTable, type ObjectivityTable } from './objectivity';
import type { AnalysisOptions } from './options';
import { riskTable, type RiskTable } from './risk-group';
import { groupRates, type StudentScores } from './solve-rates';

/** Everything computed once per analysis and shared by the groupings. */
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

/**
 * The statistics of every group of one grouping, as typed tables: a per-group number at
 * index g, a per-column value at g * positionCount + p, a per-skill value at
 * g * skillCount + k. `groupAt` turns one group into a `GroupReport`.
 */
export interface GroupTable {
	kind: GroupKind;
	keys: string[];
	labels: string[];
	/** School id per group, or null for groups that span schools. */
	schools: (string | null)[];
	positionCount: number;
	skillCount: number;
	/** Rows listed in the file, absent students included. */
	listed: Int32Array;
	present: Int32Array;
	solveRate: Float64Array;
	positionRates: Float64Array;
	skillRates: Float64Array;
	skillThresholds: Float64Array;
	/** This group's solve rates minus the reference group's, in shares. */
	versusReference: { solveRate: Float64Array; positions: Float64Array; skills: Float64Array };
	mastery: GroupMastery;
	marks: MarkDistribution;
	/** Mark cut-offs, for the jumps of the histogram at each. */
	cutoffs: Pick<MarkRules, 'marks' | 'minTotals'>;
	risk: RiskTable;
	objectivity: ObjectivityTable;
	items: ItemStatisticsTable;
}

/** Solve rates of the reference group that every group is compared with. */
export interface ReferenceRates {
	solveRate: number;
	positions: Float64Array;
	skills: Float64Array;
}

export function referenceRatesOf(table: GroupTable, g = 0): ReferenceRates {
	const P = table.positionCount;
	const K = table.skillCount;
	return {
		solveRate: table.solveRate[g],
		positions: table.positionRates.slice(g * P, (g + 1) * P),
		skills: table.skillRates.slice(g * K, (g + 1) * K)
	};
}

/** Builds the tables of a grouping from its measured moments (see `measureGroups`). */
export function computeGroupTable(
	context: AnalysisContext,
	grouping: Grouping,
	{ sums, items }: MeasuredGroups,
	reference: ReferenceRates | null
): GroupTable {
	const { matrix, layout, options, thresholds, scores, marks } = context;
	const rates = groupRates(sums, layout, thresholds);
	const table: GroupTable = {
		kind: grouping.kind,
		keys: grouping.keys,
		labels: grouping.labels,
		schools: Array.from(grouping.schoolOf, (s) => (s >= 0 ? matrix.schools[s] : null)),
		positionCount: layout.positionCount,
		skillCount: layout.skillCodes.length,
		listed: listedCounts(grouping),
		present: sums.students,
		solveRate: rates.overall,
		positionRates: rates.positions,
		skillRates: rates.skills,
		skillThresholds: rates.skillThresholds,
		versusReference: {
			solveRate: new Float64Array(0),
			positions: new Float64Array(0),
			skills: new Float64Array(0)
		},
		mastery: groupMastery(sums, rates, thresholds, options.minGroupSize),
		marks: markDistribution(marks, context.rules, grouping),
		cutoffs: { marks: context.rules.marks, minTotals: context.rules.minTotals },
		risk: riskTable(grouping, marks, context.risk, context.rules),
		objectivity: objectivityTable(matrix, grouping, marks, scores.totals, context.histogramLength),
		items
	};
	table.versusReference = compareWith(table, reference ?? referenceRatesOf(table));
	return table;
}

function listedCounts(grouping: Grouping): Int32Array {
	const listed = new Int32Array(grouping.labels.length);
	for (let g = 0; g < listed.length; g++) listed[g] = grouping.offsets[g + 1] - grouping.offsets[g];
	return listed;
}

function compareWith(table: GroupTable, reference: ReferenceRates): GroupTable['versusReference'] {
	return {
		solveRate: subtract(table.solveRate, Float64Array.of(reference.solveRate)),
		positions: subtract(table.positionRates, reference.positions),
		skills: subtract(table.skillRates, reference.skills)
	};
}

/** Subtracts `base` from each run of `base.length` values. */
function subtract(values: Float64Array, base: Float64Array): Float64Array {
	const out = new Float64Array(values.length);
	const width = base.length;
	for (let i = 0; i < values.length; i += width) {
		for (let j = 0; j < width; j++) out[i + j] = values[i + j] - base[j];
	}
	return out;
}
