import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openStore } from '../../sync-server/open-store';
import { RelayProcess } from '../support/relay-process';
import { openClient, sleep, waitForSynced, waitUntil, type TestClient } from './clients';

const killCycles = 50;
const writerCount = 3;
const docId = 's1/plans';

/** A deterministic random source, so a failing run can be repeated with the same seed. */
function seededRandom(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 48271) % 2147483647;
		return state / 2147483647;
	};
}

/** Reads the document straight from the data folder while the relay is stopped. */
function storedKeys(dataDir: string): Set<string> {
	const store = openStore(dataDir);
	try {
		return new Set(store.readDoc(docId).getMap('entries').keys());
	} finally {
		store.close();
	}
}

describe('relay durability', () => {
	let relay: RelayProcess;
	const clients: TestClient[] = [];

	beforeAll(async () => {
		relay = await RelayProcess.start();
	});

	afterAll(async () => {
		for (const client of clients) client.destroy();
		await relay?.dispose();
	});

	it('keeps every forwarded update through SIGKILL', async () => {
		const random = seededRandom(Number(process.env.DURABILITY_SEED ?? 20_241_204));
		const token = (device: string) =>
			relay.token({ sub: 'admin1', school: 's1', role: 'admin', device });
		const open = (device: string) => {
			const client = openClient(relay, docId, token(device), { maxReconnectDelayMs: 150 });
			clients.push(client);
			return client;
		};
		const writers = Array.from({ length: writerCount }, (_, i) => open(`writer${i}`));
		const observer = open('observer');

		// The relay stores an update before it forwards it, so whatever reaches the
		// observer counts as acknowledged: it must survive any later kill.
		const acknowledged = new Set<string>();
		observer.doc.getMap('entries').observe((event) => {
			for (const key of event.keysChanged) acknowledged.add(key);
		});
		const written: string[] = [];
		let writing = true;
		const writeLoops = writers.map(async (writer, w) => {
			for (let i = 0; writing; i++) {
				const key = `w${w}-${i}`;
				writer.doc.getMap('entries').set(key, i);
				written.push(key);
				await sleep(10 + Math.floor(random() * 20));
			}
		});

		const lostAfterKill: string[] = [];
		for (let cycle = 0; cycle < killCycles; cycle++) {
			await waitForSynced(observer);
			observer.events.length = 0;
			await sleep(Math.floor(random() * 120));
			const acknowledgedAtKill = [...acknowledged];

			await relay.stop('SIGKILL');
			const stored = storedKeys(relay.dataDir);
			lostAfterKill.push(...acknowledgedAtKill.filter((key) => !stored.has(key)));
			await relay.restart();
		}
		writing = false;
		await Promise.all(writeLoops);

		expect(lostAfterKill).toEqual([]);
		expect(acknowledged.size).toBeGreaterThan(killCycles);

		// Every replica converges, and each write of each writer arrives.
		const replicas = [...writers, observer];
		const sameState = () => {
			const vectors = replicas.map((r) => Y.encodeStateVector(r.doc).toString());
			return vectors.every((vector) => vector === vectors[0]);
		};
		await waitUntil('all replicas hold the same state', sameState, 20_000);
		const finalKeys = new Set(observer.doc.getMap('entries').keys());
		expect(written.filter((key) => !finalKeys.has(key))).toEqual([]);
		expect(relay.events('storage-corrupt-row')).toEqual([]);
	}, 180_000);
});
