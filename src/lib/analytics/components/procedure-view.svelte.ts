import type { ProcedureAnalysis } from '$lib/analytics/analyze';
import { groupAt, type GroupReport } from '$lib/analytics/group-view';
import { historyEntries } from '$lib/analytics/deficits';
import type { TeacherHistoryEntry, TeacherRef } from '$lib/analytics/options';
import { teachersFromRoster } from '$lib/analytics/teachers';
import { readRoster } from '$lib/roster/roster.ydoc';
import type { SchoolDatabase } from '$lib/storage/db';
import { rosterRepository } from '$lib/storage/repository';
import { listResults, loadFromDocuments, loadResults } from '$lib/storage/results.repo';
import type { StoredResults } from '$lib/storage/results.schema';
import { analyticsClient } from '$lib/worker/analytics-client';

/**
 * The state of one procedure's screens: its stored results, the analysis from the worker,
 * and the school and class the person has chosen. Group indexes refer to the analysis
 * tables `schools` and `classes`; -1 means «all».
 */
export class ProcedureView {
	#results = $state.raw<StoredResults | null>(null);
	#analysis = $state.raw<ProcedureAnalysis | null>(null);
	#status = $state<'loading' | 'analysing' | 'ready' | 'missing' | 'failed'>('loading');
	#school = $state(-1);
	#class = $state(-1);

	get results(): StoredResults | null {
		return this.#results;
	}

	get analysis(): ProcedureAnalysis | null {
		return this.#analysis;
	}

	get status() {
		return this.#status;
	}

	get school(): number {
		return this.#school;
	}

	get classGroup(): number {
		return this.#class;
	}

	/** True when the file has several schools and the person must pick one for class views. */
	get multiSchool(): boolean {
		return (this.#analysis?.schools.keys.length ?? 0) > 1;
	}

	/** The group the views describe: the chosen class, else the chosen school, else the file. */
	get focus(): GroupReport | null {
		const analysis = this.#analysis;
		if (!analysis) return null;
		if (this.#class >= 0) return groupAt(analysis.classes, this.#class);
		if (this.#school >= 0) return groupAt(analysis.schools, this.#school);
		return groupAt(analysis.file, 0);
	}

	/** The file as a whole, which every group is compared with. */
	get reference(): GroupReport | null {
		const analysis = this.#analysis;
		if (!analysis) return null;
		return groupAt(analysis.reference ?? analysis.file, 0);
	}

	/** Class groups of the chosen school, or of the only school; empty while none is chosen. */
	get classesInScope(): number[] {
		const analysis = this.#analysis;
		if (!analysis) return [];
		const schoolId = this.#school >= 0 ? analysis.schools.keys[this.#school] : null;
		if (schoolId === null && this.multiSchool) return [];
		const groups: number[] = [];
		analysis.classes.keys.forEach((_, g) => {
			if (schoolId === null || analysis.classes.schools[g] === schoolId) groups.push(g);
		});
		return groups.sort((a, b) =>
			analysis.classes.labels[a].localeCompare(analysis.classes.labels[b], 'ru')
		);
	}

	/** Rows of the matrix the student-level views show: the chosen class or school. */
	get rowsInScope(): Int32Array | null {
		const analysis = this.#analysis;
		const matrix = this.#results?.matrix;
		if (!analysis || !matrix) return null;
		if (this.#class >= 0) return this.#rowsOf(analysis.classes.keys[this.#class], 'class');
		if (this.#school >= 0) return this.#rowsOf(analysis.schools.keys[this.#school], 'school');
		return this.multiSchool ? null : Int32Array.from({ length: matrix.studentCount }, (_, s) => s);
	}

	#rowsOf(key: string, kind: 'class' | 'school'): Int32Array {
		const matrix = this.#results!.matrix;
		const rows: number[] = [];
		for (let s = 0; s < matrix.studentCount; s++) {
			const school = matrix.schools[matrix.schoolIndex[s]];
			const match =
				kind === 'school'
					? school === key
					: `${school}/${matrix.classes[matrix.classIndex[s]]}` === key;
			if (match) rows.push(s);
		}
		return Int32Array.from(rows);
	}

	selectSchool(group: number): void {
		this.#school = group;
		this.#class = -1;
	}

	selectClass(group: number): void {
		this.#class = group;
		const analysis = this.#analysis;
		if (analysis && group >= 0) {
			this.#school = analysis.schools.keys.indexOf(analysis.classes.schools[group] ?? '');
		}
	}

	/** Loads the results (the table first, then synced documents) and analyses them. */
	async load(db: SchoolDatabase, school: string, procedureId: string): Promise<void> {
		this.#status = 'loading';
		try {
			const results =
				(await loadResults(db, procedureId)) ?? (await loadFromDocuments(db, school, procedureId));
			if (!results) {
				this.#status = 'missing';
				return;
			}
			this.#results = results;
			this.#status = 'analysing';
			// The roster names the teacher of each class for a file of this school only.
			const teachers =
				results.matrix.schools.length === 1
					? await teachersOf(db, school, results.spec.subject)
					: {};
			const history =
				Object.keys(teachers).length > 0 ? await historyOf(db, results, teachers) : [];
			const analysis = await analyticsClient().analyse(results.matrix, results.spec, {
				procedureId,
				teachers,
				history,
				date: dateOf(results)
			});
			this.#analysis = analysis;
			if (analysis.schools.keys.length === 1) this.#school = 0;
			this.#status = 'ready';
		} catch (error) {
			this.#status = 'failed';
			throw error;
		}
	}
}

/** Reads the teacher of `subject` per class label from the school's roster document. */
async function teachersOf(
	db: SchoolDatabase,
	school: string,
	subject: string
): Promise<Record<string, TeacherRef>> {
	const opened = await rosterRepository.open(db, { school });
	try {
		return teachersFromRoster(readRoster(opened.doc).roster, subject);
	} finally {
		opened.release();
	}
}

/**
 * Returns the procedure's date: the specification's, else the import time as a full ISO
 * timestamp. The timestamp still sorts with `YYYY-MM-DD` dates as text, and it keeps two
 * imports of one day in order, which the history check needs.
 */
export function dateOf(results: StoredResults): string {
	return results.spec.date ?? new Date(results.importedAt).toISOString();
}

/**
 * Collects mass deficits of the same teachers in earlier procedures of the subject on this
 * device, so that a repeated deficit is distinguished from a new one. Only single-school procedures count,
 * because class labels name this school's classes only there.
 */
async function historyOf(
	db: SchoolDatabase,
	current: StoredResults,
	teachers: Record<string, TeacherRef>
): Promise<TeacherHistoryEntry[]> {
	const history: TeacherHistoryEntry[] = [];
	const date = dateOf(current);
	for (const item of await listResults(db, current.school)) {
		if (item.procedureId === current.procedureId || item.schools !== 1) continue;
		const earlier =
			(await loadResults(db, item.procedureId)) ??
			(await loadFromDocuments(db, current.school, item.procedureId));
		if (!earlier || earlier.spec.subject !== current.spec.subject || dateOf(earlier) >= date) {
			continue;
		}
		const analysis = await analyticsClient().analyse(earlier.matrix, earlier.spec, {
			procedureId: earlier.procedureId,
			teachers
		});
		history.push(...historyEntries(analysis.classDetails, earlier.procedureId, dateOf(earlier)));
	}
	return history;
}
