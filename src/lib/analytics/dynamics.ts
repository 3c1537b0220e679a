import type { ResultMatrix } from '$lib/assessment/result-matrix';
import type { ProcedureKind } from '$lib/assessment/specification.schema';
import type { ProcedureAnalysis } from './analyze';

/**
 * Dynamics of skills across repeated procedures (entry control, АКР, ВПР …). Procedures
 * are compared through the codifier codes their tasks check, so only codes, never task
 * numbers, join them. Students are matched by `school/code` and classes by `school/class`.
 */

export interface ProcedureRef {
	id: string;
	kind: ProcedureKind;
	/** ISO date, `YYYY-MM-DD`. */
	date: string;
	label: string;
}

/** Solve rates per skill of one procedure, per student and per class; NaN where not measured. */
export interface SkillSnapshot {
	procedure: ProcedureRef;
	skillCodes: string[];
	studentKeys: string[];
	/** Row-major by student, one entry per skill code. */
	studentRates: ArrayLike<number>;
	classKeys: string[];
	/** Row-major by class, one entry per skill code. */
	classRates: ArrayLike<number>;
}

/**
 * Rates laid out as cubes: entry (unit, skill, procedure) of `classRates` is at
 * `(c * skillCodes.length + k) * procedures.length + t`, and the same for students.
 */
export interface SkillDynamics {
	/** Ordered by date, then id. */
	procedures: ProcedureRef[];
	skillCodes: string[];
	classKeys: string[];
	classRates: Float32Array;
	studentKeys: string[];
	studentRates: Float32Array;
}

/** Takes the skill rates of one analysed procedure, keyed as the dynamics join them. */
export function snapshotOf(
	matrix: ResultMatrix,
	analysis: Pick<ProcedureAnalysis, 'skillCodes' | 'students' | 'classes'>,
	procedure: ProcedureRef
): SkillSnapshot {
	return {
		procedure,
		skillCodes: analysis.skillCodes,
		studentKeys: matrix.studentCodes.map(
			(code, s) => `${matrix.schools[matrix.schoolIndex[s]]}/${code}`
		),
		studentRates: analysis.students.skillRates,
		classKeys: analysis.classes.keys,
		classRates: analysis.classes.skillRates
	};
}

export function buildDynamics(snapshots: SkillSnapshot[]): SkillDynamics {
	const ordered = [...snapshots].sort(
		(a, b) =>
			compareText(a.procedure.date, b.procedure.date) || compareText(a.procedure.id, b.procedure.id)
	);
	const skills = unionOf(ordered.map((s) => s.skillCodes));
	const classes = unionOf(ordered.map((s) => s.classKeys));
	const students = unionOf(ordered.map((s) => s.studentKeys));
	const T = ordered.length;
	const K = skills.list.length;
	const classRates = new Float32Array(classes.list.length * K * T).fill(NaN);
	const studentRates = new Float32Array(students.list.length * K * T).fill(NaN);

	ordered.forEach((snapshot, t) => {
		const skillIds = snapshot.skillCodes.map((code) => skills.ids.get(code)!);
		const place = (
			cube: Float32Array,
			keys: string[],
			ids: Map<string, number>,
			rates: ArrayLike<number>
		) => {
			const width = snapshot.skillCodes.length;
			keys.forEach((key, row) => {
				const unit = ids.get(key)!;
				for (let k = 0; k < width; k++)
					cube[(unit * K + skillIds[k]) * T + t] = rates[row * width + k];
			});
		};
		place(classRates, snapshot.classKeys, classes.ids, snapshot.classRates);
		place(studentRates, snapshot.studentKeys, students.ids, snapshot.studentRates);
	});
	return {
		procedures: ordered.map((s) => s.procedure),
		skillCodes: skills.list,
		classKeys: classes.list,
		classRates,
		studentKeys: students.list,
		studentRates
	};
}

export interface SeriesPoint {
	procedure: ProcedureRef;
	rate: number;
}

/** Returns the measured rates of one class or student on one skill, ordered by date. */
export function seriesOf(
	dynamics: SkillDynamics,
	unit: 'class' | 'student',
	key: string,
	skill: string
): SeriesPoint[] {
	const keys = unit === 'class' ? dynamics.classKeys : dynamics.studentKeys;
	const cube = unit === 'class' ? dynamics.classRates : dynamics.studentRates;
	const row = keys.indexOf(key);
	const k = dynamics.skillCodes.indexOf(skill);
	if (row < 0 || k < 0) return [];
	const T = dynamics.procedures.length;
	const start = (row * dynamics.skillCodes.length + k) * T;
	const points: SeriesPoint[] = [];
	for (let t = 0; t < T; t++) {
		const rate = cube[start + t];
		if (!Number.isNaN(rate)) points.push({ procedure: dynamics.procedures[t], rate });
	}
	return points;
}

/** Returns the last measured rate minus the first, or NaN with fewer than two measurements. */
export function changeOf(points: SeriesPoint[]): number {
	return points.length < 2 ? NaN : points[points.length - 1].rate - points[0].rate;
}

function unionOf(lists: string[][]): { list: string[]; ids: Map<string, number> } {
	const ids = new Map<string, number>();
	const list: string[] = [];
	for (const items of lists) {
		for (const item of items) if (!ids.has(item)) ids.set(item, list.push(item) - 1);
	}
	return { list, ids };
}

function compareText(a: string, b: string): number {
	if (a < b) return -1;
	if (a > b) return 1;
	return 0;
}
