import { applyClassMapping } from '$lib/assessment/class-labels';
import {
	procedureKinds,
	type ProcedureKind,
	type Specification
} from '$lib/assessment/specification.schema';
import type { Claims } from '$lib/shared/access';
import { AppError } from '$lib/shared/errors';
import type { SchoolDatabase } from '$lib/storage/db';
import { classesOf } from '$lib/storage/roster.repo';
import { publishResults, saveResults } from '$lib/storage/results.repo';
import type { ResultsScope, StoredResults } from '$lib/storage/results.schema';
import { analyticsClient } from '$lib/worker/analytics-client';
import { builtinSpecification } from '$lib/worker/builtin-specs';
import type { ProgressStage, ResultsImportMessage } from '$lib/worker/contract';

/** The specification a person picked: a built-in one by id, or a table file to import. */
export type SpecChoice =
	| { source: 'builtin'; id: string }
	| {
			source: 'file';
			tasks: File;
			kes?: File;
			kt?: File;
			procedure: { kind: ProcedureKind; subject: string; grade: number; year: number };
	  };

export const stageNames: Record<ProgressStage, string> = {
	read: 'Чтение файла',
	import: 'Разбор строк',
	analyse: 'Расчёт показателей'
};

/**
 * The steps of loading a results file: choose the files, import them in the worker with
 * progress, review the report and the class labels, then save. Nothing is stored before the
 * person confirms, and every problem row is kept in the matrix.
 */
export class ImportWizard {
	#step = $state<'choose' | 'importing' | 'review' | 'saving'>('choose');
	#stage = $state<ProgressStage>('read');
	#fraction = $state(0);
	#result = $state.raw<ResultsImportMessage | null>(null);
	#spec = $state.raw<Specification | null>(null);
	#controller: AbortController | null = null;
	/** Confirmed class label per typed label, edited on the review step. */
	labels = $state<Record<string, string>>({});
	title = $state('');
	scope = $state<ResultsScope>('device');

	get step() {
		return this.#step;
	}

	get stage(): ProgressStage {
		return this.#stage;
	}

	get fraction(): number {
		return this.#fraction;
	}

	get result(): ResultsImportMessage | null {
		return this.#result;
	}

	get spec(): Specification | null {
		return this.#spec;
	}

	/** Schools in the file; a file of several schools can only stay on this device. */
	get schoolCount(): number {
		return this.#result?.matrix.schools.length ?? 0;
	}

	/** Imports the results file with the chosen specification. */
	async start(resultsFile: File, choice: SpecChoice, school: string): Promise<void> {
		const controller = new AbortController();
		this.#controller = controller;
		this.#step = 'importing';
		this.#fraction = 0;
		const onProgress = (stage: ProgressStage, fraction: number) => {
			this.#stage = stage;
			this.#fraction = fraction;
		};
		try {
			const spec = await this.#specificationOf(choice, controller.signal);
			const bytes = new Uint8Array(await resultsFile.arrayBuffer());
			const result = await analyticsClient().importResults(
				{ name: resultsFile.name, bytes },
				spec,
				{ school, onProgress, signal: controller.signal }
			);
			this.#spec = spec;
			this.#result = result;
			// Rows with no class label at all (in regional exports: the absent students) are
			// grouped as «Без класса» unless the user names a class for them.
			this.labels = Object.fromEntries(
				result.classMapping.map((entry) => [
					entry.raw,
					entry.raw.trim() === '' && entry.normalised.trim() === ''
						? 'Без класса'
						: entry.normalised
				])
			);
			this.title ||= titleOf(spec);
			this.scope = result.matrix.schools.length > 1 ? 'device' : this.scope;
			this.#step = 'review';
		} catch (error) {
			this.#step = 'choose';
			throw error;
		} finally {
			this.#controller = null;
		}
	}

	cancel(): void {
		this.#controller?.abort();
	}

	/** Drops the import and goes back to choosing files. */
	reset(): void {
		this.#result = null;
		this.#spec = null;
		this.labels = {};
		this.title = '';
		this.#step = 'choose';
	}

	async #specificationOf(choice: SpecChoice, signal: AbortSignal): Promise<Specification> {
		if (choice.source === 'builtin') {
			const builtin = builtinSpecification(choice.id);
			if (!builtin)
				throw new AppError('not-found', `Встроенная спецификация «${choice.id}» не найдена.`);
			return builtin.spec;
		}
		const file = async (value: File | undefined) =>
			value ? { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) } : undefined;
		const tasks = (await file(choice.tasks))!;
		const imported = await analyticsClient().importSpecification(
			{ tasks, kes: await file(choice.kes), kt: await file(choice.kt) },
			choice.procedure,
			{ signal }
		);
		return imported.spec;
	}

	/**
	 * Saves the confirmed import: always to this device's results table, and for a school's own
	 * procedure also to its documents. Returns the procedure id and the class labels that have
	 * no class in the roster (their rows stay on this device only).
	 */
	async save(
		db: SchoolDatabase,
		claims: Claims
	): Promise<{ procedureId: string; unlisted: string[] }> {
		const result = this.#result;
		const spec = this.#spec;
		if (!result || !spec) throw new AppError('not-found', 'Нет загруженного файла для сохранения.');
		if (this.title.trim() === '') {
			throw new AppError('validation-failed', 'Укажите название процедуры.');
		}
		this.#step = 'saving';
		try {
			const entry = this.#entryOf(result, spec, claims);
			await saveResults(db, entry);
			let unlisted: string[] = [];
			if (entry.scope === 'school') {
				const classes = await classesOf(db, claims.school);
				const ids = new Map(classes.map((item) => [item.label, item.id]));
				unlisted = (await publishResults(db, entry, ids, claims.sub)).skipped;
			}
			return { procedureId: entry.procedureId, unlisted };
		} catch (error) {
			this.#step = 'review';
			throw error;
		}
	}

	#entryOf(result: ResultsImportMessage, spec: Specification, claims: Claims): StoredResults {
		const confirmed = new Map(Object.entries(this.labels));
		const matrix = applyClassMapping(result.matrix, result.rawClasses, confirmed);
		const canShare = claims.role === 'admin' && matrix.schools.length === 1;
		return {
			procedureId: newProcedureId(spec),
			school: claims.school,
			title: this.title.trim(),
			scope: canShare ? this.scope : 'device',
			importedAt: Date.now(),
			spec,
			matrix,
			report: {
				fileName: result.fileName,
				layout: result.layout,
				rows: matrix.studentCount,
				problems: result.problems,
				problemCounts: result.problemCounts,
				truncated: result.problemsTruncated,
				classMapping: result.classMapping.map((entry) => ({
					raw: entry.raw,
					label: confirmed.get(entry.raw) ?? entry.normalised,
					count: entry.count
				}))
			}
		};
	}
}

function titleOf(spec: Specification): string {
	const kinds: Record<string, string> = {
		vpr: 'ВПР',
		oge: 'ОГЭ',
		ege: 'ЕГЭ',
		akr: 'АКР',
		niko: 'НИКО'
	};
	return `${kinds[spec.kind] ?? spec.kind.toUpperCase()} ${spec.year}, ${spec.subject.toLowerCase()}, ${spec.grade} класс`;
}

/** Creates an id in the document-id alphabet: kind, year, grade and a random suffix. */
function newProcedureId(spec: Specification): string {
	const suffix = crypto.randomUUID().slice(0, 8);
	return `${spec.kind}-${spec.year}-${spec.grade}-${suffix}`;
}
