import type { ResultMatrix } from '$lib/assessment/result-matrix';
import type { Specification, TaskLevel } from '$lib/assessment/specification.schema';
import { AppError } from '$lib/shared/errors';

/**
 * A specification flattened for loops over matrix columns. Column j of the matrix is the
 * task with the j-th smallest `position`. Skills are the distinct codes of all tasks, in
 * order of first use, and `skillPositions` lists the columns of each skill in CSR form:
 * the columns of skill k are `skillColumns[skillOffsets[k] .. skillOffsets[k + 1])`.
 */
export interface ProcedureLayout {
	positionCount: number;
	labels: string[];
	/** Task position numbers as in the specification, one per column. */
	positions: Int32Array;
	maxPoints: Uint8Array;
	levels: TaskLevel[];
	maxTotal: number;
	skillCodes: string[];
	skillOffsets: Int32Array;
	skillColumns: Int32Array;
	/** Skills per column, CSR as above: `columnSkills[columnOffsets[j] .. columnOffsets[j + 1])`. */
	columnOffsets: Int32Array;
	columnSkills: Int32Array;
}

const layouts = new WeakMap<Specification, ProcedureLayout>();

/** Builds the layout of a specification, once per specification object. */
export function layoutOf(spec: Specification): ProcedureLayout {
	const cached = layouts.get(spec);
	if (cached) return cached;

	const tasks = [...spec.tasks].sort((a, b) => a.position - b.position);
	const skillCodes: string[] = [];
	const skillIds = new Map<string, number>();
	const columnLists = tasks.map((task) =>
		[...new Set(task.skills)].map((code) => {
			let id = skillIds.get(code);
			if (id === undefined) {
				id = skillCodes.push(code) - 1;
				skillIds.set(code, id);
			}
			return id;
		})
	);
	const skillLists = skillCodes.map(() => [] as number[]);
	columnLists.forEach((skills, column) => skills.forEach((k) => skillLists[k].push(column)));

	const columnCsr = toCsr(columnLists);
	const skillCsr = toCsr(skillLists);
	const layout: ProcedureLayout = {
		positionCount: tasks.length,
		labels: tasks.map((task) => task.label),
		positions: Int32Array.from(tasks, (task) => task.position),
		maxPoints: Uint8Array.from(tasks, (task) => task.maxPoints),
		levels: tasks.map((task) => task.level),
		maxTotal: tasks.reduce((sum, task) => sum + task.maxPoints, 0),
		skillCodes,
		skillOffsets: skillCsr.offsets,
		skillColumns: skillCsr.values,
		columnOffsets: columnCsr.offsets,
		columnSkills: columnCsr.values
	};
	layouts.set(spec, layout);
	return layout;
}

function toCsr(lists: number[][]): { offsets: Int32Array; values: Int32Array } {
	const offsets = new Int32Array(lists.length + 1);
	lists.forEach((list, i) => (offsets[i + 1] = offsets[i] + list.length));
	const values = new Int32Array(offsets[lists.length]);
	lists.forEach((list, i) => values.set(list, offsets[i]));
	return { offsets, values };
}

/** Returns the column of a task position number, or -1 when no task has that position. */
export function columnOfPosition(layout: ProcedureLayout, position: number): number {
	return layout.positions.indexOf(position);
}

/** Throws a validation error unless the matrix has one column per task of the specification. */
export function checkMatrixFitsLayout(matrix: ResultMatrix, layout: ProcedureLayout): void {
	if (matrix.positionCount !== layout.positionCount) {
		throw new AppError(
			'validation-failed',
			`В результатах ${matrix.positionCount} столбцов баллов, а в спецификации ${layout.positionCount} позиций. Выберите спецификацию этой работы.`
		);
	}
	const cells = matrix.studentCount * matrix.positionCount;
	if (matrix.points.length !== cells || matrix.states.length !== cells) {
		throw new AppError(
			'validation-failed',
			`Матрица результатов повреждена: ожидалось ${cells} ячеек. Импортируйте файл заново.`
		);
	}
}
