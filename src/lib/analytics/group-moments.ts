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
import { buildLevels } from './moment-records';

/**
 * The one pass over the cells. It gathers per group the moments that item statistics need
 * and, from the same sums, the points earned and possible per column. A not-taught cell
 * contains 0 points, so only the points possible depend on the not-taught rule.
 *
 * Coarser groupings are summed from these moments (see moment-records.ts).
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
	const write = (tables: MeasuredGroups, g: number, m: Moments, counts: ArrayLike<number>) =>
		writeGroup(tables, g, m, counts, layout, options.minAlphaSize);
	const levels = buildLevels(grouping, coarser, P, H, (level) =>
		measuredTables(coarser[level].labels.length, P, H)
	);
	const out = measuredTables(grouping.labels.length, P, H);

	for (let g = 0; g < grouping.labels.length; g++) {
		collect(matrix, grouping, g, cellTotals, moments);
		if (exclude) countNotTaught(matrix, grouping, g, notTaught);
		else notTaught.fill(0);
		write(out, g, moments, notTaught);
		levels[0]?.addMoments(g, moments, notTaught, write);
	}
	for (const level of levels) level.finish(write);
	return { groups: out, coarser: levels.map((level) => level.tables) };
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
