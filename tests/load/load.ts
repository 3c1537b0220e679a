/**
 * Load test of the relay on loopback (`npm run load -- --help`). It starts its own relay
 * on 127.0.0.1 with a temporary data folder and runs three phases:
 *   1. N y-websocket clients on M documents edit at a Poisson rate. It prints the p50, p95
 *      and p99 fan-out latency, which runs from an edit on one client until its arrival at
 *      each other client of the document. It also prints messages a second and the relay's
 *      resident memory from /health;
 *   2. a reconnect storm: every client drops its socket, all return at once, and the time
 *      until every client is synced again;
 *   3. idle connections, and the relay's resident memory with them open.
 * Every phase has a timeout, and the whole run stops itself after --max-minutes. It prints
 * whether the targets were met and asserts nothing. The clients run in worker processes on
 * the same machine as the relay, so the figures include the clients' own CPU use.
 */
import { availableParallelism, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { RelayProcess, type RelayHealth } from '../support/relay-process';
import { wallClockMs, type ClientSpec, type FromWorker } from './load-protocol';
import { LoadWorker } from './load-workers';

const usage = `Usage: npm run load -- [options]

  --clients N          simulated tablets editing (default 1000)
  --documents N        documents they share (default 300)
  --edit-seconds N     length of the editing phase in seconds (default 30)
  --edit-interval N    mean pause between one client's edits in ms (default 2000)
  --idle N             idle connections in the last phase (default 10000; 0 skips it)
  --workers N          client processes (default 2)
  --max-minutes N      stop the whole run after this many minutes (default 15)`;

/** Targets on a two-core machine with client and relay sharing it. */
const targets = { fanoutP99Ms: 30, idleRssMiB: 400 };

interface Options {
	clients: number;
	documents: number;
	editSeconds: number;
	editInterval: number;
	idle: number;
	workers: number;
	maxMinutes: number;
}

function readOptions(argv: string[]): Options | null {
	const { values } = parseArgs({
		args: argv,
		options: {
			clients: { type: 'string', default: '1000' },
			documents: { type: 'string', default: '300' },
			'edit-seconds': { type: 'string', default: '30' },
			'edit-interval': { type: 'string', default: '2000' },
			idle: { type: 'string', default: '10000' },
			workers: { type: 'string', default: '2' },
			'max-minutes': { type: 'string', default: '15' },
			help: { type: 'boolean', default: false }
		}
	});
	if (values.help) return null;
	const number = (name: keyof typeof values, min: number, max: number): number => {
		const value = Number(values[name]);
		if (!Number.isInteger(value) || value < min || value > max) {
			throw new Error(
				`Invalid --${name} "${values[name]}"; use a whole number from ${min} to ${max}.`
			);
		}
		return value;
	};
	return {
		clients: number('clients', 2, 20_000),
		documents: number('documents', 1, 20_000),
		editSeconds: number('edit-seconds', 1, 3600),
		editInterval: number('edit-interval', 10, 600_000),
		idle: number('idle', 0, 15_000),
		workers: number('workers', 1, 16),
		maxMinutes: number('max-minutes', 1, 120)
	};
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const mib = (bytes: number) => bytes / 1024 / 1024;
const fixed = (value: number, digits = 1) => value.toFixed(digits);

function docIdOf(index: number): string {
	return `load/teacher-route/t${index}`;
}

async function waitForConnections(
	relay: RelayProcess,
	check: (health: RelayHealth) => boolean,
	timeoutMs: number
): Promise<RelayHealth> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const health = await relay.health();
		if (check(health)) return health;
		if (Date.now() > deadline) {
			throw new Error(
				`The relay reported ${health.connections} connections after ${timeoutMs} ms.`
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

async function editingPhase(relay: RelayProcess, workers: LoadWorker[], options: Options) {
	const clients: ClientSpec[] = Array.from({ length: options.clients }, (_, id) => ({
		id,
		docId: docIdOf(id % options.documents)
	}));
	const connectStart = performance.now();
	await Promise.all(
		workers.map((worker, w) =>
			worker.request(
				{
					type: 'connect',
					url: relay.wsUrl,
					token: worker.token,
					// Consecutive rounds over the documents go to different workers, so each
					// document's clients span processes and deliveries cross process boundaries.
					clients: clients.filter(
						(client) => Math.floor(client.id / options.documents) % workers.length === w
					),
					batch: 50
				},
				'connected',
				120_000
			)
		)
	);
	console.log(
		`connected ${options.clients} clients on ${options.documents} documents in ${fixed((performance.now() - connectStart) / 1000)} s`
	);

	const before = await relay.health();
	// This process idles while the workers edit, so its own event-loop delay shows how long
	// other programs keep processes off the CPU.
	const idleDelay = monitorEventLoopDelay({ resolution: 10 });
	idleDelay.enable();
	const startedAt = performance.now();
	const results = await Promise.all(
		workers.map((worker) =>
			worker.request(
				{
					type: 'edit',
					durationMs: options.editSeconds * 1000,
					meanIntervalMs: options.editInterval
				},
				'edited',
				options.editSeconds * 1000 + 60_000
			)
		)
	);
	const seconds = (performance.now() - startedAt) / 1000;
	idleDelay.disable();
	const after = await relay.health();
	const samples = results.flatMap((result) => result.samples).sort((a, b) => a - b);
	const edits = results.reduce((sum, result) => sum + result.edits, 0);
	const received = after.counters.messagesReceived - before.counters.messagesReceived;
	return {
		edits,
		samples: samples.length,
		p50: percentile(samples, 50),
		p95: percentile(samples, 95),
		p99: percentile(samples, 99),
		max: samples.at(-1) ?? Number.NaN,
		relayMessagesInPerSecond: received / seconds,
		deliveriesPerSecond: samples.length / seconds,
		clientLoopDelayP99Ms: Math.max(...results.map((result) => result.loopDelayP99Ms)),
		idleProcessDelayP99Ms: idleDelay.percentile(99) / 1e6,
		relayRssMiB: mib(after.memory.rssBytes)
	};
}

async function stormPhase(workers: LoadWorker[]) {
	const results = await Promise.all(
		workers.map((worker) => worker.request({ type: 'storm' }, 'stormed', 180_000))
	);
	const startedAt = Math.min(...results.map((result) => result.startedAt));
	const syncedAt = Math.max(...results.map((result) => result.syncedAt));
	const states = await Promise.all(
		workers.map((worker) => worker.request({ type: 'states' }, 'states', 60_000))
	);
	const digests = new Map<string, Set<string>>();
	for (const [docId, digest] of states.flatMap((reply) => reply.states)) {
		digests.set(docId, (digests.get(docId) ?? new Set()).add(digest));
	}
	const diverged = [...digests.values()].filter((set) => set.size > 1).length;
	return { resyncMs: syncedAt - startedAt, diverged };
}

async function idlePhase(relay: RelayProcess, workers: LoadWorker[], options: Options) {
	const baseline = await waitForConnections(relay, (health) => health.connections === 0, 60_000);
	const docIds = Array.from({ length: options.idle }, (_, i) => docIdOf(i % options.documents));
	const opened = await Promise.all(
		workers.map((worker, w) =>
			worker.request(
				{
					type: 'idle',
					url: relay.wsUrl,
					token: worker.token,
					docIds: docIds.filter((_, i) => i % workers.length === w),
					batch: 250
				},
				'idle-open',
				300_000
			)
		)
	);
	const failed = opened.reduce((sum, reply) => sum + reply.failed, 0);
	const expected = options.idle - failed;
	await waitForConnections(relay, (health) => health.connections >= expected, 60_000);
	// Let the relay finish sending each socket its sync messages and settle its heap.
	await new Promise((resolve) => setTimeout(resolve, 3000));
	const loaded = await relay.health();
	await Promise.all(
		workers.map((worker) => worker.request({ type: 'close-idle' }, 'closed', 60_000))
	);
	return {
		sockets: loaded.connections,
		failed,
		baselineRssMiB: mib(baseline.memory.rssBytes),
		rssMiB: mib(loaded.memory.rssBytes),
		heapMiB: mib(loaded.memory.heapUsedBytes)
	};
}

function met(ok: boolean): string {
	return ok ? 'met' : 'NOT met';
}

async function run(options: Options): Promise<void> {
	const cores = availableParallelism();
	console.log(
		`Relay load test on loopback: clients and relay share this machine's ${cores} cores, so the figures include the clients' own CPU use.`
	);
	// Other programs on the machine skew every figure, and the load average shows how much.
	console.log(`1-minute load average before the run: ${fixed(loadavg()[0], 2)}`);
	const relay = await RelayProcess.start({
		env: {
			// Each worker is one device that opens its share of every phase's connections.
			// A reconnecting client may count twice until the relay has seen its old socket close.
			RELAY_MAX_CONNECTIONS_PER_DEVICE: String(
				Math.min(
					10_000,
					2 * Math.ceil(Math.max(options.clients, options.idle) / options.workers) + 100
				)
			)
		}
	});
	const workers = Array.from({ length: options.workers }, (_, w) => new LoadWorker(relay, w));
	try {
		const editing = await editingPhase(relay, workers, options);
		console.log(
			`fan-out latency over ${editing.samples} deliveries of ${editing.edits} edits: p50 ${fixed(editing.p50)} ms, p95 ${fixed(editing.p95)} ms, p99 ${fixed(editing.p99)} ms, max ${fixed(editing.max)} ms`
		);
		console.log(
			`messages: relay received ${fixed(editing.relayMessagesInPerSecond, 0)}/s, clients received ${fixed(editing.deliveriesPerSecond, 0)} edits/s; event-loop delay p99 ${fixed(editing.clientLoopDelayP99Ms)} ms in the busiest worker, ${fixed(editing.idleProcessDelayP99Ms)} ms in this idle process; relay RSS ${fixed(editing.relayRssMiB)} MiB`
		);

		const storm = await stormPhase(workers);
		console.log(
			`reconnect storm: all ${options.clients} clients synced again ${fixed(storm.resyncMs, 0)} ms after they returned; documents whose clients differ: ${storm.diverged}`
		);
		await Promise.all(
			workers.map((worker) => worker.request({ type: 'close-clients' }, 'closed', 60_000))
		);

		let idle = null;
		if (options.idle > 0) {
			idle = await idlePhase(relay, workers, options);
			console.log(
				`idle: ${idle.sockets} connections open (${idle.failed} failed to open); relay RSS ${fixed(idle.rssMiB)} MiB (${fixed(idle.baselineRssMiB)} MiB with none), heap ${fixed(idle.heapMiB)} MiB`
			);
		}

		console.log(
			`target p99 fan-out ≤ ${targets.fanoutP99Ms} ms with ${options.clients} clients on ${options.documents} documents: ${met(editing.p99 <= targets.fanoutP99Ms)}`
		);
		if (idle) {
			console.log(
				`target ${options.idle} idle connections ≤ ${targets.idleRssMiB} MiB RSS: ${met(idle.rssMiB <= targets.idleRssMiB && idle.failed === 0)}`
			);
		}
		const loadAverage = loadavg()[0];
		console.log(`1-minute load average after the run: ${fixed(loadAverage, 2)}`);
		const at = new Date(wallClockMs()).toISOString();
		console.log(JSON.stringify({ options, cores, loadAverage, editing, storm, idle, at }));
	} finally {
		for (const worker of workers) worker.kill();
		await relay.dispose();
	}
}

async function main(): Promise<void> {
	let options: Options | null;
	try {
		options = readOptions(process.argv.slice(2));
	} catch (error) {
		console.error(`${(error as Error).message}\n\n${usage}`);
		process.exitCode = 2;
		return;
	}
	if (!options) {
		console.log(usage);
		return;
	}
	const deadline = setTimeout(() => {
		console.error(
			`The load test timed out after ${options.maxMinutes} minutes and stops; raise --max-minutes for a longer run.`
		);
		process.exit(1);
	}, options.maxMinutes * 60_000);
	try {
		await run(options);
	} finally {
		clearTimeout(deadline);
	}
}

main().catch((error: unknown) => {
	console.error('The load test failed:', error);
	process.exitCode = 1;
});
