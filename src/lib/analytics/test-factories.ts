/**
 * Small builders of result matrices and specifications for the analytics specs. Only
 * `*.spec.ts` files import this module.
 */
import { CellState, MISSING, type ResultMatrix } from '$lib/assessment/result-matrix';
import type { MarkScale, Specification, TaskLevel } from '$lib/assessment/specification.schema';

/** A cell: points, `x` not attempted, `nt` topic not taught, `''` blank. */
export type CellInput = number | 'x' | 'nt' | '';

export interface StudentInput {
	cells?: CellInput[];
	school?: string;
	className?: string;
	journal?: number;
	/** Official total; defaults to the sum of the cells. */
	total?: number | null;
	absent?: boolean;
	code?: string;
}

export function buildMatrix(students: StudentInput[], positionCount?: number): ResultMatrix {
	const P = positionCount ?? students.find((s) => s.cells)?.cells?.length ?? 0;
	const n = students.length;
	const schools: string[] = [];
	const classes: string[] = [];
	const matrix: ResultMatrix = {
		studentCount: n,
		positionCount: P,
		points: new Uint8Array(n * P),
		states: new Uint8Array(n * P),
		studentCodes: students.map((s, i) => s.code ?? String(i + 1)),
		classIndex: new Uint16Array(n),
		classes,
		schoolIndex: new Uint16Array(n),
		schools,
		present: new Uint8Array(n),
		journalMark: new Int8Array(n).fill(MISSING),
		officialTotal: new Int16Array(n).fill(MISSING),
		variant: new Uint16Array(n),
		sex: new Uint8Array(n)
	};
	students.forEach((student, s) => fillStudent(matrix, s, student));
	return matrix;
}

function fillStudent(matrix: ResultMatrix, s: number, student: StudentInput): void {
	const P = matrix.positionCount;
	const lookup = (list: string[], value: string) => {
		const found = list.indexOf(value);
		return found >= 0 ? found : list.push(value) - 1;
	};
	matrix.schoolIndex[s] = lookup(matrix.schools, student.school ?? 'school');
	matrix.classIndex[s] = lookup(matrix.classes, student.className ?? '5А');
	if (student.journal !== undefined) matrix.journalMark[s] = student.journal;
	if (student.absent) {
		matrix.states.fill(CellState.absent, s * P, (s + 1) * P);
		return;
	}
	matrix.present[s] = 1;
	let sum = 0;
	(student.cells ?? []).forEach((cell, p) => {
		const at = s * P + p;
		if (typeof cell === 'number') {
			matrix.points[at] = cell;
			sum += cell;
		} else {
			matrix.states[at] =
				cell === 'x'
					? CellState.notAttempted
					: cell === 'nt'
						? CellState.notTaught
						: CellState.blank;
		}
	});
	if (student.total !== null) matrix.officialTotal[s] = student.total ?? sum;
}

export interface TaskInput {
	maxPoints?: number;
	level?: TaskLevel;
	skills?: string[];
	label?: string;
}

/**
 * ВПР mathematics grade 5 (2021) cut-offs: «2» 0–6, «3» 7–10, «4» 11–14, «5» 15–20, from table 5
 * of the official description of the 2021 test materials (ФИОКО).
 */
export const vprMarkScale: MarkScale = {
	thresholds: [
		{ mark: 2, minTotal: 0 },
		{ mark: 3, minTotal: 7 },
		{ mark: 4, minTotal: 11 },
		{ mark: 5, minTotal: 15 }
	],
	conditions: []
};

export function buildSpec(tasks: TaskInput[], markScale: MarkScale = vprMarkScale): Specification {
	return {
		kind: 'vpr',
		subject: 'Математика',
		grade: 5,
		year: 2021,
		date: '2021-04-15',
		tasks: tasks.map((task, i) => ({
			label: task.label ?? String(i + 1),
			position: i + 1,
			maxPoints: task.maxPoints ?? 1,
			level: task.level ?? 'Б',
			skills: task.skills ?? [],
			description: ''
		})),
		skills: [],
		markScale
	};
}
