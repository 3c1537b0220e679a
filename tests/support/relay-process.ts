/**
 * Runs the real relay (sync-server/main.ts) as a child process on a free loopback port
 * with its own temporary data folder, for tests that cross the network boundary.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '../../src/lib/shared/access';
import type { TokenClaims } from '../../src/lib/shared/token';
import { signToken } from '../../sync-server/auth/token';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const host = '127.0.0.1';
const startTimeoutMs = 20_000;
const stopTimeoutMs = 10_000;

export interface RelayLogLine {
	time: string;
	level: string;
	event: string;
	[field: string]: unknown;
}

export interface RelayHealth {
	status: string;
	uptimeSeconds: number;
	connections: number;
	documentsLoaded: number;
	limits: { maxPayloadBytes: number; messagesPerSecond: number } & Record<string, number>;
	counters: Record<string, number>;
	memory: { rssBytes: number; heapUsedBytes: number; activeTimers: number };
}

export interface RelayProcessOptions {
	/** Extra environment for the relay, e.g. RELAY_IDLE_UNLOAD_MS. */
	env?: Record<string, string>;
	/** An existing data folder; a new temporary one by default. */
	dataDir?: string;
}

/** Asks the OS for a free port on loopback. Another process could take it before the relay. */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, host, () => resolve());
	});
	const address = server.address();
	await new Promise((resolve) => server.close(resolve));
	if (address === null || typeof address === 'string') throw new Error('No port was assigned.');
	return address.port;
}

export class RelayProcess {
	readonly secret = randomBytes(36).toString('base64url');
	/** Every JSON line the relay printed, across restarts. */
	readonly logs: RelayLogLine[] = [];
	/** Output lines that were not JSON (e.g. a crash trace), for failure messages. */
	readonly otherOutput: string[] = [];
	private child: ChildProcess | null = null;
	private exited: Promise<void> = Promise.resolve();
	private readonly ownsDataDir: boolean;
	readonly dataDir: string;

	private constructor(
		readonly port: number,
		private readonly options: RelayProcessOptions
	) {
		this.ownsDataDir = options.dataDir === undefined;
		this.dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'relay-test-'));
	}

	/** Starts a relay and waits until it listens. */
	static async start(options: RelayProcessOptions = {}): Promise<RelayProcess> {
		const relay = new RelayProcess(await freePort(), options);
		await relay.launch();
		return relay;
	}

	get httpUrl(): string {
		return `http://${host}:${this.port}`;
	}

	get wsUrl(): string {
		return `ws://${host}:${this.port}/sync`;
	}

	get running(): boolean {
		return this.child !== null;
	}

	/** Signs a token with this relay's secret; expiry defaults to one hour from now. */
	token(claims: { sub: string; school: string; role: Role } & Partial<TokenClaims>): string {
		const now = Math.floor(Date.now() / 1000);
		return signToken(
			{ device: `device-${claims.sub}`, iat: now, exp: now + 3600, ...claims },
			this.secret
		);
	}

	events(event: string): RelayLogLine[] {
		return this.logs.filter((line) => line.event === event);
	}

	/** Resolves with the first log line, old or new, of `event` that matches `predicate`. */
	async waitForEvent(
		event: string,
		predicate: (line: RelayLogLine) => boolean = () => true,
		timeoutMs = 10_000
	): Promise<RelayLogLine> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const line = this.logs.find((entry) => entry.event === event && predicate(entry));
			if (line) return line;
			if (Date.now() > deadline)
				throw new Error(`The relay logged no matching "${event}" within ${timeoutMs} ms.`);
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}

	async health(): Promise<RelayHealth> {
		const response = await fetch(`${this.httpUrl}/health`);
		if (!response.ok) throw new Error(`GET /health returned ${response.status}.`);
		return (await response.json()) as RelayHealth;
	}

	/** Stops with SIGTERM (a clean shutdown) or SIGKILL (a crash), and waits for the exit. */
	async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
		const child = this.child;
		if (!child) return;
		child.kill(signal);
		const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
		await this.exited;
		clearTimeout(timer);
	}

	/** Starts the relay again on the same port and data folder. */
	async restart(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
		await this.stop(signal);
		await this.launch();
	}

	/** Stops the relay and removes the data folder it created. */
	async dispose(): Promise<void> {
		await this.stop('SIGKILL');
		if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
	}

	private launch(): Promise<void> {
		const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
			cwd: repoRoot,
			env: {
				...process.env,
				NODE_ENV: 'test',
				RELAY_HOST: host,
				RELAY_PORT: String(this.port),
				RELAY_DATA_DIR: this.dataDir,
				RELAY_SECRET: this.secret,
				RELAY_STATIC_DIR: '',
				LOG_LEVEL: 'info',
				...this.options.env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.child = child;
		// A test run that ends without dispose() must not leave a relay listening.
		const killOnExit = () => child.kill('SIGKILL');
		process.on('exit', killOnExit);
		this.exited = new Promise((resolve) =>
			child.once('exit', () => {
				process.off('exit', killOnExit);
				if (this.child === child) this.child = null;
				resolve();
			})
		);
		const startsBefore = this.events('relay-start').length;
		this.collect(child);
		return this.waitForStart(child, startsBefore);
	}

	private collect(child: ChildProcess): void {
		const read = (stream: NodeJS.ReadableStream) => {
			let rest = '';
			stream.setEncoding('utf8');
			stream.on('data', (chunk: string) => {
				const lines = (rest + chunk).split('\n');
				rest = lines.pop() ?? '';
				for (const line of lines) this.record(line);
			});
		};
		read(child.stdout!);
		read(child.stderr!);
	}

	private record(line: string): void {
		if (line.trim() === '') return;
		try {
			this.logs.push(JSON.parse(line) as RelayLogLine);
		} catch {
			this.otherOutput.push(line);
		}
	}

	/** The last lines the relay printed, JSON or not, for failure messages. */
	private recentOutput(): string {
		const logLines = this.logs.slice(-10).map((line) => JSON.stringify(line));
		return [...logLines, ...this.otherOutput.slice(-20)].join('\n');
	}

	private async waitForStart(child: ChildProcess, startsBefore: number): Promise<void> {
		const deadline = Date.now() + startTimeoutMs;
		while (this.events('relay-start').length === startsBefore) {
			if (this.child !== child) {
				throw new Error(`The relay exited during start:\n${this.recentOutput()}`);
			}
			if (Date.now() > deadline) {
				child.kill('SIGKILL');
				throw new Error(`The relay did not start within ${startTimeoutMs} ms.`);
			}
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		await this.health();
	}
}
