import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStore } from '../../sync-server/sqlite-store';
import { RelayProcess } from '../support/relay-process';
import {
	openClient,
	openRawSocket,
	sleep,
	waitForSynced,
	waitUntil,
	type TestClient
} from './clients';

const maxPayloadBytes = 16 * 1024;
const docId = 's1/plans';

function seededRandom(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 48271) % 2147483647;
		return state / 2147483647;
	};
}

function frame(type: number, ...parts: (number | Uint8Array)[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	for (const part of parts) {
		if (typeof part === 'number') encoding.writeVarUint(encoder, part);
		else encoding.writeVarUint8Array(encoder, part);
	}
	return encoding.toUint8Array(encoder);
}

/** Builds the fuzz messages: each kind a fixed number of times, from one seed. */
function fuzzMessages(random: () => number): { kind: string; data: Uint8Array | string }[] {
	const bytes = (length: number) => Uint8Array.from({ length }, () => Math.floor(random() * 256));
	const template = new Y.Doc();
	template.getText('notes').insert(0, 'Шаблон для мутаций');
	template.getMap('meta').set('title', 'План');
	template.getArray('items').push([1, 'два', { three: 3 }]);
	const valid = frame(0, 2, Y.encodeStateAsUpdate(template));

	const mutate = (): Uint8Array => {
		const copy = Uint8Array.from(valid);
		const flips = 1 + Math.floor(random() * 3);
		for (let i = 0; i < flips; i++)
			copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
		return random() < 0.3 ? copy.slice(0, Math.floor(random() * copy.length)) : copy;
	};
	const cases: { kind: string; data: Uint8Array | string }[] = [];
	const add = (kind: string, count: number, make: () => Uint8Array | string) => {
		for (let i = 0; i < count; i++) cases.push({ kind, data: make() });
	};
	add('random bytes', 150, () => bytes(1 + Math.floor(random() * 300)));
	add('mutated update', 300, mutate);
	add('truncated update', 50, () => valid.slice(0, 1 + Math.floor(random() * (valid.length - 1))));
	add('random update body', 100, () => frame(0, 2, bytes(Math.floor(random() * 200))));
	add('random state vector', 50, () => frame(0, 0, bytes(Math.floor(random() * 40))));
	add('random awareness', 80, () => frame(1, bytes(Math.floor(random() * 120))));
	add('text frame', 20, () => 'x'.repeat(1 + Math.floor(random() * 50)));
	add('over the limit', 4, () => bytes(maxPayloadBytes + 1 + Math.floor(random() * 1000)));
	add('over the hard cap', 2, () => bytes(maxPayloadBytes * 4 + 1));
	template.destroy();
	return cases;
}

/** A sync step 1 with an empty state vector; the relay replies with a sync step 2. */
const probe = frame(0, 0, Uint8Array.from([0]));

/**
 * Sends one message and then the probe, and resolves with the close code, or 0 once the
 * probe's reply shows that the relay processed the message and kept the connection. The
 * relay handles a connection's messages in order, so the reply comes after the message.
 */
async function sendAndSettle(
	relay: RelayProcess,
	token: string,
	data: Uint8Array | string
): Promise<number> {
	const raw = openRawSocket(relay, docId, token);
	await raw.opened;
	raw.socket.send(data);
	raw.socket.send(probe);
	const replied = () => raw.messages.some((message) => message[0] === 0 && message[1] === 1);
	const settled = await Promise.race([
		raw.closed.then((closed) => closed.code),
		waitUntil('the relay replies to the probe', replied, 5000).then(() => 0)
	]);
	raw.socket.close();
	return settled;
}

describe('relay under malformed input', () => {
	let relay: RelayProcess;
	const clients: TestClient[] = [];

	beforeAll(async () => {
		relay = await RelayProcess.start({
			env: { RELAY_MAX_PAYLOAD_BYTES: String(maxPayloadBytes) }
		});
	});

	afterAll(async () => {
		for (const client of clients) client.destroy();
		await relay?.dispose();
	});

	it('keeps serving and storing while fuzzed', async () => {
		const random = seededRandom(Number(process.env.FUZZ_SEED ?? 7_356));
		const token = (device: string) =>
			relay.token({ sub: 'admin1', school: 's1', role: 'admin', device });
		const healthy = [0, 1].map((i) => {
			const client = openClient(relay, docId, token(`healthy${i}`));
			clients.push(client);
			return client;
		});
		await Promise.all(healthy.map((client) => waitForSynced(client)));
		let writing = true;
		const writes = healthy.map(async (client, c) => {
			for (let i = 0; writing; i++) {
				client.doc.getMap('healthy').set(`c${c}-${i}`, i);
				await sleep(15);
			}
		});

		const outcomes = new Map<string, Map<number, number>>();
		const cases = fuzzMessages(random);
		const slots = 8;
		for (let start = 0; start < cases.length; start += slots) {
			const batch = cases.slice(start, start + slots);
			await Promise.all(
				batch.map(async ({ kind, data }, slot) => {
					const code = await sendAndSettle(relay, token(`fuzzer${slot}`), data);
					const byCode = outcomes.get(kind) ?? new Map<number, number>();
					byCode.set(code, (byCode.get(code) ?? 0) + 1);
					outcomes.set(kind, byCode);
				})
			);
		}
		writing = false;
		await Promise.all(writes);

		// 0 means the relay processed the message and kept the connection open.
		const allowed = new Set([0, 1009, 4400, 4413]);
		for (const [kind, byCode] of outcomes) {
			for (const code of byCode.keys()) expect(allowed.has(code), `${kind}: ${code}`).toBe(true);
		}
		expect(outcomes.get('over the limit')?.get(4413)).toBe(4);
		expect(outcomes.get('over the hard cap')?.get(1009)).toBe(2);
		expect(outcomes.get('text frame')?.get(4400)).toBe(20);
		expect(relay.events('relay-start')).toHaveLength(1);
		expect(relay.events('uncaught-exception')).toEqual([]);
		expect(relay.events('unhandled-rejection')).toEqual([]);

		const [a, b] = healthy;
		const same = () =>
			Y.encodeStateVector(a.doc).toString() === Y.encodeStateVector(b.doc).toString();
		await waitUntil('the healthy clients converge', same);
		const expected = a.doc.getMap('healthy').toJSON();
		expect(Object.keys(expected).length).toBeGreaterThan(10);

		await relay.restart();
		const store = new SqliteStore(relay.dataDir);
		const stored = store.loadDocument(docId);
		store.close();
		const fresh = openClient(relay, docId, token('fresh'));
		clients.push(fresh);
		await waitForSynced(fresh);

		expect(stored.corrupt).toEqual([]);
		expect(fresh.doc.getMap('healthy').toJSON()).toEqual(expected);
		expect(relay.events('storage-apply-failed')).toEqual([]);
		expect(relay.events('update-apply-failed')).toEqual([]);
	}, 120_000);
});
