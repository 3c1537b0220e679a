import { CellState, type ResultMatrix } from '$lib/assessment/result-matrix';
import type { Grouping } from './groups';
import {
	allocateItemTable,
	writeItemStatistics,
	type ItemStatisticsTable,
	type Moments
} from './item-statistics';
import type { ProcedureLayout } from './layout';
import type { NotTaughtRule } from './options';
import type { PositionSums } from './solve-rates';

/**
 * The one pass over the cells. It gathers per group the moments that item statistics need
 * and, from the same sums, the points earned and possible per column. A not-taught cell
 * contains 0 points, so only the points possible depend on the not-taught rule.
 *
 * Moments add up, so coarser groupings (schools, then the file), each made of whole groups
 * of the one before, are summed from the finer moments instead of reading cells again.
 */
export interface MeasuredGroups {
	sums: PositionSums;
	items: ItemStatisticsTable;
}

type MeasureOptions = { notTaught: NotTaughtRule; minAlphaSize: number };

export function measureGroups(
	matrix: ResultMatrix,
	layout: ProcedureLayout,
	grouping: Grouping,
	cellTotals: Int16Array,
	options: MeasureOptions,
	coarser: Grouping[] = []
): { groups: MeasuredGroups; coarser: MeasuredGroups[] } {
	const P = matrix.positionCount;
	const H = histogramLength(layout, cellTotals);
	const exclude = options.notTaught === 'exclude';
	const moments = emptyMoments(P, H);
	const notTaught = new Int32Array(P);
	const stride = recordLength(P, H);
	const levels = coarser.map((parent, level) => ({
		parentOf: parentsOf(level === 0 ? grouping : coarser[level - 1], parent),
		records: new Float64Array(parent.labels.length * stride)
	}));
	const out = measuredTables(grouping.labels.length, P, H);

	for (let g = 0; g < grouping.labels.length; g++) {
		collect(matrix, grouping, g, cellTotals, moments);
		if (exclude) countNotTaught(matrix, grouping, g, notTaught);
		else notTaught.fill(0);
		writeGroup(out, g, moments, notTaught, layout, options.minAlphaSize);
		const first = levels[0];
		if (first && first.parentOf[g] >= 0) {
			addToRecord(first.records, first.parentOf[g] * stride, moments, notTaught);
		}
	}
	// Each coarser level is summed from the one below it: schools from classes, the file
	// from schools, so each record is added once.
	const summed = levels.map(({ records }, level) => {
		const next = levels[level + 1];
		const tables = measuredTables(coarser[level].labels.length, P, H);
		for (let g = 0; g < coarser[level].labels.length; g++) {
			const at = g * stride;
			const view = recordView(records, at, P, H);
			writeGroup(tables, g, view.moments, view.notTaught, layout, options.minAlphaSize);
			if (!next || next.parentOf[g] < 0) continue;
			const target = next.parentOf[g] * stride;
			for (let i = 0; i < stride; i++) next.records[target + i] += records[at + i];
		}
		return tables;
	});
	return { groups: out, coarser: summed };
}

function histogramLength(layout: ProcedureLayout, cellTotals: Int16Array): number {
	let highest = layout.maxTotal;
	for (let s = 0; s < cellTotals.length; s++) if (cellTotals[s] > highest) highest = cellTotals[s];
	return highest + 1;
}

function measuredTables(G: number, P: number, H: number): MeasuredGroups {
	const items = allocateItemTable(G, P, H);
	return {
		items,
		sums: {
			groupCount: G,
			students: items.students,
			earned: new Float64Array(G * P),
			possible: new Float64Array(G * P)
		}
	};
}

function writeGroup(
	out: MeasuredGroups,
	g: number,
	m: Moments,
	notTaught: ArrayLike<number>,
	layout: ProcedureLayout,
	minAlphaSize: number
): void {
	for (let p = 0; p < m.P; p++) {
		out.sums.earned[g * m.P + p] = m.sumX[p];
		out.sums.possible[g * m.P + p] = (m.n - notTaught[p]) * layout.maxPoints[p];
	}
	writeItemStatistics(out.items, g, m, layout.maxPoints, minAlphaSize);
}

/** Maps each group to the coarser group holding its members; throws if one spans two. */
function parentsOf(grouping: Grouping, parent: Grouping): Int32Array {
	const parentOf = new Int32Array(grouping.labels.length).fill(-1);
	for (let g = 0; g < parentOf.length; g++) {
		for (let i = grouping.offsets[g]; i < grouping.offsets[g + 1]; i++) {
			const p = parent.groupOf[grouping.members[i]];
			if (parentOf[g] === -1) parentOf[g] = p;
			else if (parentOf[g] !== p) {
				throw new Error(`Group ${grouping.keys[g]} is not inside one ${parent.kind} group`);
			}
		}
	}
	return parentOf;
}

function emptyMoments(P: number, H: number): Moments {
	return {
		P,
		H,
		n: 0,
		sumT: 0,
		sumT2: 0,
		sumX: new Int32Array(P),
		sumX2: new Int32Array(P),
		sumXT: new Int32Array(P),
		byTotal: new Int32Array(H * P),
		countByTotal: new Int32Array(H)
	};
}

/**
 * Sums over the present members of group g. Int32 sums stay exact while students × item
 * maximum × highest total is under 2^31 (a class, or a region of 26,000 with 2 × 20).
 */
function collect(
	matrix: ResultMatrix,
	grouping: Grouping,
	g: number,
	totals: Int16Array,
	m: Moments
): void {
	const { points, present } = matrix;
	const { offsets, members } = grouping;
	const { P, sumX, sumX2, sumXT, byTotal, countByTotal } = m;

	sumX.fill(0);
	sumX2.fill(0);
	sumXT.fill(0);
	byTotal.fill(0);
	countByTotal.fill(0);

	let n = 0;
	let sumT = 0;
	let sumT2 = 0;
	for (let i = offsets[g], end = offsets[g + 1]; i < end; i++) {
		const s = members[i];
		if (!present[s]) continue;
		const t = totals[s];
		n++;
		sumT += t;
		sumT2 += t * t;
		countByTotal[t]++;
		const base = t * P;
		for (let p = 0, cell = s * P; p < P; p++, cell++) {
			const x = points[cell];
			sumX[p] += x;
			sumX2[p] += x * x;
			sumXT[p] += x * t;
			byTotal[base + p] += x;
		}
	}

	m.n = n;
	m.sumT = sumT;
	m.sumT2 = sumT2;
}

function countNotTaught(
	matrix: ResultMatrix,
	grouping: Grouping,
	g: number,
	counts: Int32Array
): void {
	const P = matrix.positionCount;
	counts.fill(0);
	for (let i = grouping.offsets[g]; i < grouping.offsets[g + 1]; i++) {
		const s = grouping.members[i];
		if (!matrix.present[s]) continue;
		for (let p = 0, cell = s * P; p < P; p++, cell++) {
			if (matrix.states[cell] === CellState.notTaught) counts[p]++;
		}
	}
}

/**
 * Returns the length of the Float64 record of a coarser group's moments: n, ΣT, ΣT², then
 * Σx, Σx², Σx·T and not-taught counts per column, students per total, item points per total.
 */
function recordLength(P: number, H: number): number {
	return 3 + 4 * P + H + H * P;
}

function addToRecord(records: Float64Array, at: number, m: Moments, notTaught: Int32Array) {
	const { P, H } = m;
	records[at] += m.n;
	records[at + 1] += m.sumT;
	records[at + 2] += m.sumT2;
	let o = at + 3;
	for (let p = 0; p < P; p++, o++) records[o] += m.sumX[p];
	for (let p = 0; p < P; p++, o++) records[o] += m.sumX2[p];
	for (let p = 0; p < P; p++, o++) records[o] += m.sumXT[p];
	for (let p = 0; p < P; p++, o++) records[o] += notTaught[p];
	for (let t = 0; t < H; t++, o++) records[o] += m.countByTotal[t];
	for (let i = 0; i < H * P; i++, o++) records[o] += m.byTotal[i];
}

function recordView(records: Float64Array, at: number, P: number, H: number) {
	let o = at + 3;
	const take = (length: number) => records.subarray(o, (o += length));
	const moments: Moments = {
		P,
		H,
		n: records[at],
		sumT: records[at + 1],
		sumT2: records[at + 2],
		sumX: take(P),
		sumX2: take(P),
		sumXT: take(P),
		byTotal: new Float64Array(0),
		countByTotal: new Float64Array(0)
	};
	const notTaught = take(P);
	moments.countByTotal = take(H);
	moments.byTotal = take(H * P);
	return { moments, notTaught };
}
