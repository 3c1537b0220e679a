import { CellState, MISSING, type ResultMatrix } from '$lib/assessment/result-matrix';
import type { Grouping } from './groups';
import type { ProcedureLayout } from './layout';
import type { AnalysisOptions } from './options';

/**
 * Solve rate is points earned over points possible. Absent students never count. A
 * `не пройд.` cell counts as 0 of its maximum, or, under `notTaught: 'exclude'`, is left
 * out of both sums. A skill's solve rate sums the points of every task checking it.
 */

/** Tolerance for comparing sums of points with thresholds built from shares. */
export const EPSILON = 1e-9;

/** Mastery threshold per column, from the level of its task. */
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

/** Scores every student in one pass over the cells. */
export function scoreStudents(
	matrix: ResultMatrix,
	layout: ProcedureLayout,
	options: AnalysisOptions
): StudentScores {
	const { studentCount: studentTotal, positionCount: P } = matrix;
	const K = layout.skillCodes.length;
	const thresholds = columnThresholds(layout, options);
	const exclude = options.notTaught === 'exclude';
	const cellTotals = new Int16Array(studentTotal).fill(MISSING);
	const solveRates = new Float32Array(studentTotal).fill(NaN);
	const skillRates = new Float32Array(studentTotal * K).fill(NaN);
	const skillFailed = new Uint8Array(studentTotal * K);
	const earned = new Float64Array(K);
	const possible = new Float64Array(K);
	const needed = new Float64Array(K);

	for (let s = 0; s < studentTotal; s++) {
		if (!matrix.present[s]) continue;
		earned.fill(0);
		possible.fill(0);
		needed.fill(0);
		let total = 0;
		let countedEarned = 0;
		let counted = 0;
		for (let p = 0, cell = s * P; p < P; p++, cell++) {
			const points = matrix.points[cell];
			total += points;
			if (exclude && matrix.states[cell] === CellState.notTaught) continue;
			const max = layout.maxPoints[p];
			countedEarned += points;
			counted += max;
			for (let i = layout.columnOffsets[p]; i < layout.columnOffsets[p + 1]; i++) {
				const k = layout.columnSkills[i];
				earned[k] += points;
				possible[k] += max;
				needed[k] += thresholds[p] * max;
			}
		}
		cellTotals[s] = total;
		if (counted > 0) solveRates[s] = countedEarned / counted;
		for (let k = 0, at = s * K; k < K; k++, at++) {
			if (possible[k] === 0) continue;
			skillRates[at] = earned[k] / possible[k];
			if (earned[k] + EPSILON < needed[k]) skillFailed[at] = 1;
		}
	}
	return {
		cellTotals,
		totals: pickTotals(matrix, cellTotals, options),
		solveRates,
		skillRates,
		skillFailed
	};
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

/** Points earned and possible per group and column, and present students per group. */
export interface PositionSums {
	groupCount: number;
	students: Int32Array;
	earned: Float64Array;
	possible: Float64Array;
}

/** Sums the cells of every group in one pass over its members. */
export function sumPositions(
	matrix: ResultMatrix,
	layout: ProcedureLayout,
	grouping: Grouping,
	options: AnalysisOptions
): PositionSums {
	const P = matrix.positionCount;
	const groupCount = grouping.labels.length;
	const exclude = options.notTaught === 'exclude';
	const students = new Int32Array(groupCount);
	const earned = new Float64Array(groupCount * P);
	const possible = new Float64Array(groupCount * P);

	for (let g = 0; g < groupCount; g++) {
		const base = g * P;
		for (let i = grouping.offsets[g]; i < grouping.offsets[g + 1]; i++) {
			const s = grouping.members[i];
			if (!matrix.present[s]) continue;
			students[g]++;
			for (let p = 0, cell = s * P; p < P; p++, cell++) {
				if (exclude && matrix.states[cell] === CellState.notTaught) continue;
				earned[base + p] += matrix.points[cell];
				possible[base + p] += layout.maxPoints[p];
			}
		}
	}
	return { groupCount, students, earned, possible };
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
