/**
 * Relay fan-out latency on loopback: 200 y-websocket clients on 50 documents (4 per
 * document). Each client in turn writes a timestamp into its document; the time until each
 * of the other three clients of that document receives it is one sample. Prints p50, p95, p99.
 * The client processes share the machine with the relay, so figures include their own
 * event-loop delay. Run alone with `npx tsx tests/bench/fanout.bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { connectDocument, type RelayConnection } from '../../src/lib/sync/relay-provider';
import { RelayProcess } from '../support/relay-process';

const documents = 50;
const clientsPerDocument = 4;
const rounds = 5;

interface Client {
	doc: Y.Doc;
	connection: RelayConnection;
	docIndex: number;
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function connectAll(relay: RelayProcess): Promise<Client[]> {
	process.setMaxListeners(documents * clientsPerDocument + 10);
	const token = relay.token({
		sub: 'bench-admin',
		school: 'bench',
		role: 'admin',
		exp: Math.floor(Date.now() / 1000) + 3600
	});
	const clients: Client[] = [];
	const synced: Promise<void>[] = [];
	for (let d = 0; d < documents; d++) {
		for (let c = 0; c < clientsPerDocument; c++) {
			const doc = new Y.Doc();
			const connection = connectDocument(doc, `bench/teacher-route/t${d}`, {
				url: relay.wsUrl,
				token,
				WebSocketPolyfill: WebSocket
			});
			synced.push(
				new Promise((resolve) =>
					connection.onEvent((event) => event.kind === 'synced' && resolve())
				)
			);
			clients.push({ doc, connection, docIndex: d });
		}
	}
	await Promise.all(synced);
	return clients;
}

/** Lets one client per document write at once and resolves with the delivery latencies in ms. */
function measureRound(clients: Client[], writerSlot: number): Promise<number[]> {
	return new Promise((resolve) => {
		const samples: number[] = [];
		const expected = documents * (clientsPerDocument - 1);
		for (const client of clients) {
			const map = client.doc.getMap('bench');
			const onChange = () => {
				const sentAt = map.get(`slot-${writerSlot}`) as number | undefined;
				if (sentAt === undefined) return;
				map.unobserve(onChange);
				samples.push(performance.now() - sentAt);
				if (samples.length === expected) resolve(samples);
			};
			if (clients.indexOf(client) % clientsPerDocument !== writerSlot) map.observe(onChange);
		}
		for (const client of clients) {
			if (clients.indexOf(client) % clientsPerDocument === writerSlot) {
				client.doc.getMap('bench').set(`slot-${writerSlot}`, performance.now());
			}
		}
	});
}

export async function run(): Promise<Record<string, number>> {
	const relay = await RelayProcess.start({
		env: { RELAY_MAX_CONNECTIONS_PER_DEVICE: '1000' }
	});
	let clients: Client[] = [];
	try {
		clients = await connectAll(relay);
		const samples: number[] = [];
		for (let round = 0; round < rounds; round++) {
			for (let slot = 0; slot < clientsPerDocument; slot++) {
				for (const client of clients) client.doc.getMap('bench').delete(`slot-${slot}`);
				samples.push(...(await measureRound(clients, slot)));
			}
		}
		samples.sort((a, b) => a - b);
		const figures = {
			clients: clients.length,
			documents,
			samples: samples.length,
			fanout_p50_ms: percentile(samples, 50),
			fanout_p95_ms: percentile(samples, 95),
			fanout_p99_ms: percentile(samples, 99),
			relay_rss_mib: (await relay.health()).memory.rssBytes / 1024 / 1024
		};
		console.log('relay fan-out, 200 clients on 50 documents (loopback):', figures);
		return figures;
	} finally {
		for (const client of clients) client.connection.destroy();
		await relay.dispose();
		rmSync(relay.dataDir, { recursive: true, force: true });
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	await run();
}
