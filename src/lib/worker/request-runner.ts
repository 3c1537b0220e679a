import { analyzeProcedure } from '$lib/analytics/analyze';
import type { AnalysisOptions } from '$lib/analytics/options';
import { importResults } from '$lib/assessment/results-import';
import { importSpecification, type SpecSheet } from '$lib/assessment/spec-import';
import { readCsv } from '$lib/shared/csv-read';
import { AppError } from '$lib/shared/errors';
import { createLogger } from '$lib/shared/logger';
import { looksLikeXlsx, readXlsx } from '$lib/shared/xlsx-read';
import {
	transferablesOf,
	workerRequestSchema,
	type ProgressStage,
	type WorkerRequest,
	type WorkerResponse
} from './contract';

const log = createLogger('worker');

export type PostResponse = (message: WorkerResponse, transfer: ArrayBuffer[]) => void;

type Job<T extends WorkerRequest['type']> = Extract<WorkerRequest, { type: T }>;

/**
 * Runs the requests of the analytics worker. It has no Worker API of its own, so Node tests
 * drive it through a fake worker. Work is synchronous between stages, so a `cancel` takes
 * effect at the next stage boundary, where the runner yields to the event loop.
 */
export class RequestRunner {
	readonly #post: PostResponse;
	readonly #running = new Map<number, AbortController>();

	constructor(post: PostResponse) {
		this.#post = post;
	}

	async receive(data: unknown): Promise<void> {
		const parsed = workerRequestSchema.safeParse(data);
		if (!parsed.success) {
			const id = requestIdOf(data);
			log.error('invalid request', { id, issues: parsed.error.issues.slice(0, 5) });
			const detail = `Запрос к фоновому потоку не прошёл проверку: ${parsed.error.issues[0]?.message ?? ''}`;
			if (id !== null) this.#send({ type: 'failed', id, reason: 'worker-failed', detail });
			return;
		}
		const request = parsed.data;
		if (request.type === 'cancel') {
			this.#running.get(request.id)?.abort();
			return;
		}
		await this.#run(request);
	}

	async #run(request: Exclude<WorkerRequest, { type: 'cancel' }>): Promise<void> {
		const controller = new AbortController();
		this.#running.set(request.id, controller);
		try {
			if (request.type === 'import-results') await this.#importResults(request, controller.signal);
			else if (request.type === 'import-specification')
				await this.#importSpecification(request, controller.signal);
			else await this.#analyse(request, controller.signal);
		} catch (error) {
			this.#fail(request, error, controller.signal);
		} finally {
			this.#running.delete(request.id);
		}
	}

	async #importResults(request: Job<'import-results'>, signal: AbortSignal): Promise<void> {
		const { id, file } = request;
		this.#progress(id, 'read', 0);
		await nextTurn(signal);
		const rows = readTable(file.bytes, file.name).rows;
		this.#progress(id, 'read', 1);
		await nextTurn(signal);

		const result = importResults(rows, request.spec, {
			school: request.school,
			signal,
			onProgress: (fraction) => this.#progress(id, 'import', fraction)
		});
		this.#send({
			type: 'imported',
			id,
			result: {
				fileName: file.name,
				layout: result.layout,
				headerRow: result.headerRow,
				matrix: result.matrix,
				sheetRows: result.sheetRows,
				rawClasses: result.rawClasses,
				classMapping: result.classMapping,
				problems: result.problems,
				problemCounts: result.problemCounts as Record<string, number>,
				problemsTruncated: result.problemsTruncated
			}
		});
	}

	async #importSpecification(request: Job<'import-specification'>, signal: AbortSignal) {
		this.#progress(request.id, 'read', 0);
		await nextTurn(signal);
		const sheet = (file: { name: string; bytes: Uint8Array } | undefined) =>
			file ? readTable(file.bytes, file.name) : undefined;
		const imported = importSpecification(
			{
				tasks: readTable(request.tasks.bytes, request.tasks.name),
				kes: sheet(request.kes),
				kt: sheet(request.kt)
			},
			request.procedure
		);
		this.#send({
			type: 'specification',
			id: request.id,
			spec: imported.specification,
			problems: imported.problems
		});
	}

	async #analyse(request: Job<'analyse'>, signal: AbortSignal): Promise<void> {
		this.#progress(request.id, 'analyse', 0);
		await nextTurn(signal);
		const started = performance.now();
		// resolveOptions merges partial mastery thresholds with the defaults.
		const options = request.options as Partial<AnalysisOptions>;
		const analysis = analyzeProcedure(request.matrix, request.spec, options);
		log.debug('analysed', {
			id: request.id,
			students: request.matrix.studentCount,
			ms: Math.round(performance.now() - started)
		});
		this.#send({ type: 'analysed', id: request.id, analysis });
	}

	#fail(request: WorkerRequest, error: unknown, signal: AbortSignal): void {
		const { id, type } = request;
		if (signal.aborted) {
			log.debug('request cancelled', { id, type });
			this.#send({ type: 'cancelled', id });
			return;
		}
		if (error instanceof AppError) {
			log.warn('request failed', { id, type, reason: error.reason, detail: error.detail });
			this.#send({ type: 'failed', id, reason: error.reason, detail: error.detail ?? '' });
			return;
		}
		log.error('request failed unexpectedly', { id, type, error });
		const detail = error instanceof Error ? error.message : String(error);
		this.#send({ type: 'failed', id, reason: 'worker-failed', detail });
	}

	#progress(id: number, stage: ProgressStage, fraction: number): void {
		this.#send({ type: 'progress', id, stage, fraction: Math.min(1, Math.max(0, fraction)) });
	}

	#send(message: WorkerResponse): void {
		this.#post(message, transferablesOf(message));
	}
}

/** Reads the first sheet of an xlsx file, or a CSV file, as rows with merged ranges. */
export function readTable(bytes: Uint8Array, name: string): SpecSheet {
	if (looksLikeXlsx(bytes)) {
		const sheet = readXlsx(bytes);
		return { rows: sheet.rows, merges: sheet.merges };
	}
	if (/\.xlsx?$/i.test(name)) {
		// readXlsx raises an error that names the actual format (xls, or not a workbook).
		readXlsx(bytes);
	}
	return { rows: readCsv(bytes).rows };
}

/** Lets queued messages (a `cancel`) run, then stops if the request was cancelled. */
async function nextTurn(signal: AbortSignal): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, 0));
	signal.throwIfAborted();
}

function requestIdOf(data: unknown): number | null {
	const id = (data as { id?: unknown } | null)?.id;
	return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}
