import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/lib/shared/access';
import { RelayProcess } from '../support/relay-process';
import {
	openClient,
	seedDocument,
	seedRoster,
	waitForSynced,
	waitUntilAsync,
	type TestClient
} from './clients';

describe('relay versions', () => {
	let relay: RelayProcess;
	const clients: TestClient[] = [];
	const tokenOf = (sub: string, role: Role, school = 's1') => relay.token({ sub, school, role });

	const versionsOf = async (token: string) => {
		const response = await fetch(`${relay.httpUrl}/api/versions`, {
			headers: { Authorization: `Bearer ${token}` }
		});
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};

	beforeAll(async () => {
		relay = await RelayProcess.start();
		seedRoster(relay.dataDir);
		const docIds = [
			's1/trajectory/st1',
			's1/trajectory/st2',
			's1/diary/st1',
			's1/plans',
			's2/plans',
			'm1/quality-form'
		];
		for (const docId of docIds) {
			seedDocument(relay.dataDir, docId, (doc) => doc.getMap('meta').set('id', docId));
		}
	});

	afterAll(async () => {
		for (const opened of clients) opened.destroy();
		await relay?.dispose();
	});

	it('lists only the documents a token may read', async () => {
		const student = await versionsOf(tokenOf('st1', 'student'));
		const parent = await versionsOf(tokenOf('parent1', 'parent'));
		const tutor = await versionsOf(tokenOf('tutor1', 'tutor'));
		const municipal = await versionsOf(tokenOf('org1', 'municipal', 'm1'));

		expect(student.status).toBe(200);
		expect(student.body.versions).toEqual({ 's1/trajectory/st1': 1 });
		expect(parent.body.versions).toEqual({ 's1/trajectory/st1': 1 });
		expect(Object.keys(tutor.body.versions as object).sort()).toEqual([
			's1/diary/st1',
			's1/plans',
			's1/roster',
			's1/trajectory/st1',
			's1/trajectory/st2'
		]);
		expect(municipal.body.versions).toEqual({ 'm1/quality-form': 1 });
	});

	it('grows a version with each stored update', async () => {
		const token = tokenOf('st1', 'student');
		const writer = openClient(relay, 's1/trajectory/st1', token);
		clients.push(writer);
		await waitForSynced(writer);
		const before = ((await versionsOf(token)).body.versions as Record<string, number>)[
			's1/trajectory/st1'
		];

		writer.doc.getMap('goals').set('one', 'Первая цель');
		writer.doc.getMap('goals').set('two', 'Вторая цель');
		await waitUntilAsync('the version grows by two', async () => {
			const versions = (await versionsOf(token)).body.versions as Record<string, number>;
			return versions['s1/trajectory/st1'] === before + 2;
		});
	});

	it('answers 401 with a reason for a bad token', async () => {
		const missing = await fetch(`${relay.httpUrl}/api/versions`);
		const invalid = await versionsOf('abc.def');

		expect(missing.status).toBe(401);
		expect(((await missing.json()) as { reason: string }).reason).toBe('token-missing');
		expect(invalid.status).toBe(401);
		expect(invalid.body.reason).toBe('token-invalid');
		expect(typeof invalid.body.message).toBe('string');
	});

	it('allows cross-origin calls', async () => {
		const preflight = await fetch(`${relay.httpUrl}/api/versions`, {
			method: 'OPTIONS',
			headers: {
				Origin: 'http://app.localhost:5173',
				'Access-Control-Request-Method': 'GET',
				'Access-Control-Request-Headers': 'authorization'
			}
		});
		const health = await fetch(`${relay.httpUrl}/health`);

		expect(preflight.status).toBe(204);
		expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
		expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
		expect(health.headers.get('access-control-allow-origin')).toBe('*');
	});
});
