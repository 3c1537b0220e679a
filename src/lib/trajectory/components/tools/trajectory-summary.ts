import type * as Y from 'yjs';
import { z } from 'zod';
import {
	latestChange,
	readValidatedSection,
	validateSection,
	type ChangeStamp,
	type InvalidValue,
	type PartSchema,
	type SectionValue,
	type ValidatedSection
} from '$lib/coedit';
import { roles } from '$lib/shared/access';
import { createLogger } from '$lib/shared/logger';
import type { DocumentRow, SchoolDatabase, SummaryRow } from '$lib/storage/db';
import { rebuildSummary, registerSummariser } from '$lib/storage/projections';
import { trajectoryRepository } from '$lib/storage/repository';
import { curriculumPlanSection } from '$lib/trajectory/curriculum-plan.schema';
import type { GroupMember } from '$lib/trajectory/group-view';
import { timeGridOf } from '$lib/trajectory/time-grid';
import {
	aboutSection,
	careerSection,
	coursesSection,
	examsSection,
	extracurricularSection,
	gradesSection,
	mentoringSection,
	metaResultKinds,
	metaResultSections,
	metaSection,
	olympiadsSection,
	projectsSection,
	schoolRoleSection,
	socialActivitySection,
	sphereIds,
	sphereSections,
	timeManagementSection,
	workflowSection
} from '$lib/trajectory/trajectory.schema';
import type { Trajectory } from '$lib/trajectory/trajectory.ydoc';

const log = createLogger('trajectory');

/*
 * The summary row of a trajectory document, for the tutor's group view and the list of
 * students: the sections the group view reads, as validated plain values, and the document's
 * latest change. So the group view opens without loading every trajectory.
 */

/** Sections kept in the summary: everything `groupViewRows` and `stageSixFigures` read. */
const summarisedSections: readonly ValidatedSection[] = [
	metaSection,
	workflowSection,
	...sphereIds.map((id) => sphereSections[id]),
	gradesSection,
	projectsSection,
	careerSection,
	mentoringSection,
	extracurricularSection
];

/** Raised whenever the summary's shape changes, so older rows are rebuilt, not misread. */
export const trajectorySummaryFormat = 1;

/** Builds the summary of one trajectory document; invalid values are left at their defaults. */
export function summariseTrajectory(doc: Y.Doc): Record<string, unknown> {
	const invalid: InvalidValue[] = [];
	const sections: Record<string, unknown> = {};
	for (const section of summarisedSections) {
		sections[section.id] = readValidatedSection(doc, section, invalid);
	}
	return {
		format: trajectorySummaryFormat,
		sections,
		invalidCount: invalid.length,
		lastChange: latestChange(doc)
	};
}

// Every screen that lists trajectories imports this module, so from the first such screen on
// the sync engine's projections keep the summaries current. Summaries missing then, or older
// than their document, are rebuilt by `loadTrajectorySummaries`.
registerSummariser('trajectory', summariseTrajectory);

const stampSchema = z.object({
	personId: z.string(),
	name: z.string(),
	role: z.enum(roles),
	at: z.string(),
	path: z.string()
});

const summarySchema = z.object({
	format: z.literal(trajectorySummaryFormat),
	sections: z.record(z.string(), z.unknown()),
	invalidCount: z.number().int().min(0),
	lastChange: stampSchema.nullable()
});

export interface TrajectorySummary {
	/** The trajectory with the summarised sections; every other section is empty. */
	trajectory: Trajectory;
	lastChange: ChangeStamp | null;
	/** Values that failed their schema in the document when the summary was made. */
	invalidCount: number;
}

function asRecord(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
}

/** Reads a summary row, or returns null when it is of another format or damaged. */
export function parseTrajectorySummary(row: SummaryRow): TrajectorySummary | null {
	const parsed = summarySchema.safeParse(row.summary);
	if (!parsed.success) return null;
	const { sections, lastChange, invalidCount } = parsed.data;
	// Stored values were validated when summarised. Checking them again costs little, and it
	// keeps a row written by another version of the app from reaching the screens unchecked.
	const ignored: InvalidValue[] = [];
	const value = <P extends Record<string, PartSchema>>(section: ValidatedSection<P>) =>
		validateSection(
			section.id,
			asRecord(sections[section.id]),
			section.schemas,
			ignored
		) as SectionValue<P>;
	const trajectory: Trajectory = {
		meta: value(metaSection).fields,
		about: value(aboutSection),
		spheres: Object.fromEntries(
			sphereIds.map((id) => [id, value(sphereSections[id])])
		) as Trajectory['spheres'],
		grades: value(gradesSection),
		metaResults: Object.fromEntries(
			metaResultKinds.map((kind) => [kind, value(metaResultSections[kind])])
		) as Trajectory['metaResults'],
		olympiads: value(olympiadsSection).entries,
		projects: value(projectsSection).entries,
		extracurricular: value(extracurricularSection).entries,
		socialActivity: value(socialActivitySection).entries,
		career: value(careerSection),
		exams: value(examsSection).entries,
		courses: value(coursesSection).entries,
		timeManagement: timeGridOf(value(timeManagementSection)),
		schoolRole: value(schoolRoleSection),
		mentoring: value(mentoringSection).entries,
		workflow: value(workflowSection),
		curriculumPlan: value(curriculumPlanSection)
	};
	return { trajectory, lastChange, invalidCount };
}

async function freshSummary(
	db: SchoolDatabase,
	row: DocumentRow
): Promise<TrajectorySummary | null> {
	const stored = await db.summaries.get(row.id);
	const usable = stored && stored.updated >= row.updated ? parseTrajectorySummary(stored) : null;
	if (usable) return usable;

	const opened = await trajectoryRepository.open(db, { school: row.school, student: row.owner });
	try {
		await rebuildSummary(db, row.id, opened.doc);
	} finally {
		opened.release();
	}
	const rebuilt = await db.summaries.get(row.id);
	const summary = rebuilt ? parseTrajectorySummary(rebuilt) : null;
	if (!summary)
		log.warn('a rebuilt trajectory summary is invalid; it is not listed', { id: row.id });
	return summary;
}

/**
 * Loads the summaries of the school's trajectories held on this device, by student id.
 * Summaries that are missing, of an older format or older than their document are rebuilt
 * from the document first. Students whose trajectory has not reached the device are absent.
 */
export async function loadTrajectorySummaries(
	db: SchoolDatabase,
	school: string
): Promise<Map<string, TrajectorySummary>> {
	const summaries = new Map<string, TrajectorySummary>();
	for (const row of await trajectoryRepository.list(db, school)) {
		const summary = await freshSummary(db, row);
		if (summary) summaries.set(row.owner, summary);
	}
	return summaries;
}

/** Turns summaries into group members for the students given, in their order. */
export function groupMembers(
	students: readonly { id: string; fullName: string }[],
	summaries: ReadonlyMap<string, TrajectorySummary>
): GroupMember[] {
	const members: GroupMember[] = [];
	for (const student of students) {
		const summary = summaries.get(student.id);
		if (!summary) continue;
		members.push({
			studentId: student.id,
			studentName: student.fullName,
			trajectory: summary.trajectory,
			lastChange: summary.lastChange
		});
	}
	return members;
}
