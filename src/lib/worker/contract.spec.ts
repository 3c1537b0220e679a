import { describe, expect, it } from 'vitest';
import type { Specification } from '$lib/assessment/specification.schema';
import { AppError } from '$lib/shared/errors';
import { AnalyticsClient, type WorkerPort } from './analytics-client';
import { transferablesOf, workerRequestSchema, type WorkerResponse } from './contract';
import { RequestRunner } from './request-runner';

/**
 * A worker in the same thread: messages go through structuredClone with their transfer
 * lists, as postMessage does, so a buffer that should be transferred ends up detached.
 */
function fakeWorker(options: { corrupt?: (message: WorkerResponse) => unknown } = {}) {
	const listeners: ((event: MessageEvent) => void)[] = [];
	const received: unknown[] = [];
	const runner = new RequestRunner((message, transfer) => {
		const cloned = structuredClone(message, { transfer });
		const data = options.corrupt ? options.corrupt(cloned) : cloned;
		setTimeout(() => listeners.forEach((listener) => listener({ data } as MessageEvent)));
	});
	const port: WorkerPort = {
		postMessage(message, transfer) {
			const cloned = structuredClone(message, { transfer: transfer as ArrayBuffer[] });
			received.push(cloned);
			setTimeout(() => void runner.receive(cloned));
		},
		addEventListener(type: string, listener: (event: never) => void) {
			if (type === 'message') listeners.push(listener as (event: MessageEvent) => void);
		},
		terminate() {}
	};
	return { port, received };
}

function specOf(): Specification {
	return {
		kind: 'akr',
		subject: 'Математика',
		grade: 5,
		year: 2024,
		tasks: [
			{ label: '1', position: 1, maxPoints: 1, level: 'Б', skills: ['КЭС 1'], description: '' },
			{ label: '2', position: 2, maxPoints: 2, level: 'П', skills: ['КЭС 2'], description: '' }
		],
		skills: [],
		markScale: {
			thresholds: [
				{ mark: 2, minTotal: 0 },
				{ mark: 3, minTotal: 2 }
			],
			conditions: []
		}
	};
}

/** Builds a school protocol as CSV: one row per student, task headers with their maximum. */
function protocolCsv(rows: string[]): { name: string; bytes: Uint8Array } {
	const header =
		'Код;Вариант;Наименование класса;Пол;Отметка за предыдущую четверть;1 (1б);2 (2б);Итого баллов';
	return { name: 'protocol.csv', bytes: new TextEncoder().encode([header, ...rows].join('\r\n')) };
}

const sampleRows = [
	'1001;1;5а;м;4;1;2;3',
	'1002;2;5а;ж;3;X;1;1',
	'1003;1;5 б;ж;5;1;3;4',
	'1004;отсутствовал;5б;м;3;;;'
];

describe('analytics client over the worker contract', () => {
	it('imports a protocol with problems and classes', async () => {
		const { port } = fakeWorker();
		const client = new AnalyticsClient(() => port);
		const result = await client.importResults(protocolCsv(sampleRows), specOf());
		expect(result.matrix.studentCount).toBe(4);
		expect(result.matrix.points).toBeInstanceOf(Uint8Array);
		expect(Array.from(result.matrix.present)).toEqual([1, 1, 1, 0]);
		const aboveMax = result.problems.filter((problem) => problem.code === 'points-above-max');
		expect(aboveMax).toHaveLength(1);
		expect(aboveMax[0].row).toBe(4);
		expect(aboveMax[0].column?.letter).toBe('G');
		const labels = result.classMapping.map((entry) => entry.normalised);
		expect(new Set(labels)).toEqual(new Set(['5А', '5Б']));
	});

	it('transfers the file bytes instead of copying', async () => {
		const { port } = fakeWorker();
		const client = new AnalyticsClient(() => port);
		const file = protocolCsv(sampleRows);
		const pending = client.importResults(file, specOf());
		expect(file.bytes.byteLength).toBe(0);
		await pending;
	});

	it('reports import progress by stage', async () => {
		const { port } = fakeWorker();
		const client = new AnalyticsClient(() => port);
		const stages: string[] = [];
		await client.importResults(protocolCsv(sampleRows), specOf(), {
			onProgress: (stage, fraction) => stages.push(`${stage}:${fraction}`)
		});
		expect(stages[0]).toBe('read:0');
		expect(stages).toContain('import:1');
	});

	it('analyses a matrix and leaves the caller its copy', async () => {
		const { port, received } = fakeWorker();
		const client = new AnalyticsClient(() => port);
		const imported = await client.importResults(protocolCsv(sampleRows), specOf());
		const analysis = await client.analyse(imported.matrix, specOf());
		expect(imported.matrix.points.byteLength).toBe(8);
		expect(analysis.file.positionRates).toBeInstanceOf(Float64Array);
		expect(analysis.file.present[0]).toBe(3);
		expect(analysis.file.positionRates[0]).toBeCloseTo(2 / 3, 6);
		const request = workerRequestSchema.parse(received[1]);
		expect(request.type).toBe('analyse');
	});

	it('carries a reason code across the boundary', async () => {
		const { port } = fakeWorker();
		const client = new AnalyticsClient(() => port);
		const file = { name: 'results.xlsx', bytes: new TextEncoder().encode('not a workbook') };
		const failure = await client.importResults(file, specOf()).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(AppError);
		expect((failure as AppError).reason).toBe('import-invalid');
	});

	it('rejects at once when cancelled', async () => {
		const { port, received } = fakeWorker();
		const client = new AnalyticsClient(() => port);
		const controller = new AbortController();
		const pending = client.importResults(protocolCsv(sampleRows), specOf(), {
			signal: controller.signal
		});
		controller.abort();
		await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
		expect(received.at(-1)).toEqual({ type: 'cancel', id: 1 });
	});

	it('rejects a response that fails the schema', async () => {
		const { port } = fakeWorker({
			corrupt: (message) =>
				message.type === 'imported'
					? { ...message, result: { ...message.result, matrix: { studentCount: 'x' } } }
					: message
		});
		const client = new AnalyticsClient(() => port);
		await expect(client.importResults(protocolCsv(sampleRows), specOf())).rejects.toMatchObject({
			reason: 'worker-failed'
		});
	});
});

describe('request runner', () => {
	function runnerWithLog() {
		const sent: WorkerResponse[] = [];
		return { sent, runner: new RequestRunner((message) => sent.push(message)) };
	}

	it('answers an invalid request with its id', async () => {
		const { sent, runner } = runnerWithLog();
		await runner.receive({ type: 'analyse', id: 7, matrix: {} });
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({ type: 'failed', id: 7, reason: 'worker-failed' });
	});

	it('stops a request cancelled before its next stage', async () => {
		const { sent, runner } = runnerWithLog();
		const request = {
			type: 'import-results',
			id: 3,
			file: protocolCsv(sampleRows),
			spec: specOf()
		};
		const running = runner.receive(request);
		await runner.receive({ type: 'cancel', id: 3 });
		await running;
		expect(sent.map((message) => message.type)).toEqual(['progress', 'cancelled']);
	});

	it('reads the specification table from CSV', async () => {
		const { sent, runner } = runnerWithLog();
		const table = ['№ по КИМу;№;Уровень;КЭС;КТ;Максимальный балл', '1;1;Б;1;1;1', '2;2;П;2;2;2'];
		const tasks = { name: 'spec.csv', bytes: new TextEncoder().encode(table.join('\n')) };
		const procedure = { ...specOf(), tasks: undefined, skills: undefined };
		await runner.receive({ type: 'import-specification', id: 4, tasks, procedure });
		const answer = sent.at(-1);
		expect(answer?.type).toBe('specification');
		if (answer?.type !== 'specification') return;
		expect(answer.spec.tasks.map((task) => task.maxPoints)).toEqual([1, 2]);
	});
});

describe('transferablesOf', () => {
	it('lists a shared buffer once', () => {
		const buffer = new ArrayBuffer(16);
		const message = { a: new Uint8Array(buffer, 0, 8), b: [new Uint8Array(buffer, 8, 8)], c: 'x' };
		expect(transferablesOf(message)).toEqual([buffer]);
	});
});
