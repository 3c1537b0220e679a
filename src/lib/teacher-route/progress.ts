import {
	roadmapSectionIds,
	type RoadmapRow,
	type RoadmapRowKind,
	type RoadmapSectionId
} from './roadmap.schema';
import { signOffState, isSigned } from './sign-off';
import { roadmapKindLabels } from './teacher-route.labels';
import type { TeacherRoute } from './teacher-route.schema';

/*
 * Progress of one route and the school's list of routes. Dates are `YYYY-MM-DD`, compared
 * as strings, and `today` is passed in so that a test can fix the clock. The figures describe
 * the route's own plan; nothing here compares teachers or their students' results.
 */

export interface TimelineItem {
	rowId: string;
	section: RoadmapSectionId;
	kind: RoadmapRowKind;
	/** The first line of the row's content, or the caption of its kind when empty. */
	label: string;
	start: string;
	end: string;
	throughout: boolean;
	done: boolean;
	overdue: boolean;
}

export interface OverdueRow {
	rowId: string;
	section: RoadmapSectionId;
	label: string;
	/** The deadline that passed: the row's end, or the route's end for a row without one. */
	end: string;
}

export interface RouteProgress {
	rowsTotal: number;
	rowsCompleted: number;
	/** Completed rows over all rows, 0–1; null for an empty roadmap. */
	completedShare: number | null;
	/** Hours of the rows of section 1.1, courses and retraining; done counts completed rows. */
	courseHours: { planned: number; done: number };
	overdue: OverdueRow[];
	/** One bar per row with a start and an end, in the order of the roadmap. */
	timeline: TimelineItem[];
	/** Rows that have no start or end, neither their own nor the route's. */
	undated: string[];
}

function rowLabel(row: RoadmapRow): string {
	const firstLine = row.content.split('\n')[0].trim();
	return firstLine || roadmapKindLabels[row.kind].label;
}

/**
 * Returns the row's term: its own dates, or the route's for a row marked «в течение всего
 * срока», and the route's start or end where the row has none.
 */
function rowTerm(row: RoadmapRow, route: TeacherRoute): { start?: string; end?: string } {
	const { start, end } = route.roadmap;
	if (row.throughout) return { start, end };
	return { start: row.start ?? start, end: row.end ?? end };
}

export function routeProgress(route: TeacherRoute, today: string): RouteProgress {
	const progress: RouteProgress = {
		rowsTotal: 0,
		rowsCompleted: 0,
		completedShare: null,
		courseHours: { planned: 0, done: 0 },
		overdue: [],
		timeline: [],
		undated: []
	};
	for (const section of roadmapSectionIds) {
		for (const row of route.roadmap.sections[section]) {
			const done = row.doneDate !== undefined;
			progress.rowsTotal++;
			if (done) progress.rowsCompleted++;
			if (section === '1.1' && row.hours !== undefined) {
				progress.courseHours.planned += row.hours;
				if (done) progress.courseHours.done += row.hours;
			}

			const label = rowLabel(row);
			const { start, end } = rowTerm(row, route);
			const overdue = !done && end !== undefined && end < today;
			if (overdue && end) progress.overdue.push({ rowId: row.id, section, label, end });
			if (!start || !end) {
				progress.undated.push(row.id);
				continue;
			}
			const item = { rowId: row.id, section, kind: row.kind, label, start, end };
			progress.timeline.push({ ...item, throughout: row.throughout, done, overdue });
		}
	}
	if (progress.rowsTotal > 0) progress.completedShare = progress.rowsCompleted / progress.rowsTotal;
	return progress;
}

export type RouteStatus = 'draft' | 'signed' | 'in-progress' | 'completed';

/**
 * Returns the status of a route. It is a draft until both the deputy director and the
 * teacher signed the current plan. A signed route is in progress once it starts or a row is
 * done, and completed when every row is done.
 */
export function routeStatus(route: TeacherRoute, today: string): RouteStatus {
	if (!isSigned(route)) return 'draft';

	const rows = roadmapSectionIds.flatMap((section) => route.roadmap.sections[section]);
	const completed = rows.filter((row) => row.doneDate !== undefined).length;
	if (rows.length > 0 && completed === rows.length) return 'completed';
	const started = route.roadmap.start !== undefined && route.roadmap.start <= today;
	return started || completed > 0 ? 'in-progress' : 'signed';
}

export interface SchoolRouteEntry {
	teacherId: string;
	teacherName: string;
	/** The teacher's route, or null when none was created yet. */
	route: TeacherRoute | null;
}

export interface RouteOverviewItem {
	teacherId: string;
	teacherName: string;
	status: RouteStatus | 'missing';
	/** A signature exists but the plan changed after it. */
	signatureOutdated: boolean;
	start?: string;
	end?: string;
	nextDiagnosticsDate?: string;
	/** The next diagnostics date is today or has passed. */
	diagnosticsDue: boolean;
}

/**
 * Builds the deputy director's list of the school's routes, in alphabetical order of the
 * teachers' names. Each item has the route's status and dates only. No figure of progress or
 * of students' results appears, so the list cannot be read as a ranking.
 */
export function schoolRouteOverview(
	entries: readonly SchoolRouteEntry[],
	today: string
): RouteOverviewItem[] {
	const items = entries.map(({ teacherId, teacherName, route }): RouteOverviewItem => {
		if (!route)
			return {
				teacherId,
				teacherName,
				status: 'missing',
				signatureOutdated: false,
				diagnosticsDue: false
			};

		const outdated =
			signOffState(route, 'deputy') === 'outdated' || signOffState(route, 'teacher') === 'outdated';
		const next = route.closing.nextDiagnosticsDate;
		return {
			teacherId,
			teacherName,
			status: routeStatus(route, today),
			signatureOutdated: outdated,
			start: route.roadmap.start,
			end: route.roadmap.end,
			nextDiagnosticsDate: next,
			diagnosticsDue: next !== undefined && next <= today
		};
	});
	return items.sort((a, b) => a.teacherName.localeCompare(b.teacherName, 'ru'));
}
