import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../sync-server/auth/token';
import { SqliteStore } from '../../sync-server/sqlite-store';
import { RelayProcess } from '../support/relay-process';
import {
	counter,
	openClient,
	openRawSocket,
	sleep,
	waitForRefusal,
	waitForSynced,
	type TestClient
} from './clients';

describe('relay refusals', () => {
	let relay: RelayProcess;
	const clients: TestClient[] = [];
	const now = () => Math.floor(Date.now() / 1000);

	beforeAll(async () => {
		relay = await RelayProcess.start();
	});

	afterAll(async () => {
		for (const client of clients) client.destroy();
		await relay?.dispose();
	});

	const badTokens = () => ({
		'token-missing': '',
		'token-invalid': signToken(
			{ sub: 'admin1', school: 's1', role: 'admin', device: 'd1', iat: now(), exp: now() + 60 },
			'another-secret-that-the-relay-does-not-know'
		),
		'token-expired': relay.token({ sub: 'admin1', school: 's1', role: 'admin', exp: now() - 1 })
	});

	it('closes bad tokens with 4401 before sending anything', async () => {
		for (const [reason, token] of Object.entries(badTokens())) {
			const raw = openRawSocket(relay, 's1/plans', token === '' ? undefined : token);
			const closed = await raw.closed;

			expect(closed.code, reason).toBe(4401);
			expect(closed.reason).toBe(reason);
			expect(raw.messages, reason).toHaveLength(0);
		}
	});

	it('stops the provider retrying after a refusal', async () => {
		const refused = Object.entries(badTokens()).map(([reason, token]) => {
			const client = openClient(relay, 's1/plans', token);
			clients.push(client);
			return { reason, client };
		});
		for (const { reason, client } of refused) {
			const refusal = await waitForRefusal(client);
			expect(refusal.code).toBe(4401);
			expect(refusal.reason).toBe(reason);
		}
		const upgradesAfterRefusal = await counter(relay, 'upgrades');

		// The reconnect window of these clients is at most 400 ms, so a client that kept
		// retrying would have tried several times by now.
		await sleep(3000);

		expect(await counter(relay, 'upgrades')).toBe(upgradesAfterRefusal);
		for (const { client } of refused) {
			expect(client.events.filter((e) => e.kind === 'refused')).toHaveLength(1);
			expect(client.connection.provider.shouldConnect).toBe(false);
		}
	});

	it('rejects tokens of a revoked device', async () => {
		const store = new SqliteStore(relay.dataDir);
		const revokedAt = now();
		store.revokeDevice('s1', 'tablet7', revokedAt);
		store.close();
		const issuedBefore = relay.token({
			sub: 'tutor1',
			school: 's1',
			role: 'tutor',
			device: 'tablet7',
			iat: revokedAt
		});
		const issuedAfter = relay.token({
			sub: 'admin1',
			school: 's1',
			role: 'admin',
			device: 'tablet7',
			iat: revokedAt + 1
		});

		const old = await openRawSocket(relay, 's1/plans', issuedBefore).closed;
		const renewed = openClient(relay, 's1/plans', issuedAfter);
		clients.push(renewed);

		expect(old.code).toBe(4401);
		expect(old.reason).toBe('token-revoked');
		await waitForSynced(renewed);
	});

	it('closes unknown document ids with 4403', async () => {
		const admin = relay.token({ sub: 'admin1', school: 's1', role: 'admin' });
		for (const docId of ['s1/unknown', 's1/trajectory/a/b', 's1/trajectory/%2e%2e']) {
			const closed = await openRawSocket(relay, docId, admin).closed;

			expect(closed.code, docId).toBe(4403);
			expect(closed.reason, docId).toBe('room-invalid');
		}
		const outside = new WebSocket(`${relay.httpUrl.replace('http', 'ws')}/other?token=${admin}`);
		outside.on('error', () => undefined);
		const code = await new Promise<number>((resolve) => outside.on('close', (c) => resolve(c)));
		expect(code).toBe(4403);
	});

	it('closes a malformed message with 4400', async () => {
		const admin = relay.token({ sub: 'admin1', school: 's1', role: 'admin' });
		const raw = openRawSocket(relay, 's1/plans', admin);
		await raw.opened;

		raw.socket.send(Uint8Array.from([0, 2, 200, 1, 2, 3]));
		const closed = await raw.closed;

		expect(closed.code).toBe(4400);
		expect(closed.reason).toBe('message-invalid');
	});

	it('closes an open connection when its token expires', async () => {
		const token = relay.token({ sub: 'admin1', school: 's1', role: 'admin', exp: now() + 2 });
		const client = openClient(relay, 's1/plans', token);
		clients.push(client);
		await waitForSynced(client);

		const refusal = await waitForRefusal(client, 10_000);
		const expiredWhileOpen = client.events.some(
			(event) =>
				event.kind === 'disconnected' && event.code === 4000 && event.reason === 'token-expired'
		);

		expect(expiredWhileOpen).toBe(true);
		expect(refusal.code).toBe(4401);
		expect(refusal.reason).toBe('token-expired');
	});
});
