import type { GroupTable } from './group-table';
import type { GroupKind } from './groups';
import type { ItemStatisticsTable } from './item-statistics';
import { objectivityAt, type Objectivity } from './objectivity';
import { riskAt, type RiskSummary } from './risk-group';

export interface ItemReport {
	facility: Float64Array;
	mean: Float64Array;
	sd: Float64Array;
	discrimination: Float64Array;
	itemTotal: Float64Array;
	correctedItemTotal: Float64Array;
	/** Null under `minAlphaSize` present students, or when the total has no variance. */
	alpha: number | null;
	alphaIfDeleted: Float64Array | null;
	totalMean: number;
	totalSd: number;
	/** Students per sum of cells, 0 … the highest in the file. */
	distribution: Int32Array;
}

/** One group's statistics; per-column and per-skill arrays follow the layout's order. */
export interface GroupReport {
	kind: GroupKind;
	key: string;
	label: string;
	school: string | null;
	listed: number;
	present: number;
	/** False under `minGroupSize` present students: show figures as indicative only. */
	reliable: boolean;
	solveRate: number;
	positionRates: Float64Array;
	skillRates: Float64Array;
	skillThresholds: Float64Array;
	versusReference: { solveRate: number; positions: Float64Array; skills: Float64Array };
	/** Mastery codes (see Mastery) per column and per skill. */
	mastery: { positions: Int8Array; skills: Int8Array };
	marks: { marks: number[]; counts: Int32Array; shares: Float64Array; marked: number };
	risk: RiskSummary;
	objectivity: Objectivity;
	items: ItemReport;
}

/** Builds the report of group g from its grouping's tables; arrays are views, not copies. */
export function groupAt(table: GroupTable, g: number): GroupReport {
	const P = table.positionCount;
	const K = table.skillCount;
	const columns = <T extends Float64Array | Int8Array>(values: T) =>
		values.subarray(g * P, (g + 1) * P) as T;
	const skills = <T extends Float64Array | Int8Array>(values: T) =>
		values.subarray(g * K, (g + 1) * K) as T;
	const reference = table.versusReference;
	return {
		kind: table.kind,
		key: table.keys[g],
		label: table.labels[g],
		school: table.schools[g],
		listed: table.listed[g],
		present: table.present[g],
		reliable: table.mastery.reliable[g] === 1,
		solveRate: table.solveRate[g],
		positionRates: columns(table.positionRates),
		skillRates: skills(table.skillRates),
		skillThresholds: skills(table.skillThresholds),
		versusReference: {
			solveRate: reference.solveRate[g],
			positions: columns(reference.positions),
			skills: skills(reference.skills)
		},
		mastery: { positions: columns(table.mastery.positions), skills: skills(table.mastery.skills) },
		marks: marksAt(table, g),
		risk: riskAt(table.risk, g),
		objectivity: objectivityAt(table.objectivity, g, table.cutoffs),
		items: itemsAt(table.items, g, P)
	};
}

function marksAt(table: GroupTable, g: number): GroupReport['marks'] {
	const { marks, counts: all, marked: markedAll } = table.marks;
	const M = marks.length;
	const counts = all.subarray(g * M, (g + 1) * M);
	const marked = markedAll[g];
	return {
		marks: Array.from(marks),
		counts,
		shares: Float64Array.from(counts, (count) => (marked > 0 ? count / marked : NaN)),
		marked
	};
}

function itemsAt(table: ItemStatisticsTable, g: number, P: number): ItemReport {
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
