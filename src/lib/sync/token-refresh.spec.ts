import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeTokenPayload, type TokenClaims } from '$lib/shared/token';
import { createDatabase, type SchoolDatabase } from '$lib/storage/db';
import { Session } from './session.svelte';
import { SyncStatus } from './sync-status.svelte';
import { TokenRefresher, type RefreshOutcome } from './token-refresh';

const databases: SchoolDatabase[] = [];

afterEach(async () => {
	for (const db of databases.splice(0)) {
		db.close();
		await Dexie.delete(db.name);
	}
});

/** Builds an unsigned token, since only the relay verifies signatures. */
function tokenExpiringIn(seconds: number, overrides: Partial<TokenClaims> = {}): string {
	const now = Math.floor(Date.now() / 1000);
	const claims: TokenClaims = {
		sub: 'tutor1',
		school: 's1',
		role: 'tutor',
		device: 'tab-1',
		iat: now,
		exp: now + seconds,
		...overrides
	};
	return `${encodeTokenPayload(claims)}.signature`;
}

async function enrolledSession(expiresInSeconds: number): Promise<{
	db: SchoolDatabase;
	session: Session;
}> {
	const db = createDatabase(`refresh-${Math.random()}`);
	databases.push(db);
	const session = new Session();
	await session.enrol(
		db,
		{
			accessToken: tokenExpiringIn(expiresInSeconds),
			refreshToken: 'refresh-1',
			school: { id: 's1', name: 'Школа № 1' }
		},
		'tab-1',
		'https://sync.example'
	);
	return { db, session };
}

interface Harness {
	refresher: TokenRefresher;
	status: SyncStatus;
	requests: { url: string; body: unknown }[];
	events: string[];
}

function harness(
	db: SchoolDatabase,
	session: Session,
	answers: (() => Response | Promise<Response>)[]
): Harness {
	const requests: Harness['requests'] = [];
	const events: string[] = [];
	const status = new SyncStatus();
	const fetcher = (async (url: string, init: RequestInit) => {
		requests.push({ url, body: JSON.parse(String(init.body)) });
		const answer = answers.shift();
		if (!answer) throw new Error('No answer left for this request.');
		return answer();
	}) as unknown as typeof fetch;
	const refresher = new TokenRefresher({
		db,
		session,
		status,
		fetch: fetcher,
		onRefreshed: () => events.push('refreshed'),
		onRejected: (reason) => events.push(`rejected:${reason}`)
	});
	return { refresher, status, requests, events };
}

const json = (status: number, body: unknown) => () =>
	new Response(JSON.stringify(body), { status });

describe('TokenRefresher', () => {
	it('refreshes a token that expires within the lead time', async () => {
		const { db, session } = await enrolledSession(60);
		const fresh = tokenExpiringIn(3600);
		const run = harness(db, session, [json(200, { accessToken: fresh })]);
		const replaced: string[] = [];
		session.onTokenChange((token) => replaced.push(token));

		const outcome = await run.refresher.refreshIfDue();

		expect(outcome).toBe<RefreshOutcome>('refreshed');
		expect(run.requests).toEqual([
			{
				url: 'https://sync.example/api/refresh',
				body: { device: 'tab-1', refreshToken: 'refresh-1' }
			}
		]);
		expect(session.token).toBe(fresh);
		expect(replaced).toEqual([fresh]);
		expect(run.events).toEqual(['refreshed']);
	});

	it('leaves a token that is not due alone', async () => {
		const { db, session } = await enrolledSession(3600);
		const run = harness(db, session, []);

		expect(await run.refresher.refreshIfDue()).toBe('not-due');
		expect(run.requests).toHaveLength(0);
	});

	it('stops and reports a rejected refresh token', async () => {
		const { db, session } = await enrolledSession(60);
		const before = session.token;
		const run = harness(db, session, [json(401, { reason: 'token-revoked' })]);

		const outcome = await run.refresher.refreshNow();

		expect(outcome).toBe('rejected');
		expect(run.status.state).toBe('error');
		expect(run.status.reason).toBe('token-revoked');
		expect(run.events).toEqual(['rejected:token-revoked']);
		expect(session.token).toBe(before);
	});

	it('retries when the relay is unreachable', async () => {
		const { db, session } = await enrolledSession(-10);
		const fresh = tokenExpiringIn(3600);
		const run = harness(db, session, [
			() => Promise.reject(new TypeError('Failed to fetch')),
			json(503, { reason: 'server-error' }),
			json(200, { accessToken: fresh })
		]);

		const outcomes = [
			await run.refresher.refreshNow(),
			await run.refresher.refreshNow(),
			await run.refresher.refreshNow()
		];

		expect(outcomes).toEqual(['unreachable', 'unreachable', 'refreshed']);
		expect(run.status.state).not.toBe('error');
		expect(session.token).toBe(fresh);
		run.refresher.stop();
	});

	it('refreshes by itself once started', async () => {
		const { db, session } = await enrolledSession(30);
		const fresh = tokenExpiringIn(3600);
		const run = harness(db, session, [json(200, { accessToken: fresh })]);

		run.refresher.start();
		for (let i = 0; i < 100 && session.token !== fresh; i++) {
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		run.refresher.stop();

		expect(session.token).toBe(fresh);
	});
});

describe('Session enrolment', () => {
	it('survives a reload and a change of relay address', async () => {
		const { db, session } = await enrolledSession(3600);

		await session.setRelayOrigin(db, 'https://other.example/');
		const reloaded = new Session();
		await reloaded.load(db);

		expect(reloaded.refresh).toEqual({ refreshToken: 'refresh-1', device: 'tab-1' });
		expect(reloaded.schoolName).toBe('Школа № 1');
		expect(reloaded.relayOrigin).toBe('https://other.example');
	});

	it('forgets the refresh token when a token is signed in directly', async () => {
		const { db, session } = await enrolledSession(3600);

		await session.signIn(db, tokenExpiringIn(600));

		expect(session.refresh).toBeNull();
	});
});
