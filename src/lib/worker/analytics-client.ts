import type { ProcedureAnalysis } from '$lib/analytics/analyze';
import type { ResultMatrix } from '$lib/assessment/result-matrix';
import type { Specification } from '$lib/assessment/specification.schema';
import { AppError } from '$lib/shared/errors';
import { createLogger } from '$lib/shared/logger';
import {
	transferablesOf,
	workerResponseSchema,
	type AnalysisRequestOptions,
	type ProgressStage,
	type ResultsImportMessage,
	type WorkerRequest,
	type WorkerResponse
} from './contract';

const log = createLogger('analytics-client');

/** The part of the Worker API the client uses, so tests can pass a fake. */
export interface WorkerPort {
	postMessage(message: unknown, transfer: Transferable[]): void;
	addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
	addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
	terminate(): void;
}

export interface RequestControl {
	onProgress?: (stage: ProgressStage, fraction: number) => void;
	/** Aborting rejects the promise at once with an AbortError and cancels the work. */
	signal?: AbortSignal;
}

export interface FileInput {
	name: string;
	bytes: Uint8Array;
}

export interface SpecificationResult {
	spec: Specification;
	problems: ResultsImportMessage['problems'];
}

interface Pending {
	resolve(response: WorkerResponse): void;
	reject(error: unknown): void;
	onProgress?: RequestControl['onProgress'];
}

type RequestBody = WorkerRequest extends infer R
	? R extends { type: 'cancel' }
		? never
		: Omit<R, 'id'>
	: never;

function createAnalyticsWorker(): WorkerPort {
	return new Worker(new URL('./analytics.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * Runs imports and analyses in the analytics worker and returns promises. The worker starts
 * on the first request and is started again after a crash.
 */
export class AnalyticsClient {
	readonly #create: () => WorkerPort;
	#worker: WorkerPort | null = null;
	#nextId = 1;
	readonly #pending = new Map<number, Pending>();

	constructor(create: () => WorkerPort = createAnalyticsWorker) {
		this.#create = create;
	}

	/** Imports a results file; the file's bytes are transferred to the worker. */
	async importResults(
		file: FileInput,
		spec: Specification,
		options: RequestControl & { school?: string } = {}
	): Promise<ResultsImportMessage> {
		const { onProgress, signal, school } = options;
		const response = await this.#request(
			{ type: 'import-results', file, spec, school },
			{ onProgress, signal }
		);
		return expect(response, 'imported').result;
	}

	async importSpecification(
		files: { tasks: FileInput; kes?: FileInput; kt?: FileInput },
		procedure: Extract<WorkerRequest, { type: 'import-specification' }>['procedure'],
		control: RequestControl = {}
	): Promise<SpecificationResult> {
		const response = await this.#request(
			{ type: 'import-specification', ...files, procedure },
			control
		);
		const { spec, problems } = expect(response, 'specification');
		return { spec, problems };
	}

	/**
	 * Analyses a matrix. A copy of its arrays is transferred, so the caller keeps its matrix
	 * usable while the worker runs.
	 */
	async analyse(
		matrix: ResultMatrix,
		spec: Specification,
		options: AnalysisRequestOptions = {},
		control: RequestControl = {}
	): Promise<ProcedureAnalysis> {
		const response = await this.#request(
			{ type: 'analyse', matrix: copyMatrix(matrix), spec, options },
			control
		);
		return expect(response, 'analysed').analysis;
	}

	/** Stops the worker; pending requests fail with an AbortError. */
	dispose(): void {
		this.#worker?.terminate();
		this.#worker = null;
		this.#rejectAll(new DOMException('The analytics worker was stopped.', 'AbortError'));
	}

	#request(body: RequestBody, control: RequestControl): Promise<WorkerResponse> {
		const { signal, onProgress } = control;
		if (signal?.aborted) return Promise.reject(signal.reason);

		const id = this.#nextId++;
		const request = { ...body, id } as WorkerRequest;
		const started = performance.now();
		return new Promise<WorkerResponse>((resolve, reject) => {
			const onAbort = () => {
				this.#pending.delete(id);
				this.#worker?.postMessage({ type: 'cancel', id }, []);
				reject(signal?.reason ?? new DOMException('Cancelled', 'AbortError'));
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			const settle =
				<T>(finish: (value: T) => void) =>
				(value: T) => {
					signal?.removeEventListener('abort', onAbort);
					this.#pending.delete(id);
					measureRoundTrip(body.type, started);
					finish(value);
				};
			this.#pending.set(id, { resolve: settle(resolve), reject: settle(reject), onProgress });
			this.#port().postMessage(request, transferablesOf(request));
		});
	}

	#port(): WorkerPort {
		if (this.#worker) return this.#worker;
		const worker = this.#create();
		worker.addEventListener('message', (event) => this.#receive(event.data));
		worker.addEventListener('error', (event) => {
			log.error('analytics worker crashed', { message: event.message });
			if (this.#worker === worker) this.#worker = null;
			worker.terminate();
			this.#rejectAll(new AppError('worker-failed', event.message || undefined));
		});
		this.#worker = worker;
		return worker;
	}

	#receive(data: unknown): void {
		const parsed = workerResponseSchema.safeParse(data);
		if (!parsed.success) {
			const id = (data as { id?: unknown } | null)?.id;
			log.error('invalid response from the analytics worker', {
				id,
				issues: parsed.error.issues.slice(0, 5)
			});
			const pending = typeof id === 'number' ? this.#pending.get(id) : undefined;
			pending?.reject(new AppError('worker-failed', 'Ответ фонового потока не прошёл проверку.'));
			return;
		}
		const response = parsed.data;
		const pending = this.#pending.get(response.id);
		if (!pending) return;

		if (response.type === 'progress') pending.onProgress?.(response.stage, response.fraction);
		else if (response.type === 'failed')
			pending.reject(new AppError(response.reason, response.detail || undefined));
		else if (response.type === 'cancelled')
			pending.reject(new DOMException('Cancelled', 'AbortError'));
		else pending.resolve(response);
	}

	#rejectAll(error: unknown): void {
		for (const pending of [...this.#pending.values()]) pending.reject(error);
		this.#pending.clear();
	}
}

function expect<T extends WorkerResponse['type']>(
	response: WorkerResponse,
	type: T
): Extract<WorkerResponse, { type: T }> {
	if (response.type !== type) {
		throw new AppError('worker-failed', `expected a ${type} response, got ${response.type}`);
	}
	return response as Extract<WorkerResponse, { type: T }>;
}

/** Copies every typed array of the matrix; the string lists are cloned with the message. */
export function copyMatrix(matrix: ResultMatrix): ResultMatrix {
	return {
		...matrix,
		points: matrix.points.slice(),
		states: matrix.states.slice(),
		classIndex: matrix.classIndex.slice(),
		schoolIndex: matrix.schoolIndex.slice(),
		present: matrix.present.slice(),
		journalMark: matrix.journalMark.slice(),
		officialTotal: matrix.officialTotal.slice(),
		variant: matrix.variant.slice(),
		sex: matrix.sex.slice()
	};
}

/**
 * Records the round trip as a User Timing measure, `analytics-worker:<type>`, which the
 * benchmark reads from the page and browser profiles show.
 */
function measureRoundTrip(type: string, start: number): void {
	try {
		performance.measure(`analytics-worker:${type}`, { start, end: performance.now() });
	} catch {
		// An environment without User Timing level 3 only loses the measure.
	}
}

let shared: AnalyticsClient | null = null;

/** Returns the app's one analytics client, created on first use. */
export function analyticsClient(): AnalyticsClient {
	shared ??= new AnalyticsClient();
	return shared;
}
