import type { Grouping } from './groups';
import type { ProcedureLayout } from './layout';
import type { TeacherHistoryEntry, TeacherRef } from './options';

/**
 * Point versus mass deficits. A student failed a skill when their solve rate on it is below
 * its threshold (see StudentScores.skillFailed). In a class, the deficit on a skill is mass
 * when the share of measured students who failed it reaches `massShare`, and point when
 * some failed but fewer. Mass deficits point to the teaching, so each is checked against
 * the same teacher's earlier procedures; point deficits go to correction groups.
 */

export interface FailureCounts {
	/** Students who failed, row-major by group, one entry per skill. */
	failed: Int32Array;
	/** Students with the skill measured: present, with points possible on it. */
	measured: Int32Array;
	/** Failed skills of each student as bit masks: bit k & 31 of word `s * words + (k >>> 5)`. */
	studentMasks: Uint32Array;
	words: number;
}

/** Counts failures per group and skill, and packs each student's failed skills into masks. */
export function countFailures(
	grouping: Grouping,
	skillRates: Float32Array,
	skillFailed: Uint8Array,
	skillCount: number
): FailureCounts {
	const K = skillCount;
	const W = Math.max(1, Math.ceil(K / 32));
	const G = grouping.labels.length;
	const N = grouping.groupOf.length;
	const failed = new Int32Array(G * K);
	const measured = new Int32Array(G * K);
	const studentMasks = new Uint32Array(N * W);
	for (let s = 0; s < N; s++) {
		const g = grouping.groupOf[s];
		if (g < 0) continue;
		for (let k = 0, at = s * K; k < K; k++, at++) {
			if (Number.isNaN(skillRates[at])) continue;
			measured[g * K + k]++;
			if (skillFailed[at] === 0) continue;
			failed[g * K + k]++;
			studentMasks[s * W + (k >>> 5)] |= 1 << (k & 31);
		}
	}
	return { failed, measured, studentMasks, words: W };
}

export type DeficitKind = 'mass' | 'point';

/**
 * `persistent`: the same teacher had this skill as a mass deficit in an earlier procedure.
 * `new`: they had not. `unchecked`: no teacher is known for the class.
 */
export type Persistence = 'persistent' | 'new' | 'unchecked';

export interface SkillDeficit {
	skill: string;
	kind: DeficitKind;
	failed: number;
	measured: number;
	share: number;
	/** Mass deficits only; undefined for a point deficit. */
	persistence?: Persistence;
	/** Earlier procedures with the same mass deficit, oldest first; persistent ones only. */
	earlier?: EarlierDeficit[];
}

export interface EarlierDeficit {
	procedureId: string;
	date: string;
	classKey: string;
}

export interface DeficitContext {
	massShare: number;
	teacher: TeacherRef | null;
	history: HistoryIndex;
	/** ISO date of this procedure; without it every other procedure counts as earlier. */
	date?: string;
	procedureId: string;
}

/** Lists the deficits of one class in layout order, skipping skills that no student failed. */
export function classDeficits(
	counts: FailureCounts,
	g: number,
	layout: ProcedureLayout,
	context: DeficitContext
): SkillDeficit[] {
	const K = layout.skillCodes.length;
	const deficits: SkillDeficit[] = [];
	for (let k = 0; k < K; k++) {
		const failed = counts.failed[g * K + k];
		if (failed === 0) continue;
		const measured = counts.measured[g * K + k];
		const share = failed / measured;
		const skill = layout.skillCodes[k];
		const deficit: SkillDeficit = {
			skill,
			kind: share >= context.massShare ? 'mass' : 'point',
			failed,
			measured,
			share,
			persistence: undefined,
			earlier: undefined
		};
		if (deficit.kind === 'mass') checkHistory(deficit, context);
		deficits.push(deficit);
	}
	return deficits;
}

/** Earlier entries per teacher, oldest first. */
export type HistoryIndex = Map<string, TeacherHistoryEntry[]>;

export function indexHistory(history: TeacherHistoryEntry[]): HistoryIndex {
	const index: HistoryIndex = new Map();
	for (const entry of history) {
		let list = index.get(entry.teacherId);
		if (!list) index.set(entry.teacherId, (list = []));
		list.push(entry);
	}
	for (const list of index.values()) list.sort((a, b) => compareText(a.date, b.date));
	return index;
}

/** Sets the persistence of a mass deficit from the same teacher's earlier procedures. */
function checkHistory(deficit: SkillDeficit, context: DeficitContext): void {
	if (!context.teacher) {
		deficit.persistence = 'unchecked';
		return;
	}
	const earlier: EarlierDeficit[] = [];
	for (const entry of context.history.get(context.teacher.id) ?? []) {
		if (entry.procedureId === context.procedureId) continue;
		if (context.date !== undefined && entry.date >= context.date) continue;
		if (!entry.massSkills.includes(deficit.skill)) continue;
		earlier.push({ procedureId: entry.procedureId, date: entry.date, classKey: entry.classKey });
	}
	deficit.persistence = earlier.length > 0 ? 'persistent' : 'new';
	if (earlier.length > 0) deficit.earlier = earlier;
}

function compareText(a: string, b: string): number {
	if (a < b) return -1;
	if (a > b) return 1;
	return 0;
}

/** The part of a class report that history needs. */
export interface ClassDeficitRecord {
	key: string;
	teacher: TeacherRef | null;
	deficits: SkillDeficit[];
}

/**
 * Turns this procedure's mass deficits into history entries, one per class with a known
 * teacher and at least one mass deficit, to pass as `history` to later analyses.
 */
export function historyEntries(
	classes: ClassDeficitRecord[],
	procedureId: string,
	date: string
): TeacherHistoryEntry[] {
	const entries: TeacherHistoryEntry[] = [];
	for (const report of classes) {
		const massSkills = report.deficits.filter((d) => d.kind === 'mass').map((d) => d.skill);
		if (!report.teacher || massSkills.length === 0) continue;
		entries.push({
			teacherId: report.teacher.id,
			date,
			procedureId,
			classKey: report.key,
			massSkills
		});
	}
	return entries;
}
