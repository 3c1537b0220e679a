import type { ProcedureAnalysis } from '$lib/analytics/analyze';
import { groupAt, type GroupReport } from '$lib/analytics/group-view';
import type { SchoolDatabase } from '$lib/storage/db';
import { loadFromDocuments, loadResults } from '$lib/storage/results.repo';
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
			const analysis = await analyticsClient().analyse(results.matrix, results.spec, {
				procedureId
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
