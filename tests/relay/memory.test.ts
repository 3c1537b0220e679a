import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RelayProcess, type RelayHealth } from '../support/relay-process';
import { openClient, sleep, waitForSynced, waitUntilAsync } from './clients';

const rounds = 3;
const documentsPerRound = 100;
const openAtOnce = 10;

describe('relay memory', () => {
	let relay: RelayProcess;

	beforeAll(async () => {
		relay = await RelayProcess.start({ env: { RELAY_IDLE_UNLOAD_MS: '100' } });
	});

	afterAll(async () => {
		await relay?.dispose();
	});

	/** Opens, edits and closes `documentsPerRound` documents, `openAtOnce` at a time. */
	async function visitDocuments(round: number): Promise<number> {
		let maxTimers = 0;
		for (let start = 0; start < documentsPerRound; start += openAtOnce) {
			const batch = Array.from({ length: openAtOnce }, (_, i) => {
				const student = `r${round}s${start + i}`;
				const token = relay.token({ sub: 'admin1', school: 's1', role: 'admin', device: `d${i}` });
				return openClient(relay, `s1/trajectory/${student}`, token);
			});
			await Promise.all(batch.map((client) => waitForSynced(client)));
			for (const client of batch) {
				client.doc.getMap('goals').set('main', 'Цель');
				client.connection.awareness.setLocalStateField('user', { name: 'Админ' });
			}
			await sleep(30);
			maxTimers = Math.max(maxTimers, (await relay.health()).memory.activeTimers);
			for (const client of batch) client.destroy();
		}
		return maxTimers;
	}

	async function settled(): Promise<RelayHealth> {
		await waitUntilAsync('every document is unloaded', async () => {
			const health = await relay.health();
			return health.documentsLoaded === 0 && health.connections === 0;
		});
		return relay.health();
	}

	it('unloads idle documents and their timers', async () => {
		const baseline = await relay.health();
		const timersWhileOpen = await visitDocuments(0);
		const afterFirst = await settled();
		for (let round = 1; round < rounds; round++) await visitDocuments(round);
		const afterLast = await settled();

		// With ten documents loaded, their awareness timers show up in the count, so the
		// count is a working leak indicator.
		expect(timersWhileOpen).toBeGreaterThanOrEqual(baseline.memory.activeTimers + openAtOnce);
		expect(afterLast.memory.activeTimers).toBeLessThanOrEqual(afterFirst.memory.activeTimers);
		expect(afterLast.counters.documentsUnloaded).toBeGreaterThanOrEqual(rounds * documentsPerRound);
		// A loose bound, because heap use without a forced GC varies from run to run.
		expect(afterLast.memory.heapUsedBytes - afterFirst.memory.heapUsedBytes).toBeLessThan(
			64 * 1024 * 1024
		);
	}, 120_000);
});
