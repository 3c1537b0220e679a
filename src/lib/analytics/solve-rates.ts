import { CellState, MISSING, type ResultMatrix } from '$lib/assessment/result-matrix';
import type { ProcedureLayout } from './layout';
import type { AnalysisOptions } from './options';

/**
 * Solve rate is points earned over points possible. Absent students never count. A
 * `не пройд.` cell counts as 0 of its maximum, or, under `notTaught: 'exclude'`, is left
 * out of both sums. A skill's solve rate sums the points of every task checking it.
 */

/** Tolerance for comparing sums of points with thresholds built from shares. */
export const EPSILON = 1e-9;

/** Returns the mastery threshold of each column, from the level of its task. */
export function columnThresholds(layout: ProcedureLayout, options: AnalysisOptions): Float64Array {
	return Float64Array.from(layout.levels, (level) => options.masteryThresholds[level]);
}

export interface StudentScores {
	/** Sum of the cells per student; MISSING for an absent student. */
	cellTotals: Int16Array;
	/** The total that gives marks: official or the cell sum, per options; MISSING if unknown. */
	totals: Int16Array;
	/** Solve rate over the whole work, NaN for an absent student. */
	solveRates: Float32Array;
	/** Solve rate per student and skill, row-major by student; NaN where not measured. */
	skillRates: Float32Array;
	/**
	 * 1 where the student failed the skill: fewer points than the sum over its counted
	 * tasks of threshold × maximum, which for one level is the level's threshold share.
	 */
	skillFailed: Uint8Array;
}

/**
 * Scores every student. Points possible and needed per skill are the same for every
 * student except for excluded not-taught cells, so the loops only sum points and, under
 * `notTaught: 'exclude'`, subtract the maxima of the excluded cells.
 */
export function scoreStudents(
	matrix: ResultMatrix,
	layout: ProcedureLayout,
	options: AnalysisOptions
): StudentScores {
	const N = matrix.studentCount;
	const K = layout.skillCodes.length;
	const scores: StudentScores = {
		cellTotals: new Int16Array(N).fill(MISSING),
		totals: new Int16Array(0),
		solveRates: new Float32Array(N).fill(NaN),
		skillRates: new Float32Array(N * K).fill(NaN),
		skillFailed: new Uint8Array(N * K)
	};
	const requirements = skillRequirements(layout, options);
	if (options.notTaught === 'exclude') scoreExcluding(matrix, layout, requirements, scores);
	else scoreCounting(matrix, layout, requirements, scores);
	scores.totals = pickTotals(matrix, scores.cellTotals, options);
	return scores;
}

type Requirements = ReturnType<typeof skillRequirements>;

/** Scores with every cell counted, so each skill has fixed points possible and needed. */
function scoreCounting(
	matrix: ResultMatrix,
	layout: ProcedureLayout,
	{ possible, needed }: Requirements,
	scores: StudentScores
): void {
	const { studentCount: N, positionCount: P, points, present } = matrix;
	const { skillOffsets, skillColumns, maxTotal } = layout;
	const { cellTotals, solveRates, skillRates, skillFailed } = scores;
	const K = layout.skillCodes.length;
	const inverse = Float64Array.from(possible, (value) => 1 / value);
	// Points are integers, so "fewer than needed" is "below the next integer of needed".
	const passing = Float64Array.from(needed, (value) => Math.ceil(value - EPSILON));

	for (let s = 0; s < N; s++) {
		if (!present[s]) continue;
		const row = s * P;
		let total = 0;
		for (let p = 0; p < P; p++) total += points[row + p];
		cellTotals[s] = total;
		if (maxTotal > 0) solveRates[s] = total / maxTotal;
		for (let k = 0, at = s * K; k < K; k++, at++) {
			let earned = 0;
			for (let i = skillOffsets[k], end = skillOffsets[k + 1]; i < end; i++) {
				earned += points[row + skillColumns[i]];
			}
			skillRates[at] = earned * inverse[k];
			if (earned < passing[k]) skillFailed[at] = 1;
		}
	}
}

function scoreExcluding(
	matrix: ResultMatrix,
	layout: ProcedureLayout,
	{ possible, needed, neededOf }: Requirements,
	scores: StudentScores
): void {
	const { studentCount: N, positionCount: P, points, states, present } = matrix;
	const { maxPoints, skillOffsets, skillColumns } = layout;
	const { cellTotals, solveRates, skillRates, skillFailed } = scores;
	const K = layout.skillCodes.length;

	for (let s = 0; s < N; s++) {
		if (!present[s]) continue;
		const row = s * P;
		let total = 0;
		let counted = layout.maxTotal;
		for (let p = 0; p < P; p++) {
			total += points[row + p];
			if (states[row + p] === CellState.notTaught) counted -= maxPoints[p];
		}
		cellTotals[s] = total;
		if (counted > 0) solveRates[s] = total / counted;
		for (let k = 0, at = s * K; k < K; k++, at++) {
			let earned = 0;
			let skillPossible = possible[k];
			let skillNeeded = needed[k];
			for (let i = skillOffsets[k], end = skillOffsets[k + 1]; i < end; i++) {
				const column = skillColumns[i];
				earned += points[row + column];
				if (states[row + column] === CellState.notTaught) {
					skillPossible -= maxPoints[column];
					skillNeeded -= neededOf[column];
				}
			}
			if (skillPossible <= 0) continue;
			skillRates[at] = earned / skillPossible;
			if (earned + EPSILON < skillNeeded) skillFailed[at] = 1;
		}
	}
}

/** Sums the points possible and needed per skill with every cell counted. */
function skillRequirements(layout: ProcedureLayout, options: AnalysisOptions) {
	const K = layout.skillCodes.length;
	const thresholds = columnThresholds(layout, options);
	const neededOf = Float64Array.from(layout.maxPoints, (max, p) => max * thresholds[p]);
	const possible = new Float64Array(K);
	const needed = new Float64Array(K);
	for (let k = 0; k < K; k++) {
		for (let i = layout.skillOffsets[k]; i < layout.skillOffsets[k + 1]; i++) {
			possible[k] += layout.maxPoints[layout.skillColumns[i]];
			needed[k] += neededOf[layout.skillColumns[i]];
		}
	}
	return { possible, needed, neededOf };
}

function pickTotals(
	matrix: ResultMatrix,
	cellTotals: Int16Array,
	options: AnalysisOptions
): Int16Array {
	if (options.totals === 'cells') return cellTotals;
	const totals = Int16Array.from(matrix.officialTotal);
	for (let s = 0; s < totals.length; s++) if (!matrix.present[s]) totals[s] = MISSING;
	return totals;
}

/** Points earned and possible per group and column (see `measureGroups`), and present students. */
export interface PositionSums {
	groupCount: number;
	students: Int32Array;
	earned: Float64Array;
	possible: Float64Array;
}

/** Solve rates per group derived from the position sums; NaN where nothing was possible. */
export interface GroupRates {
	overall: Float64Array;
	/** Row-major by group, one entry per column. */
	positions: Float64Array;
	/** Row-major by group, one entry per skill of the layout. */
	skills: Float64Array;
	/** Points a group needs per skill to master it, over the points possible. */
	skillThresholds: Float64Array;
}

export function groupRates(
	sums: PositionSums,
	layout: ProcedureLayout,
	thresholds: Float64Array
): GroupRates {
	const P = layout.positionCount;
	const K = layout.skillCodes.length;
	const G = sums.groupCount;
	const overall = new Float64Array(G);
	const positions = new Float64Array(G * P);
	const skills = new Float64Array(G * K);
	const skillThresholds = new Float64Array(G * K);

	for (let g = 0; g < G; g++) {
		let earned = 0;
		let possible = 0;
		for (let p = g * P; p < (g + 1) * P; p++) {
			earned += sums.earned[p];
			possible += sums.possible[p];
			positions[p] = ratio(sums.earned[p], sums.possible[p]);
		}
		overall[g] = ratio(earned, possible);
		for (let k = 0; k < K; k++) {
			let skillEarned = 0;
			let skillPossible = 0;
			let skillNeeded = 0;
			for (let i = layout.skillOffsets[k]; i < layout.skillOffsets[k + 1]; i++) {
				const column = layout.skillColumns[i];
				skillEarned += sums.earned[g * P + column];
				skillPossible += sums.possible[g * P + column];
				skillNeeded += sums.possible[g * P + column] * thresholds[column];
			}
			skills[g * K + k] = ratio(skillEarned, skillPossible);
			skillThresholds[g * K + k] = ratio(skillNeeded, skillPossible);
		}
	}
	return { overall, positions, skills, skillThresholds };
}

function ratio(numerator: number, denominator: number): number {
	return denominator > 0 ? numerator / denominator : NaN;
}
