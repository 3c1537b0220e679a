import type * as Y from 'yjs';
import {
	getPartMap,
	latestChange,
	readValidatedSection,
	type ChangeStamp,
	type InvalidValue,
	type PartSchema,
	type ValidatedSection
} from '$lib/coedit';
import { formatDocId } from '$lib/shared/doc-ids';
import { AppError } from '$lib/shared/errors';
import { curriculumPlanSection, type CurriculumPlan } from './curriculum-plan.schema';
import { timeGridOf, type TimeGrid } from './time-grid';
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
	trajectoryVersion,
	workflowSection,
	type AboutValue,
	type CareerValue,
	type CoursesValue,
	type ExamsValue,
	type ExtracurricularValue,
	type GradesValue,
	type MentoringValue,
	type MetaResultKind,
	type MetaResultValue,
	type MetaValue,
	type OlympiadsValue,
	type ProjectsValue,
	type SchoolRoleValue,
	type SocialActivityValue,
	type SphereId,
	type SphereValue,
	type WorkflowValue
} from './trajectory.schema';

/**
 * The trajectory document `{school}/trajectory/{student}`: binding of every section to the
 * Y.Doc. The app creates the document with `gc: false` and stores and syncs it; this module
 * only reads and initialises it. Edits go through an `EditSession` with the section layouts
 * exported here, so each one records its author and its day.
 */

/** Every section of the trajectory, for history lists, restore and observers. */
export const trajectorySections: ValidatedSection[] = [
	metaSection,
	aboutSection,
	...sphereIds.map((id) => sphereSections[id]),
	gradesSection,
	...metaResultKinds.map((kind) => metaResultSections[kind]),
	olympiadsSection,
	projectsSection,
	extracurricularSection,
	socialActivitySection,
	careerSection,
	examsSection,
	coursesSection,
	timeManagementSection,
	schoolRoleSection,
	mentoringSection,
	workflowSection,
	curriculumPlanSection
];

export interface Trajectory {
	meta: MetaValue['fields'];
	about: AboutValue;
	spheres: Record<SphereId, SphereValue>;
	grades: GradesValue;
	metaResults: Record<MetaResultKind, MetaResultValue>;
	olympiads: OlympiadsValue['entries'];
	projects: ProjectsValue['entries'];
	extracurricular: ExtracurricularValue['entries'];
	socialActivity: SocialActivityValue['entries'];
	career: CareerValue;
	exams: ExamsValue['entries'];
	courses: CoursesValue['entries'];
	timeManagement: TimeGrid;
	schoolRole: SchoolRoleValue;
	mentoring: MentoringValue['entries'];
	workflow: WorkflowValue;
	curriculumPlan: CurriculumPlan;
}

export interface TrajectoryRead {
	trajectory: Trajectory;
	/** Values that failed their schema, with path and raw value; the screens show them as such. */
	invalid: InvalidValue[];
	/** The latest recorded change anywhere in the document, or null. */
	lastChange: (ChangeStamp & { path: string }) | null;
}

/** Reads and validates the whole trajectory. Reading never changes the document. */
export function readTrajectory(doc: Y.Doc): TrajectoryRead {
	const invalid: InvalidValue[] = [];
	const read = <P extends Record<string, PartSchema>>(section: ValidatedSection<P>) =>
		readValidatedSection(doc, section, invalid);
	const trajectory: Trajectory = {
		meta: read(metaSection).fields,
		about: read(aboutSection),
		spheres: Object.fromEntries(
			sphereIds.map((id) => [id, read(sphereSections[id])])
		) as Trajectory['spheres'],
		grades: read(gradesSection),
		metaResults: Object.fromEntries(
			metaResultKinds.map((kind) => [kind, read(metaResultSections[kind])])
		) as Trajectory['metaResults'],
		olympiads: read(olympiadsSection).entries,
		projects: read(projectsSection).entries,
		extracurricular: read(extracurricularSection).entries,
		socialActivity: read(socialActivitySection).entries,
		career: read(careerSection),
		exams: read(examsSection).entries,
		courses: read(coursesSection).entries,
		timeManagement: timeGridOf(read(timeManagementSection)),
		schoolRole: read(schoolRoleSection),
		mentoring: read(mentoringSection).entries,
		workflow: read(workflowSection),
		curriculumPlan: read(curriculumPlanSection)
	};
	return { trajectory, invalid, lastChange: latestChange(doc) };
}

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

export interface TrajectoryInit {
	schoolId: string;
	studentId: string;
	studentName?: string;
	grade?: number;
	/** `YYYY/YYYY`, e.g. 2024/2025. */
	academicYear?: string;
}

/** Transaction origin of `initTrajectory`, so observers can tell setup from edits. */
export const trajectoryInitOrigin = Symbol('trajectory-init');

/**
 * Prepares a trajectory document for a student. It only sets the meta fields that are still
 * missing, and every other section is a top-level type that exists by name. So it is safe to
 * run again, and on two offline replicas at once: after they merge there is one copy of every
 * section and no row appears twice. Throws when the document belongs to another student.
 */
export function initTrajectory(doc: Y.Doc, init: TrajectoryInit): void {
	if (!idPattern.test(init.schoolId) || !idPattern.test(init.studentId)) {
		throw new AppError(
			'validation-failed',
			`Неверный идентификатор школы или обучающегося: ${init.schoolId}/${init.studentId}.`
		);
	}
	const meta = getPartMap(doc, metaSection.layout, 'fields');
	const owner = meta.get('studentId');
	if (owner !== undefined && owner !== init.studentId) {
		throw new AppError(
			'validation-failed',
			`Документ уже принадлежит обучающемуся ${String(owner)}, а не ${init.studentId}.`
		);
	}
	const values: Record<string, unknown> = {
		studentId: init.studentId,
		schoolId: init.schoolId,
		studentName: init.studentName,
		grade: init.grade,
		academicYear: init.academicYear,
		createdAt: new Date().toISOString(),
		version: trajectoryVersion
	};
	doc.transact(() => {
		for (const [key, value] of Object.entries(values)) {
			if (value !== undefined && !meta.has(key)) meta.set(key, value);
		}
	}, trajectoryInitOrigin);
}

/** Returns the document id of a student's trajectory, `{school}/trajectory/{student}`. */
export function trajectoryDocId(schoolId: string, studentId: string): string {
	return formatDocId({ kind: 'trajectory', school: schoolId, student: studentId });
}
