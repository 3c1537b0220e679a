import type * as Y from 'yjs';
import { z } from 'zod';
import { EditSession, type Editor } from '$lib/coedit';
import { readRoster } from '$lib/roster/roster.ydoc';
import { createLogger } from '$lib/shared/logger';
import type { DocumentRow, SchoolDatabase, SummaryRow } from '$lib/storage/db';
import { rebuildSummary, registerSummariser } from '$lib/storage/projections';
import { rosterRepository, teacherRouteRepository } from '$lib/storage/repository';
import { peopleOf } from '$lib/storage/roster.repo';
import type { SchoolRouteEntry } from './progress';
import { readTeacherRoute } from './read-route';
import { teacherRouteSchema, type TeacherRoute } from './teacher-route.schema';
import { initTeacherRoute, type RouteInit } from './teacher-route.ydoc';

const log = createLogger('teacher-route');

/*
 * The school's list of routes, read from the summaries projection so that the list opens
 * without loading every route document. A summary contains the whole route as plain JSON,
 * because the status of a route depends on the fingerprint of its whole plan.
 */

/** `route` is null for a document whose route was never set up. */
const routeSummarySchema = z.object({ route: teacherRouteSchema.nullable() });

/** Builds the summary of one route document, with invalid values left at their defaults. */
export function summariseRoute(doc: Y.Doc): Record<string, unknown> {
	const { route } = readTeacherRoute(doc);
	return { route: route.meta.teacherId ? route : null };
}

// Every module that lists or opens routes imports this one, so summaries of route documents
// are kept from the first screen of routes on. Summaries made before that are rebuilt by
// `loadSchoolRoutes` when they are missing or older than their document.
registerSummariser('teacher-route', summariseRoute);

/**
 * Lists a route entry for every teacher of the roster, with `route` null where none was
 * started, plus the routes of people no longer in the roster, named from the route itself.
 * Summaries that are missing, damaged or older than their document are rebuilt first.
 */
export async function loadSchoolRoutes(
	db: SchoolDatabase,
	school: string
): Promise<SchoolRouteEntry[]> {
	const teachers = (await peopleOf(db, school)).filter((person) => person.role === 'teacher');
	const routes = new Map<string, TeacherRoute>();
	for (const row of await teacherRouteRepository.list(db, school)) {
		const route = await currentRoute(db, row);
		if (route) routes.set(row.owner, route);
	}

	const entries: SchoolRouteEntry[] = teachers.map((teacher) => ({
		teacherId: teacher.id,
		teacherName: teacher.fullName,
		route: routes.get(teacher.id) ?? null
	}));
	const listed = new Set(teachers.map((teacher) => teacher.id));
	for (const [teacherId, route] of routes) {
		if (listed.has(teacherId)) continue;
		entries.push({ teacherId, teacherName: route.personal.fullName || teacherId, route });
	}
	return entries;
}

async function currentRoute(db: SchoolDatabase, row: DocumentRow): Promise<TeacherRoute | null> {
	const stored = await db.summaries.get(row.id);
	const fresh = stored && stored.updated >= row.updated ? parseSummary(stored) : undefined;
	if (fresh !== undefined) return fresh;

	const opened = await teacherRouteRepository.open(db, { school: row.school, teacher: row.owner });
	try {
		await rebuildSummary(db, row.id, opened.doc);
	} finally {
		opened.release();
	}
	const rebuilt = await db.summaries.get(row.id);
	const route = rebuilt ? parseSummary(rebuilt) : undefined;
	if (route === undefined) {
		log.warn('a rebuilt route summary is missing or invalid; the route is not listed', {
			docId: row.id
		});
	}
	return route ?? null;
}

/** Returns the summary's route, null for a route never set up, undefined when invalid. */
function parseSummary(row: SummaryRow): TeacherRoute | null | undefined {
	const parsed = routeSummarySchema.safeParse(row.summary);
	return parsed.success ? parsed.data.route : undefined;
}

/**
 * Returns what the roster knows of a teacher for a new route: the name, the school's full
 * name and the subjects. Fields the roster lacks stay unset and are typed in the form.
 */
export async function loadRouteInit(
	db: SchoolDatabase,
	school: string,
	teacherId: string
): Promise<RouteInit> {
	const person = await db.people.get(teacherId);
	const opened = await rosterRepository.open(db, { school });
	let schoolName = '';
	try {
		schoolName = readRoster(opened.doc).roster.schoolName;
	} finally {
		opened.release();
	}
	return {
		schoolId: school,
		teacherId,
		fullName: person?.fullName,
		school: schoolName || undefined,
		subjectArea: person?.subjects.join(', ') || undefined
	};
}

/** Sets up a teacher's route in its document on this device; the sync engine sends it on. */
export async function startRoute(
	db: SchoolDatabase,
	init: RouteInit,
	editor: Editor
): Promise<void> {
	const opened = await teacherRouteRepository.open(db, {
		school: init.schoolId,
		teacher: init.teacherId
	});
	const session = new EditSession(opened.doc, editor);
	try {
		initTeacherRoute(session, init);
	} finally {
		session.destroy();
		opened.release();
	}
}
