import type { ProcedureAnalysis } from '$lib/analytics/analyze';
import { historyEntries } from '$lib/analytics/deficits';
import type { AnalysisOptions, TeacherHistoryEntry } from '$lib/analytics/options';
import { teachersFromRoster } from '$lib/analytics/teachers';
import type { ResultMatrix } from '$lib/assessment/result-matrix';
import type { Specification } from '$lib/assessment/specification.schema';
import { readRoster } from '$lib/roster/roster.ydoc';
import { localDay } from '$lib/shared/dates';
import { describeError } from '$lib/shared/errors';
import { createLogger } from '$lib/shared/logger';
import type { SchoolDatabase } from '$lib/storage/db';
import { rosterRepository } from '$lib/storage/repository';
import { listResults, loadFromDocuments, loadResults } from '$lib/storage/results.repo';
import type { StoredResults } from '$lib/storage/results.schema';
import { massDeficitsFromAnalysis } from './analysis-deficits';
import type { MassDeficitInput } from './proposals';
import { isoDateSchema } from './route-values.schema';

const log = createLogger('teacher-route');

/** Runs one analysis: the worker in the app, `analyzeProcedure` itself in tests. */
export type Analyse = (
	matrix: ResultMatrix,
	spec: Specification,
	options: Pick<AnalysisOptions, 'teachers' | 'history' | 'procedureId' | 'date'>
) => Promise<ProcedureAnalysis>;

export interface TeacherDeficits {
	/** Mass deficits of the teacher's classes, oldest procedure first. */
	deficits: MassDeficitInput[];
	/** Procedures of the teacher's subjects that were analysed. */
	analysed: number;
	/** Procedures that could not be read or analysed, with the Russian reason. */
	failed: { procedureId: string; title: string; message: string }[];
}

/**
 * Finds the mass deficits of one teacher's classes in the results this device holds. Each
 * procedure of the school is analysed with the roster's teachers of its subject, oldest
 * first, and the mass deficits of earlier procedures of the same subject are passed on as
 * history, so a deficit that recurs in the same teacher's classes is marked persistent.
 * Only the school's own procedures are read: a file kept on this device alone (a regional
 * export) mixes schools whose classes share labels, so its classes cannot be matched to
 * this school's teachers.
 */
export async function loadTeacherDeficits(
	db: SchoolDatabase,
	school: string,
	teacherId: string,
	analyse: Analyse
): Promise<TeacherDeficits> {
	const roster = await readSchoolRoster(db, school);
	const { procedures, failed } = await loadSchoolProcedures(db, school);
	const history = new Map<string, TeacherHistoryEntry[]>();
	const result: TeacherDeficits = { deficits: [], analysed: 0, failed };

	for (const procedure of procedures) {
		const { spec, matrix, procedureId } = procedure.results;
		const teachers = teachersFromRoster(roster, spec.subject);
		const teachesIt = Object.values(teachers).some((teacher) => teacher.id === teacherId);
		if (!teachesIt || matrix.studentCount === 0) continue;

		const subject = normalSubject(spec.subject);
		const earlier = history.get(subject) ?? [];
		try {
			const options = { teachers, history: earlier, procedureId, date: procedure.date };
			const analysis = await analyse(matrix, spec, options);
			const source = {
				procedureId,
				title: procedure.results.title,
				date: procedure.date,
				skills: spec.skills
			};
			const own = massDeficitsFromAnalysis(analysis, source).filter(
				(entry) => entry.teacherId === teacherId
			);
			result.deficits.push(...own);
			result.analysed++;
			const entries = historyEntries(analysis.classDetails, procedureId, procedure.date);
			history.set(subject, [...earlier, ...entries]);
		} catch (error) {
			const { message, detail } = describeError(error);
			log.warn('a procedure could not be analysed for the teacher route; it is skipped', {
				procedureId,
				detail
			});
			result.failed.push({ procedureId, title: procedure.results.title, message });
		}
	}
	return result;
}

interface DatedResults {
	results: StoredResults;
	date: string;
}

async function loadSchoolProcedures(
	db: SchoolDatabase,
	school: string
): Promise<{ procedures: DatedResults[]; failed: TeacherDeficits['failed'] }> {
	const procedures: DatedResults[] = [];
	const failed: TeacherDeficits['failed'] = [];
	for (const summary of await listResults(db, school)) {
		if (summary.scope !== 'school') continue;
		try {
			const results =
				(await loadResults(db, summary.procedureId)) ??
				(await loadFromDocuments(db, school, summary.procedureId));
			if (results) procedures.push({ results, date: procedureDate(results) });
		} catch (error) {
			const { message, detail } = describeError(error);
			log.warn('stored results could not be read for the teacher route; they are skipped', {
				procedureId: summary.procedureId,
				detail
			});
			failed.push({ procedureId: summary.procedureId, title: summary.title, message });
		}
	}
	procedures.sort(
		(a, b) =>
			a.date.localeCompare(b.date) || a.results.procedureId.localeCompare(b.results.procedureId)
	);
	return { procedures, failed };
}

/** The specification's date when it is `YYYY-MM-DD`, else the local day of the import. */
function procedureDate(results: StoredResults): string {
	const date = results.spec.date;
	if (date && isoDateSchema.safeParse(date).success) return date;
	return localDay(results.importedAt);
}

function normalSubject(subject: string): string {
	return subject.trim().toLocaleLowerCase('ru').replaceAll('ё', 'е');
}

async function readSchoolRoster(db: SchoolDatabase, school: string) {
	const opened = await rosterRepository.open(db, { school });
	try {
		return readRoster(opened.doc).roster;
	} finally {
		opened.release();
	}
}
