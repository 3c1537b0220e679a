/**
 * A client process of the load test. It runs many simulated tablets (y-websocket clients
 * through relay-provider.ts, as the app uses them) and many idle sockets, and carries out
 * the requests of tests/load/load.ts over IPC. It exits when its parent goes away.
 */
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { connectDocument, type RelayConnection } from '../../src/lib/sync/relay-provider';
import { wallClockMs, type ClientSpec, type FromWorker, type ToWorker } from './load-protocol';

interface SimulatedClient {
	spec: ClientSpec;
	doc: Y.Doc;
	connection: RelayConnection;
}

/** Maximum wait in ms for one client to sync. */
const syncTimeoutMs = 60_000;
/** After the last edit, deliveries still on their way are counted for this long. */
const graceMs = 1_000;
const words = ['урок', 'цель', 'задача', 'итог', 'план', 'навык', 'тема', 'проба'];

const clients: SimulatedClient[] = [];
const idleSockets: WebSocket[] = [];
let samples: number[] = [];
let recording = false;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

// y-websocket adds a process 'exit' listener for each provider.
process.setMaxListeners(0);

function send(message: FromWorker): void {
	process.send?.(message);
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves at the next 'synced' event of the connection, or rejects after the timeout. */
function nextSync(connection: RelayConnection): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			stop();
			reject(new Error(`A client timed out after ${syncTimeoutMs} ms waiting to sync.`));
		}, syncTimeoutMs);
		const stop = connection.onEvent((event) => {
			if (event.kind === 'refused') {
				clearTimeout(timer);
				stop();
				reject(new Error(`The relay rejected a client with ${event.code} ${event.reason}.`));
			}
			if (event.kind !== 'synced') return;
			clearTimeout(timer);
			stop();
			resolve();
		});
	});
}

function openClient(spec: ClientSpec, url: string, token: string): SimulatedClient {
	const doc = new Y.Doc();
	const map = doc.getMap<number>('load');
	map.observe((event) => {
		if (!recording || event.transaction.local) return;
		const now = wallClockMs();
		for (const key of event.keysChanged) {
			const sentAt = map.get(key);
			if (typeof sentAt === 'number') samples.push(now - sentAt);
		}
	});
	const connection = connectDocument(doc, spec.docId, {
		url,
		token,
		WebSocketPolyfill: WebSocket,
		limitRetryDelayMs: 0
	});
	return { spec, doc, connection };
}

async function connectAll(message: Extract<ToWorker, { type: 'connect' }>): Promise<void> {
	for (let start = 0; start < message.clients.length; start += message.batch) {
		const batch = message.clients
			.slice(start, start + message.batch)
			.map((spec) => openClient(spec, message.url, message.token));
		clients.push(...batch);
		await Promise.all(batch.map((client) => nextSync(client.connection)));
	}
	send({ type: 'connected', clients: clients.length });
}

/** Makes every client edit at exponentially distributed intervals (a Poisson process). */
async function edit(durationMs: number, meanIntervalMs: number): Promise<void> {
	samples = [];
	recording = true;
	loopDelay.reset();
	loopDelay.enable();
	let edits = 0;
	const end = performance.now() + durationMs;
	const timers = new Set<NodeJS.Timeout>();
	const schedule = (client: SimulatedClient) => {
		const delay = -Math.log(1 - Math.random()) * meanIntervalMs;
		if (performance.now() + delay > end) return;
		const timer = setTimeout(() => {
			timers.delete(timer);
			const text = client.doc.getText('notes');
			client.doc.transact(() => {
				text.insert(text.length, `${words[edits % words.length]} `);
				client.doc.getMap<number>('load').set(`c${client.spec.id}`, wallClockMs());
			});
			edits++;
			schedule(client);
		}, delay);
		timers.add(timer);
	};
	for (const client of clients) schedule(client);
	await sleep(durationMs + graceMs);
	for (const timer of timers) clearTimeout(timer);
	recording = false;
	loopDelay.disable();
	send({ type: 'edited', edits, samples, loopDelayP99Ms: loopDelay.percentile(99) / 1e6 });
}

/**
 * Drops every socket as the app does when the browser goes offline, then brings all back
 * at the same moment, as when a school's network returns.
 */
async function storm(): Promise<void> {
	for (const client of clients) client.connection.provider.disconnect();
	while (clients.some((client) => client.connection.provider.ws !== null)) await sleep(10);
	const startedAt = wallClockMs();
	const synced = clients.map((client) => nextSync(client.connection));
	for (const client of clients) client.connection.reconnect();
	await Promise.all(synced);
	send({ type: 'stormed', startedAt, syncedAt: wallClockMs(), clients: clients.length });
}

function digestOf(doc: Y.Doc): string {
	const entries = [...doc.getMap<number>('load').entries()].sort(([a], [b]) => a.localeCompare(b));
	const content = JSON.stringify([entries, doc.getText('notes').toString()]);
	return createHash('sha1').update(content).digest('hex');
}

async function openIdle(message: Extract<ToWorker, { type: 'idle' }>): Promise<void> {
	let failed = 0;
	for (let start = 0; start < message.docIds.length; start += message.batch) {
		const batch = message.docIds.slice(start, start + message.batch).map(
			(docId) =>
				new Promise<void>((resolve) => {
					const socket = new WebSocket(`${message.url}/${docId}?token=${message.token}`);
					let opened = false;
					socket.on('error', () => undefined);
					socket.once('open', () => {
						opened = true;
						resolve();
					});
					socket.once('close', () => {
						if (opened) return;
						failed++;
						resolve();
					});
					idleSockets.push(socket);
				})
		);
		await Promise.all(batch);
	}
	send({ type: 'idle-open', sockets: idleSockets.length - failed, failed });
}

async function handle(message: ToWorker): Promise<void> {
	switch (message.type) {
		case 'connect':
			return connectAll(message);
		case 'edit':
			return edit(message.durationMs, message.meanIntervalMs);
		case 'storm':
			return storm();
		case 'states':
			send({ type: 'states', states: clients.map((c) => [c.spec.docId, digestOf(c.doc)]) });
			return;
		case 'close-clients':
			for (const client of clients.splice(0)) {
				client.connection.destroy();
				client.doc.destroy();
			}
			send({ type: 'closed' });
			return;
		case 'idle':
			return openIdle(message);
		case 'close-idle':
			for (const socket of idleSockets.splice(0)) socket.terminate();
			send({ type: 'closed' });
			return;
	}
}

process.on('message', (message: ToWorker) => {
	handle(message).catch((error: unknown) =>
		send({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
	);
});
process.on('disconnect', () => process.exit(0));
