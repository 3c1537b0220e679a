import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RelayProcess } from '../support/relay-process';
import type { FromWorker, ToWorker } from './load-protocol';

const workerPath = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

type Reply<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

/** A client worker process of the load test, with one token (one device) of its own. */
export class LoadWorker {
	readonly token: string;
	private readonly child: ChildProcess;
	private readonly waiting = new Set<(message: FromWorker) => void>();
	private exitReason: string | null = null;

	constructor(relay: RelayProcess, index: number) {
		this.token = relay.token({
			sub: 'load-admin',
			school: 'load',
			role: 'admin',
			device: `load-worker-${index}`,
			exp: Math.floor(Date.now() / 1000) + 3 * 3600
		});
		this.child = fork(workerPath, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
		this.child.on('message', (message: FromWorker) => {
			for (const listener of [...this.waiting]) listener(message);
		});
		this.child.on('exit', (code, signal) => {
			this.exitReason = `worker ${index} exited (${signal ?? code})`;
			for (const listener of [...this.waiting])
				listener({ type: 'failed', message: this.exitReason });
		});
	}

	/** Sends a request and resolves with the reply of `type`. Rejects on failure or timeout. */
	request<T extends FromWorker['type']>(
		message: ToWorker,
		type: T,
		timeoutMs: number
	): Promise<Reply<T>> {
		if (this.exitReason) return Promise.reject(new Error(this.exitReason));
		return new Promise((resolve, reject) => {
			const done = () => {
				clearTimeout(timer);
				this.waiting.delete(listener);
			};
			const timer = setTimeout(() => {
				done();
				reject(
					new Error(`Timed out after ${timeoutMs} ms waiting for the "${type}" reply of a worker.`)
				);
			}, timeoutMs);
			const listener = (reply: FromWorker) => {
				if (reply.type === 'failed') {
					done();
					reject(new Error(reply.message));
				} else if (reply.type === type) {
					done();
					resolve(reply as Reply<T>);
				}
			};
			this.waiting.add(listener);
			this.child.send(message);
		});
	}

	kill(): void {
		if (this.child.exitCode === null) this.child.kill('SIGKILL');
	}
}
