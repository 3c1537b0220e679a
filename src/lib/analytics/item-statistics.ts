/**
 * Classical item statistics per group, over present students, with every cell that is not
 * a score counted as 0 points (as the official total does). The total is the sum of cells.
 * Variances are sample variances (n − 1). Correlations and alpha do not depend on that choice.
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

/** Integer sums of one group, gathered by `measureGroups`. */
export interface Moments {
	P: number;
	H: number;
	n: number;
	sumT: number;
	sumT2: number;
	sumX: Int32Array | Float64Array;
	sumX2: Int32Array | Float64Array;
	sumXT: Int32Array | Float64Array;
	/** Item points summed per total value: `byTotal[t * P + p]`. */
	byTotal: Int32Array | Float64Array;
	countByTotal: Int32Array | Float64Array;
}

export function allocateItemTable(G: number, P: number, H: number): ItemStatisticsTable {
	return {
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
}

/** Work arrays reused across groups, so a region of 2,000 groups allocates them once. */
const scratch = { varX: new Float64Array(0), covXT: new Float64Array(0) };

export function writeItemStatistics(
	table: ItemStatisticsTable,
	g: number,
	m: Moments,
	maxPoints: Uint8Array,
	minAlphaSize: number
): void {
	const { n, P } = m;
	const base = g * P;
	if (scratch.varX.length !== P) {
		scratch.varX = new Float64Array(P);
		scratch.covXT = new Float64Array(P);
	}
	const { varX, covXT } = scratch;
	table.students[g] = n;
	table.distribution.set(m.countByTotal, g * m.H);
	const varT = variance(m.sumT, m.sumT2, n);
	table.totalMean[g] = n > 0 ? m.sumT / n : NaN;
	table.totalSd[g] = Math.sqrt(varT);

	let sumVar = 0;
	for (let p = 0; p < P; p++) {
		varX[p] = variance(m.sumX[p], m.sumX2[p], n);
		covXT[p] = n > 1 ? (m.sumXT[p] - (m.sumX[p] * m.sumT) / n) / (n - 1) : NaN;
		sumVar += varX[p];
		const mean = n > 0 ? m.sumX[p] / n : NaN;
		table.mean[base + p] = mean;
		table.facility[base + p] = mean / maxPoints[p];
		table.sd[base + p] = Math.sqrt(varX[p]);
		table.itemTotal[base + p] = covXT[p] / Math.sqrt(varX[p] * varT);
		const varRest = varT + varX[p] - 2 * covXT[p];
		table.correctedItemTotal[base + p] = (covXT[p] - varX[p]) / Math.sqrt(varX[p] * varRest);
	}
	const showAlpha = n >= minAlphaSize && n > 1;
	table.alpha[g] = showAlpha ? cronbach(P, sumVar, varT) : NaN;
	for (let p = 0; p < P; p++) {
		const varRest = varT + varX[p] - 2 * covXT[p];
		table.alphaIfDeleted[base + p] = showAlpha ? cronbach(P - 1, sumVar - varX[p], varRest) : NaN;
	}
	writeDiscrimination(table, base, m, maxPoints);
}

/**
 * Takes exactly round(27 % of n) students from each end of the total distribution. The
 * students tied at the boundary total enter with an equal fractional weight, so the
 * result does not depend on row order.
 */
function writeDiscrimination(
	table: ItemStatisticsTable,
	base: number,
	m: Moments,
	maxPoints: Uint8Array
): void {
	const size = Math.round(EXTREME_GROUP_SHARE * m.n);
	if (size === 0 || 2 * size > m.n) {
		table.discrimination.fill(NaN, base, base + m.P);
		return;
	}
	for (let p = 0; p < m.P; p++) table.discrimination[base + p] = 0;
	addExtreme(table.discrimination, base, m, size, m.H - 1, -1, 1 / size);
	addExtreme(table.discrimination, base, m, size, 0, 1, -1 / size);
	for (let p = 0; p < m.P; p++) table.discrimination[base + p] /= maxPoints[p];
}

/** Adds `scale` × the item sums of the `size` students nearest one end of the totals. */
function addExtreme(
	out: Float64Array,
	base: number,
	m: Moments,
	size: number,
	start: number,
	step: number,
	scale: number
): void {
	let taken = 0;
	for (let t = start; t >= 0 && t < m.H && taken < size; t += step) {
		const count = m.countByTotal[t];
		if (count === 0) continue;
		const weight = Math.min(1, (size - taken) / count) * scale;
		for (let p = 0; p < m.P; p++) out[base + p] += weight * m.byTotal[t * m.P + p];
		taken += Math.min(count, size - taken);
	}
}

function variance(sum: number, sumSquares: number, n: number): number {
	return n > 1 ? (sumSquares - (sum * sum) / n) / (n - 1) : NaN;
}

function cronbach(items: number, sumItemVariance: number, totalVariance: number): number {
	if (items < 2 || !(totalVariance > 0)) return NaN;
	return (items / (items - 1)) * (1 - sumItemVariance / totalVariance);
}
