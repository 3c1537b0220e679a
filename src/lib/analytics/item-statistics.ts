import type { ResultMatrix } from '$lib/assessment/result-matrix';
import type { Grouping } from './groups';
import type { ProcedureLayout } from './layout';

/**
 * Classical item statistics per group, over present students, with every cell that is not
 * a score counted as 0 points (as the official total does). The total is the sum of cells.
 * Variances use n − 1, as R's psych::alpha does; correlations and alpha do not depend on it.
 * Every per-item array is row-major by group, one entry per column; NaN where undefined
 * (an item or total without variance, or alpha under `minAlphaSize` students).
 */
export interface ItemStatisticsTable {
	students: Int32Array;
	/** Mean points over maximum points. */
	facility: Float64Array;
	mean: Float64Array;
	sd: Float64Array;
	/** Mean share of maximum in the top 27 % by total minus that in the bottom 27 %. */
	discrimination: Float64Array;
	/** Pearson correlation of the item with the total. */
	itemTotal: Float64Array;
	/** Pearson correlation of the item with the total of the other items. */
	correctedItemTotal: Float64Array;
	alphaIfDeleted: Float64Array;
	alpha: Float64Array;
	totalMean: Float64Array;
	totalSd: Float64Array;
	/** Students per total, row-major by group: `distribution[g * distributionLength + t]`. */
	distribution: Int32Array;
	distributionLength: number;
}

/** Share of students in each of the upper and lower groups (Kelley's 27 %). */
export const EXTREME_GROUP_SHARE = 0.27;

export function itemStatistics(
	matrix: ResultMatrix,
	layout: ProcedureLayout,
	grouping: Grouping,
	cellTotals: Int16Array,
	minAlphaSize: number
): ItemStatisticsTable {
	const P = matrix.positionCount;
	const G = grouping.labels.length;
	let highest = layout.maxTotal;
	for (let s = 0; s < cellTotals.length; s++) if (cellTotals[s] > highest) highest = cellTotals[s];
	const H = highest + 1;
	const table: ItemStatisticsTable = {
		students: new Int32Array(G),
		facility: new Float64Array(G * P),
		mean: new Float64Array(G * P),
		sd: new Float64Array(G * P),
		discrimination: new Float64Array(G * P),
		itemTotal: new Float64Array(G * P),
		correctedItemTotal: new Float64Array(G * P),
		alphaIfDeleted: new Float64Array(G * P),
		alpha: new Float64Array(G),
		totalMean: new Float64Array(G),
		totalSd: new Float64Array(G),
		distribution: new Int32Array(G * H),
		distributionLength: H
	};
	const work = new GroupMoments(P, H);
	for (let g = 0; g < G; g++) {
		work.collect(matrix, grouping, g, cellTotals);
		work.writeTo(table, g, layout, minAlphaSize);
	}
	return table;
}

/** Sums of one group: per item Σx, Σx², Σx·T, per total value the item sums, and Σ of T. */
class GroupMoments {
	readonly sumX: Float64Array;
	readonly sumX2: Float64Array;
	readonly sumXT: Float64Array;
	/** Item points summed per total value: `byTotal[t * P + p]`. */
	readonly byTotal: Float64Array;
	readonly countByTotal: Int32Array;
	private readonly varX: Float64Array;
	private readonly covXT: Float64Array;
	n = 0;
	sumT = 0;
	sumT2 = 0;

	constructor(
		readonly P: number,
		readonly H: number
	) {
		this.sumX = new Float64Array(P);
		this.sumX2 = new Float64Array(P);
		this.sumXT = new Float64Array(P);
		this.byTotal = new Float64Array(P * H);
		this.countByTotal = new Int32Array(H);
		this.varX = new Float64Array(P);
		this.covXT = new Float64Array(P);
	}

	collect(matrix: ResultMatrix, grouping: Grouping, g: number, totals: Int16Array): void {
		const P = this.P;
		this.reset();
		for (let i = grouping.offsets[g]; i < grouping.offsets[g + 1]; i++) {
			const s = grouping.members[i];
			if (!matrix.present[s]) continue;
			const t = totals[s];
			this.n++;
			this.sumT += t;
			this.sumT2 += t * t;
			this.countByTotal[t]++;
			for (let p = 0, cell = s * P; p < P; p++, cell++) {
				const x = matrix.points[cell];
				this.sumX[p] += x;
				this.sumX2[p] += x * x;
				this.sumXT[p] += x * t;
				this.byTotal[t * P + p] += x;
			}
		}
	}

	private reset(): void {
		this.n = 0;
		this.sumT = 0;
		this.sumT2 = 0;
		this.sumX.fill(0);
		this.sumX2.fill(0);
		this.sumXT.fill(0);
		this.byTotal.fill(0);
		this.countByTotal.fill(0);
	}

	writeTo(table: ItemStatisticsTable, g: number, layout: ProcedureLayout, minAlpha: number): void {
		const { n, P } = this;
		const base = g * P;
		table.students[g] = n;
		table.distribution.set(this.countByTotal, g * this.H);
		const varT = variance(this.sumT, this.sumT2, n);
		table.totalMean[g] = n > 0 ? this.sumT / n : NaN;
		table.totalSd[g] = Math.sqrt(varT);

		let sumVar = 0;
		const { varX, covXT } = this;
		for (let p = 0; p < P; p++) {
			varX[p] = variance(this.sumX[p], this.sumX2[p], n);
			covXT[p] = n > 1 ? (this.sumXT[p] - (this.sumX[p] * this.sumT) / n) / (n - 1) : NaN;
			sumVar += varX[p];
			const mean = n > 0 ? this.sumX[p] / n : NaN;
			table.mean[base + p] = mean;
			table.facility[base + p] = mean / layout.maxPoints[p];
			table.sd[base + p] = Math.sqrt(varX[p]);
			table.itemTotal[base + p] = covXT[p] / Math.sqrt(varX[p] * varT);
			const varRest = varT + varX[p] - 2 * covXT[p];
			table.correctedItemTotal[base + p] = (covXT[p] - varX[p]) / Math.sqrt(varX[p] * varRest);
		}
		const showAlpha = n >= minAlpha && n > 1;
		table.alpha[g] = showAlpha ? cronbach(P, sumVar, varT) : NaN;
		for (let p = 0; p < P; p++) {
			const varRest = varT + varX[p] - 2 * covXT[p];
			table.alphaIfDeleted[base + p] = showAlpha ? cronbach(P - 1, sumVar - varX[p], varRest) : NaN;
		}
		this.writeDiscrimination(table, base, layout);
	}

	/**
	 * Takes exactly round(27 % of n) students from each end of the total distribution. The
	 * students tied at the boundary total enter with an equal fractional weight, so the
	 * result does not depend on row order.
	 */
	private writeDiscrimination(table: ItemStatisticsTable, base: number, layout: ProcedureLayout) {
		const { P, H, n } = this;
		const size = Math.round(EXTREME_GROUP_SHARE * n);
		if (size === 0 || 2 * size > n) {
			table.discrimination.fill(NaN, base, base + P);
			return;
		}
		const upper = this.extremeSums(size, H - 1, -1);
		const lower = this.extremeSums(size, 0, 1);
		for (let p = 0; p < P; p++) {
			table.discrimination[base + p] = (upper[p] - lower[p]) / size / layout.maxPoints[p];
		}
	}

	private extremeSums(size: number, start: number, step: number): Float64Array {
		const sums = new Float64Array(this.P);
		let taken = 0;
		for (let t = start; t >= 0 && t < this.H && taken < size; t += step) {
			const count = this.countByTotal[t];
			if (count === 0) continue;
			const weight = Math.min(1, (size - taken) / count);
			for (let p = 0; p < this.P; p++) sums[p] += weight * this.byTotal[t * this.P + p];
			taken += weight * count;
		}
		return sums;
	}
}

function variance(sum: number, sumSquares: number, n: number): number {
	return n > 1 ? (sumSquares - (sum * sum) / n) / (n - 1) : NaN;
}

function cronbach(items: number, sumItemVariance: number, totalVariance: number): number {
	if (items < 2 || !(totalVariance > 0)) return NaN;
	return (items / (items - 1)) * (1 - sumItemVariance / totalVariance);
}
