import { MISSING, type ResultMatrix } from '$lib/assessment/result-matrix';
import type { MarkScale } from '$lib/assessment/specification.schema';
import { AppError } from '$lib/shared/errors';
import type { Grouping } from './groups';
import { columnOfPosition, type ProcedureLayout } from './layout';

/**
 * A mark scale prepared for lookups: marks ascending with their lowest totals, and each
 * condition with its positions turned into matrix columns.
 */
export interface MarkRules {
	marks: Int8Array;
	minTotals: Float64Array;
	conditions: { fromMark: number; columns: Int32Array; minPoints: number }[];
}

/** Prepares a mark scale, rejecting conditions on positions the specification lacks. */
export function markRules(scale: MarkScale, layout: ProcedureLayout): MarkRules {
	const thresholds = [...scale.thresholds].sort((a, b) => a.mark - b.mark);
	for (const { mark } of thresholds) {
		if (mark < 0 || mark > 100) {
			throw new AppError(
				'validation-failed',
				`Отметка ${mark} в шкале вне диапазона 0–100. Исправьте шкалу отметок.`
			);
		}
	}
	const conditions = scale.conditions.map((condition) => {
		const columns = condition.positions.map((position) => {
			const column = columnOfPosition(layout, position);
			if (column < 0) {
				throw new AppError(
					'validation-failed',
					`Условие шкалы отметок ссылается на позицию ${position}, которой нет в спецификации. Исправьте условие.`
				);
			}
			return column;
		});
		return { ...condition, columns: Int32Array.from(columns) };
	});
	return {
		marks: Int8Array.from(thresholds, (t) => t.mark),
		minTotals: Float64Array.from(thresholds, (t) => t.minTotal),
		conditions
	};
}

/**
 * Returns the highest mark whose lowest total the student reached and whose conditions hold,
 * or MISSING when the total is unknown or below every threshold. A condition binds the mark
 * `fromMark` and every mark above it, so a failed condition lowers the mark below `fromMark`.
 */
export function markFor(
	rules: MarkRules,
	total: number,
	pointsOf: (column: number) => number
): number {
	if (total === MISSING) return MISSING;
	for (let m = rules.marks.length - 1; m >= 0; m--) {
		if (total < rules.minTotals[m]) continue;
		if (conditionsHold(rules, rules.marks[m], pointsOf)) return rules.marks[m];
	}
	return MISSING;
}

function conditionsHold(
	rules: MarkRules,
	mark: number,
	pointsOf: (column: number) => number
): boolean {
	for (const condition of rules.conditions) {
		if (mark < condition.fromMark) continue;
		let sum = 0;
		for (const column of condition.columns) sum += pointsOf(column);
		if (sum < condition.minPoints) return false;
	}
	return true;
}

/** Marks every present student from their total and cells; MISSING for the rest. */
export function computeMarks(
	matrix: ResultMatrix,
	rules: MarkRules,
	totals: Int16Array
): Int8Array {
	const marks = new Int8Array(matrix.studentCount).fill(MISSING);
	let row = 0;
	const pointsOf = (column: number) => matrix.points[row + column];
	for (let s = 0; s < matrix.studentCount; s++) {
		if (!matrix.present[s]) continue;
		row = s * matrix.positionCount;
		marks[s] = markFor(rules, totals[s], pointsOf);
	}
	return marks;
}

/** Returns the lowest total of the second-lowest mark; below it a student gets the lowest mark. */
export function passingTotal(rules: MarkRules): number {
	return rules.minTotals.length > 1 ? rules.minTotals[1] : rules.minTotals[0];
}

/** Students per mark per group: `counts[g * marks.length + m]`; `marked[g]` have any mark. */
export interface MarkDistribution {
	marks: Int8Array;
	counts: Int32Array;
	marked: Int32Array;
}

export function markDistribution(
	marks: Int8Array,
	rules: MarkRules,
	grouping: Grouping
): MarkDistribution {
	const M = rules.marks.length;
	const G = grouping.labels.length;
	const slotOf = new Int8Array(128).fill(-1);
	rules.marks.forEach((mark, m) => (slotOf[mark] = m));
	const counts = new Int32Array(G * M);
	const marked = new Int32Array(G);

	for (let s = 0; s < marks.length; s++) {
		const g = grouping.groupOf[s];
		if (g < 0 || marks[s] === MISSING) continue;
		counts[g * M + slotOf[marks[s]]]++;
		marked[g]++;
	}
	return { marks: rules.marks, counts, marked };
}
