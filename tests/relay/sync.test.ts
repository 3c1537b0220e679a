import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelayProcess } from '../support/relay-process';
import {
	counter,
	openClient,
	waitForSynced,
	waitUntil,
	waitUntilAsync,
	type TestClient
} from './clients';

describe('relay sync', () => {
	let relay: RelayProcess;
	const clients: TestClient[] = [];
	const admin = () => relay.token({ sub: 'admin1', school: 's1', role: 'admin' });

	const client = (docId: string, doc?: Y.Doc) => {
		const opened = openClient(relay, docId, admin(), { doc });
		clients.push(opened);
		return opened;
	};

	beforeAll(async () => {
		relay = await RelayProcess.start();
	});

	afterAll(async () => {
		for (const opened of clients) opened.destroy();
		await relay?.dispose();
	});

	it('converges concurrent text and map edits', async () => {
		const a = client('s1/plans');
		const b = client('s1/plans');
		await Promise.all([waitForSynced(a), waitForSynced(b)]);

		// Edits made in the same moment on both sides, before either has seen the other's.
		a.doc.getText('notes').insert(0, 'Собрание в пятницу. ');
		b.doc.getText('notes').insert(0, 'Педсовет в среду. ');
		a.doc.getMap('meta').set('title', 'План на четверть');
		b.doc.getMap('meta').set('owner', 'admin1');
		a.doc.getMap('meta').set('status', 'черновик');
		b.doc.getMap('meta').set('status', 'утверждён');

		const same = () =>
			a.doc.getText('notes').toString() === b.doc.getText('notes').toString() &&
			isDeepStrictEqual(a.doc.getMap('meta').toJSON(), b.doc.getMap('meta').toJSON());
		await waitUntil('both replicas hold the same state', same);

		const notes = a.doc.getText('notes').toString();
		expect(notes).toContain('Собрание в пятницу. ');
		expect(notes).toContain('Педсовет в среду. ');
		const meta = a.doc.getMap('meta').toJSON();
		expect(meta.title).toBe('План на четверть');
		expect(meta.owner).toBe('admin1');
		expect(['черновик', 'утверждён']).toContain(meta.status);
	});

	it('serves the full state from storage after a restart', async () => {
		const writer = client('s1/checklist');
		await waitForSynced(writer);
		const storedBefore = await counter(relay, 'updatesStored');
		writer.doc.getText('items').insert(0, 'Проверить журналы');
		writer.doc.getMap('done').set('item1', true);
		await waitUntilAsync('the relay stored both edits', async () => {
			return (await counter(relay, 'updatesStored')) >= storedBefore + 2;
		});
		const expected = Y.encodeStateVector(writer.doc);
		writer.destroy();

		await relay.restart('SIGTERM');
		const late = client('s1/checklist');
		await waitForSynced(late);

		expect(late.doc.getText('items').toString()).toBe('Проверить журналы');
		expect(late.doc.getMap('done').get('item1')).toBe(true);
		expect(Y.encodeStateVector(late.doc)).toEqual(expected);
	});

	it('reports health with limits and counts', async () => {
		const health = await relay.health();

		expect(health.status).toBe('ok');
		expect(health.uptimeSeconds).toBeGreaterThanOrEqual(0);
		expect(health.connections).toBeGreaterThanOrEqual(1);
		expect(health.documentsLoaded).toBeGreaterThanOrEqual(1);
		expect(health.limits.maxPayloadBytes).toBe(2 * 1024 * 1024);
		expect(health.limits.messagesPerSecond).toBe(50);
	});
});
