import type { ChangeStamp } from '$lib/coedit';
import { checkSmartGoal } from './smart-goal';
import { stageLabels } from './trajectory.labels';
import {
	sphereIds,
	type GradePeriod,
	type SphereId,
	type TrajectoryLevel,
	type TrajectoryStage
} from './trajectory.schema';
import type { Trajectory } from './trajectory.ydoc';

/**
 * The tutor's view of a group: one row per student, and the figures of stage 6 of the design
 * algorithm (evaluation of the technology at school level), computed from the trajectories.
 * Pure functions of plain objects, so the worker and the tests run them alike.
 */

export interface GroupMember {
	studentId: string;
	studentName: string;
	trajectory: Trajectory;
	lastChange: ChangeStamp | null;
}

export interface GroupViewRow {
	studentId: string;
	studentName: string;
	stage: TrajectoryStage;
	stageName: string;
	level: TrajectoryLevel | null;
	lastChange: ChangeStamp | null;
	/** Tasks of all spheres not yet ticked off. */
	openTasks: number;
	/** Spheres whose goal is written but has no deadline, in the wording or apart from it. */
	goalsWithoutDeadline: SphereId[];
}

function openTasks(trajectory: Trajectory): number {
	let count = 0;
	for (const id of sphereIds) {
		for (const task of trajectory.spheres[id].tasks) if (!task.done && task.text.trim()) count++;
	}
	return count;
}

function goalsWithoutDeadline(trajectory: Trajectory): SphereId[] {
	return sphereIds.filter((id) => {
		const sphere = trajectory.spheres[id];
		if (sphere.goal.trim().length === 0) return false;
		const check = checkSmartGoal(sphere.goal, { sphere: id, deadline: sphere.fields.deadline });
		return check.missing.includes('deadline');
	});
}

/** Builds the group view, sorted by student name. */
export function groupViewRows(members: GroupMember[]): GroupViewRow[] {
	return members
		.map((member) => {
			const { stage, level } = member.trajectory.workflow.state;
			return {
				studentId: member.studentId,
				studentName: member.studentName,
				stage: stage as TrajectoryStage,
				stageName: stageLabels[stage as TrajectoryStage],
				level,
				lastChange: member.lastChange,
				openTasks: openTasks(member.trajectory),
				goalsWithoutDeadline: goalsWithoutDeadline(member.trajectory)
			};
		})
		.sort((a, b) => a.studentName.localeCompare(b.studentName, 'ru'));
}

/** An inclusive range of days, `YYYY-MM-DD`. */
export interface DateRange {
	from: string;
	to: string;
}

/**
 * Tells whether a date lies in the range. A month-only date (`YYYY-MM`) counts when its month
 * overlaps the range; a missing date never does.
 */
export function inRange(date: string | null, range: DateRange): boolean {
	if (date === null) return false;
	if (date.length === 7) return date >= range.from.slice(0, 7) && date <= range.to.slice(0, 7);
	return date >= range.from && date <= range.to;
}

function overlaps(start: string | null, end: string | null, range: DateRange): boolean {
	return (start === null || start <= range.to) && (end === null || end >= range.from);
}

export interface StageSixOptions {
	/**
	 * Counts only career events, completed projects and mentoring programmes of this range, or
	 * all of them when omitted. With a range, a project without a completion date is not counted.
	 */
	period?: DateRange;
	/** Periods of the grade summary whose marks are compared, e.g. I and II half-year. */
	gradeChange: { from: GradePeriod; to: GradePeriod };
	/** Two ranges whose extracurricular participation is compared. */
	clubs: { before: DateRange; after: DateRange };
}

export interface SubjectGradeChange {
	/** The subject as first spelt in the group. */
	subject: string;
	/** Students with a mark in both periods. */
	students: number;
	meanFrom: number;
	meanTo: number;
	change: number;
	improved: number;
	declined: number;
	unchanged: number;
}

export interface ParticipationCount {
	students: number;
	entries: number;
}

export interface StageSixFigures {
	students: number;
	careerGuidance: ParticipationCount;
	mentoring: { programmes: number; students: number };
	completedProjects: { projects: number; students: number };
	gradeChange: SubjectGradeChange[];
	clubParticipation: {
		before: ParticipationCount;
		after: ParticipationCount;
		studentChange: number;
		entryChange: number;
		/** Change of participating students in percent of `before`; null when `before` is 0. */
		studentGrowthPercent: number | null;
	};
}

/** Name key that ignores case, spacing and the letter ё, so «Алгебра » and «алгебра» match. */
function nameKey(name: string): string {
	return name.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
}

function count<T>(
	members: GroupMember[],
	rowsOf: (t: Trajectory) => T[],
	keep: (row: T) => boolean
): ParticipationCount {
	let students = 0;
	let entries = 0;
	for (const member of members) {
		const kept = rowsOf(member.trajectory).filter(keep).length;
		entries += kept;
		if (kept > 0) students++;
	}
	return { students, entries };
}

function mentoringFigures(members: GroupMember[], period?: DateRange) {
	const programmes = new Set<string>();
	let students = 0;
	for (const member of members) {
		const rows = member.trajectory.mentoring.filter(
			(row) => !period || overlaps(row.start, row.end, period)
		);
		if (rows.length > 0) students++;
		for (const row of rows) if (row.programme.trim()) programmes.add(nameKey(row.programme));
	}
	return { programmes: programmes.size, students };
}

const round = (value: number) => Math.round(value * 100) / 100;

/** Compares the marks of two periods subject by subject, over students with both marks. */
export function gradeChangeBySubject(
	members: GroupMember[],
	from: GradePeriod,
	to: GradePeriod
): SubjectGradeChange[] {
	const subjects = new Map<string, { subject: string; pairs: [number, number][] }>();
	for (const member of members) {
		for (const row of member.trajectory.grades.subjects) {
			const before = row[from];
			const after = row[to];
			if (!row.subject.trim() || before === null || after === null) continue;
			const key = nameKey(row.subject);
			const entry = subjects.get(key) ?? { subject: row.subject.trim(), pairs: [] };
			entry.pairs.push([before, after]);
			subjects.set(key, entry);
		}
	}
	return [...subjects.values()]
		.map(({ subject, pairs }) => {
			const meanFrom = pairs.reduce((sum, [a]) => sum + a, 0) / pairs.length;
			const meanTo = pairs.reduce((sum, [, b]) => sum + b, 0) / pairs.length;
			return {
				subject,
				students: pairs.length,
				meanFrom: round(meanFrom),
				meanTo: round(meanTo),
				change: round(meanTo - meanFrom),
				improved: pairs.filter(([a, b]) => b > a).length,
				declined: pairs.filter(([a, b]) => b < a).length,
				unchanged: pairs.filter(([a, b]) => b === a).length
			};
		})
		.sort((a, b) => a.subject.localeCompare(b.subject, 'ru'));
}

/** Computes the stage-6 figures of a group of trajectories. */
export function stageSixFigures(members: GroupMember[], options: StageSixOptions): StageSixFigures {
	const { period } = options;
	const inPeriod = (date: string | null) => !period || inRange(date, period);
	const before = count(
		members,
		(t) => t.extracurricular,
		(row) => inRange(row.date, options.clubs.before)
	);
	const after = count(
		members,
		(t) => t.extracurricular,
		(row) => inRange(row.date, options.clubs.after)
	);
	const completed = count(
		members,
		(t) => t.projects,
		(row) => row.completed && inPeriod(row.completedOn)
	);
	return {
		students: members.length,
		careerGuidance: count(
			members,
			(t) => t.career.events,
			(row) => inPeriod(row.date)
		),
		mentoring: mentoringFigures(members, period),
		completedProjects: { projects: completed.entries, students: completed.students },
		gradeChange: gradeChangeBySubject(members, options.gradeChange.from, options.gradeChange.to),
		clubParticipation: {
			before,
			after,
			studentChange: after.students - before.students,
			entryChange: after.entries - before.entries,
			studentGrowthPercent:
				before.students === 0
					? null
					: round(((after.students - before.students) / before.students) * 100)
		}
	};
}
