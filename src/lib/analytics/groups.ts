import type { ResultMatrix } from '$lib/assessment/result-matrix';

export type GroupKind = 'file' | 'school' | 'class' | 'custom';

/**
 * Students split into disjoint groups. `groupOf[s]` is the group of student s, or -1 when
 * the student is in none. Members are listed in CSR form, in row order: the students of
 * group g are `members[offsets[g] .. offsets[g + 1])`. Absent students are members too, so
 * a report can show how many were listed; every statistic skips them.
 */
export interface Grouping {
	kind: GroupKind;
	/** Stable keys: the school id for schools, `school/class` for classes. */
	keys: string[];
	labels: string[];
	/** School index per group, or -1 for groups that span schools. */
	schoolOf: Int32Array;
	groupOf: Int32Array;
	offsets: Int32Array;
	members: Int32Array;
}

/** Builds the key of one class of one school, because class labels repeat across schools. */
export function classKey(school: string, classLabel: string): string {
	return `${school}/${classLabel}`;
}

const cache = new WeakMap<ResultMatrix, Map<string, Grouping>>();

function cached(matrix: ResultMatrix, name: string, build: () => Grouping): Grouping {
	let entry = cache.get(matrix);
	if (!entry) cache.set(matrix, (entry = new Map()));
	let grouping = entry.get(name);
	if (!grouping) entry.set(name, (grouping = build()));
	return grouping;
}

/** Builds the CSR member lists of a `groupOf` array. */
function membersOf(groupOf: Int32Array, groupCount: number) {
	const offsets = new Int32Array(groupCount + 1);
	for (let s = 0; s < groupOf.length; s++) if (groupOf[s] >= 0) offsets[groupOf[s] + 1]++;
	for (let g = 0; g < groupCount; g++) offsets[g + 1] += offsets[g];
	const members = new Int32Array(offsets[groupCount]);
	const next = offsets.slice(0, groupCount);
	for (let s = 0; s < groupOf.length; s++) if (groupOf[s] >= 0) members[next[groupOf[s]]++] = s;
	return { offsets, members };
}

/** Puts every row of the file into one group. */
export function fileGrouping(matrix: ResultMatrix, label = 'Все участники'): Grouping {
	return cached(matrix, `file:${label}`, () => {
		const groupOf = new Int32Array(matrix.studentCount);
		return {
			kind: 'file',
			keys: ['file'],
			labels: [label],
			schoolOf: Int32Array.of(-1),
			groupOf,
			...membersOf(groupOf, 1)
		};
	});
}

/** Groups the rows by school, in the order of `matrix.schools`. */
export function schoolGrouping(matrix: ResultMatrix): Grouping {
	return cached(matrix, 'school', () => {
		const groupOf = Int32Array.from(matrix.schoolIndex);
		const count = matrix.schools.length;
		return {
			kind: 'school',
			keys: [...matrix.schools],
			labels: [...matrix.schools],
			schoolOf: Int32Array.from({ length: count }, (_, g) => g),
			groupOf,
			...membersOf(groupOf, count)
		};
	});
}

/** Groups the rows by class of each school, ordered by school and then by class index. */
export function classGrouping(matrix: ResultMatrix): Grouping {
	return cached(matrix, 'class', () => {
		const classCount = Math.max(1, matrix.classes.length);
		const pairIds = new Map<number, number>();
		const pairs: number[] = [];
		for (let s = 0; s < matrix.studentCount; s++) {
			const pair = matrix.schoolIndex[s] * classCount + matrix.classIndex[s];
			if (!pairIds.has(pair)) pairIds.set(pair, pairs.push(pair) - 1);
		}
		pairs.sort((a, b) => a - b);
		pairs.forEach((pair, g) => pairIds.set(pair, g));

		const groupOf = new Int32Array(matrix.studentCount);
		for (let s = 0; s < matrix.studentCount; s++) {
			groupOf[s] = pairIds.get(matrix.schoolIndex[s] * classCount + matrix.classIndex[s])!;
		}
		const schoolOf = Int32Array.from(pairs, (pair) => Math.floor(pair / classCount));
		const labels = pairs.map((pair) => matrix.classes[pair % classCount] ?? '');
		return {
			kind: 'class',
			keys: labels.map((label, g) => classKey(matrix.schools[schoolOf[g]], label)),
			labels,
			schoolOf,
			groupOf,
			...membersOf(groupOf, pairs.length)
		};
	});
}

/**
 * Builds one group of the listed students, for a reference such as a municipality. Indices out
 * of range are rejected, and repeated ones count once.
 */
export function customGrouping(
	matrix: ResultMatrix,
	label: string,
	students: ArrayLike<number>
): Grouping {
	const groupOf = new Int32Array(matrix.studentCount).fill(-1);
	for (let i = 0; i < students.length; i++) {
		const s = students[i];
		if (!Number.isInteger(s) || s < 0 || s >= matrix.studentCount) {
			throw new RangeError(`Student index ${s} is outside 0..${matrix.studentCount - 1}`);
		}
		groupOf[s] = 0;
	}
	return {
		kind: 'custom',
		keys: ['custom'],
		labels: [label],
		schoolOf: Int32Array.of(-1),
		groupOf,
		...membersOf(groupOf, 1)
	};
}

/** Turns per-group counts in `offsets[g + 1]` into CSR offsets and lists the matching rows. */
export function fillRows(
	grouping: Grouping,
	offsets: Int32Array,
	matches: (s: number) => boolean
): Int32Array {
	for (let g = 0; g + 1 < offsets.length; g++) offsets[g + 1] += offsets[g];
	const rows = new Int32Array(offsets[offsets.length - 1]);
	const next = offsets.slice(0, offsets.length - 1);
	for (let s = 0; s < grouping.groupOf.length; s++) {
		const g = grouping.groupOf[s];
		if (g >= 0 && matches(s)) rows[next[g]++] = s;
	}
	return rows;
}

/** Lists the students, by row index, for which the predicate holds. */
export function selectStudents(
	matrix: ResultMatrix,
	predicate: (student: number, matrix: ResultMatrix) => boolean
): Int32Array {
	const selected: number[] = [];
	for (let s = 0; s < matrix.studentCount; s++) if (predicate(s, matrix)) selected.push(s);
	return Int32Array.from(selected);
}
