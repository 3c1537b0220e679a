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
}

export function countFailures(
	grouping: Grouping,
	skillRates: Float32Array,
	skillFailed: Uint8Array,
	skillCount: number
): FailureCounts {
	const K = skillCount;
	const G = grouping.labels.length;
	const failed = new Int32Array(G * K);
	const measured = new Int32Array(G * K);
	for (let s = 0; s < grouping.groupOf.length; s++) {
		const g = grouping.groupOf[s];
		if (g < 0) continue;
		for (let k = 0; k < K; k++) {
			if (Number.isNaN(skillRates[s * K + k])) continue;
			measured[g * K + k]++;
			failed[g * K + k] += skillFailed[s * K + k];
		}
	}
	return { failed, measured };
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
	/** Mass deficits only. */
	persistence?: Persistence;
	/** Earlier procedures with the same mass deficit, oldest first. */
	earlier?: { procedureId: string; date: string; classKey: string }[];
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
		const kind: DeficitKind = share >= context.massShare ? 'mass' : 'point';
		const deficit: SkillDeficit = { skill, kind, failed, measured, share };
		if (kind === 'mass') Object.assign(deficit, checkHistory(skill, context));
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

function checkHistory(
	skill: string,
	context: DeficitContext
): Pick<SkillDeficit, 'persistence' | 'earlier'> {
	if (!context.teacher) return { persistence: 'unchecked', earlier: [] };
	const earlier = (context.history.get(context.teacher.id) ?? [])
		.filter(
			(entry) =>
				entry.procedureId !== context.procedureId &&
				(context.date === undefined || entry.date < context.date) &&
				entry.massSkills.includes(skill)
		)
		.map(({ procedureId, date, classKey }) => ({ procedureId, date, classKey }));
	return { persistence: earlier.length > 0 ? 'persistent' : 'new', earlier };
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
