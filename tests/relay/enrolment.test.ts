import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCode } from '../../src/lib/shared/enrolment-code';
import { decodeToken, encodeBase64Url } from '../../src/lib/shared/token';
import { newInvitation } from '../../sync-server/enrolment/enrolment-service';
import { databaseFileName, SqliteStore } from '../../sync-server/sqlite-store';
import { RelayProcess } from '../support/relay-process';
import {
	openClient,
	openRawSocket,
	seedRoster,
	waitForRefusal,
	waitForSynced,
	type TestClient
} from './clients';

// The relay takes the client address from X-Forwarded-For here, so each test enrols from
// its own address and the attempt limit of one test cannot block another.
let relay: RelayProcess;
const clients: TestClient[] = [];
let nextAddress = 1;

interface ApiResponse {
	status: number;
	body: Record<string, unknown>;
	headers: Headers;
}

async function api(
	path: string,
	options: { body?: unknown; token?: string; from?: string; method?: string } = {}
): Promise<ApiResponse> {
	const headers: Record<string, string> = { 'x-forwarded-for': options.from ?? '10.9.9.9' };
	if (options.token) headers.authorization = `Bearer ${options.token}`;
	if (options.body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(`${relay.httpUrl}${path}`, {
		method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
		headers,
		body: options.body === undefined ? undefined : JSON.stringify(options.body)
	});
	return {
		status: response.status,
		body: (await response.json()) as Record<string, unknown>,
		headers: response.headers
	};
}

function adminToken(school = 's1', device = 'admin-tablet'): string {
	return relay.token({ sub: 'admin1', school, role: 'admin', device });
}

/** Returns a new client address, as a proxy would report it. */
function freshAddress(): string {
	return `10.0.0.${nextAddress++}`;
}

async function invite(role: string, person: string, validForHours = 24): Promise<string> {
	const created = await api('/api/invitations', {
		token: adminToken(),
		body: { role, person, validForHours }
	});
	expect(created.status).toBe(201);
	return created.body.code as string;
}

async function enrol(code: string, device: string, from = freshAddress()): Promise<ApiResponse> {
	return api('/api/enrol', { body: { code, device }, from });
}

function track(client: TestClient): TestClient {
	clients.push(client);
	return client;
}

beforeAll(async () => {
	relay = await RelayProcess.start({ env: { RELAY_TRUST_PROXY: '1' } });
	seedRoster(relay.dataDir);
	const store = new SqliteStore(relay.dataDir);
	store.enrolment.insertSchool({ school: 's1', name: 'Школа № 1', createdAt: Date.now() });
	store.enrolment.insertSchool({ school: 's2', name: 'Школа № 2', createdAt: Date.now() });
	store.close();
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await relay?.dispose();
});

describe('enrolment by invitation code', () => {
	it('redeems a code once and only once', async () => {
		const code = await invite('tutor', 'tutor1');

		const attempts = await Promise.all(
			['tab-a', 'tab-b', 'tab-c', 'tab-d'].map((device) => enrol(formatCode(code), device))
		);
		const later = await enrol(code, 'tab-e');

		const accepted = attempts.filter((attempt) => attempt.status === 200);
		expect(accepted).toHaveLength(1);
		for (const attempt of attempts.filter((a) => a.status !== 200)) {
			expect(attempt.status).toBe(410);
			expect(attempt.body.reason).toBe('code-used');
		}
		expect(later.status).toBe(410);
		expect(later.body.reason).toBe('code-used');

		const claims = decodeToken(accepted[0].body.accessToken as string);
		expect(claims?.sub).toBe('tutor1');
		expect(claims?.role).toBe('tutor');
		expect(accepted[0].body.school).toEqual({ id: 's1', name: 'Школа № 1' });
		const client = track(openClient(relay, 's1/roster', accepted[0].body.accessToken as string));
		await waitForSynced(client);
	});

	it('refuses an expired code', async () => {
		const store = new SqliteStore(relay.dataDir);
		const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
		const { record, code } = newInvitation(
			's1',
			'admin1',
			{ role: 'student', person: 'st1', validForHours: 1 },
			relay.secret,
			dayAgo
		);
		store.enrolment.insertInvitation(record);
		store.close();

		const attempt = await enrol(code, 'tab-late');

		expect(attempt.status).toBe(410);
		expect(attempt.body.reason).toBe('code-expired');
	});

	it('refuses a cancelled code', async () => {
		const code = await invite('parent', 'parent1');
		const listed = await api('/api/invitations', { token: adminToken() });
		const pending = (listed.body.invitations as { id: string; person: string; state: string }[])
			.filter((invitation) => invitation.person === 'parent1' && invitation.state === 'pending')
			.at(0);

		const cancelled = await api('/api/invitations/cancel', {
			token: adminToken(),
			body: { id: pending?.id }
		});
		const attempt = await enrol(code, 'tab-parent');

		expect(cancelled.status).toBe(200);
		expect(attempt.status).toBe(410);
		expect(attempt.body.reason).toBe('code-cancelled');
	});

	it('stores no code or refresh token in plain text', async () => {
		const code = await invite('teacher', 'teacher1');
		const enrolled = await enrol(code, 'tab-teacher');
		const refreshToken = enrolled.body.refreshToken as string;

		const db = new Database(join(relay.dataDir, databaseFileName), { readonly: true });
		const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
			name: string;
		}[];
		let dump = '';
		for (const { name } of tables) {
			for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as object[]) {
				for (const value of Object.values(row)) {
					dump += Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
					dump += '\n';
				}
			}
		}
		const digests = db.prepare('SELECT code_hash FROM invitations').all() as {
			code_hash: Buffer;
		}[];
		db.close();

		expect(enrolled.status).toBe(200);
		expect(dump).toContain('teacher1');
		expect(dump).not.toContain(code);
		expect(dump).not.toContain(formatCode(code));
		expect(dump).not.toContain(refreshToken);
		expect(dump).not.toContain(Buffer.from(refreshToken, 'base64url').toString('latin1'));
		for (const { code_hash } of digests) expect(code_hash.length).toBe(32);
	});

	it('limits failed attempts per address', async () => {
		const from = freshAddress();
		const code = await invite('student', 'st2');
		for (let attempt = 0; attempt < 10; attempt++) {
			const wrong = await enrol('00000-00000', `guess-${attempt}`, from);
			expect(wrong.status).toBe(404);
			expect(wrong.body.reason).toBe('code-invalid');
		}

		const blocked = await enrol(code, 'tab-st2', from);
		const elsewhere = await enrol(code, 'tab-st2', freshAddress());

		expect(blocked.status).toBe(429);
		expect(blocked.body.reason).toBe('attempts-limited');
		expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(elsewhere.status).toBe(200);
	});

	it('answers invalid bodies with the field', async () => {
		const missing = await enrol('', 'tab-x');
		const badDevice = await api('/api/enrol', { body: { code: 'AAAAA-AAAAA', device: 'a/b' } });
		const notJson = await fetch(`${relay.httpUrl}/api/enrol`, { method: 'POST', body: '{' });

		expect(missing.status).toBe(400);
		expect(missing.body).toMatchObject({ reason: 'request-invalid', field: 'code' });
		expect(badDevice.body).toMatchObject({ reason: 'request-invalid', field: 'device' });
		expect(notJson.status).toBe(400);
	});
});

describe('refresh and revocation', () => {
	it('refreshes the access token of the device it is bound to', async () => {
		const code = await invite('tutor', 'tutor2');
		const enrolled = await enrol(code, 'tab-refresh');
		const refreshToken = enrolled.body.refreshToken as string;

		const refreshed = await api('/api/refresh', {
			body: { device: 'tab-refresh', refreshToken }
		});
		const stolen = await api('/api/refresh', { body: { device: 'tab-thief', refreshToken } });

		expect(refreshed.status).toBe(200);
		const claims = decodeToken(refreshed.body.accessToken as string);
		expect(claims?.device).toBe('tab-refresh');
		expect(claims?.sub).toBe('tutor2');
		expect((claims?.exp ?? 0) - (claims?.iat ?? 0)).toBe(3600);
		expect(stolen.status).toBe(401);
		expect(stolen.body.reason).toBe('token-invalid');
	});

	it('closes a revoked device with 4401 and rejects its refresh', async () => {
		const code = await invite('tutor', 'tutor1');
		const enrolled = await enrol(code, 'tab-revoked');
		const accessToken = enrolled.body.accessToken as string;
		const client = track(openClient(relay, 's1/roster', accessToken));
		await waitForSynced(client);

		const revoked = await api('/api/devices/revoke', {
			token: adminToken(),
			body: { device: 'tab-revoked' }
		});
		const refusal = await waitForRefusal(client);
		const refresh = await api('/api/refresh', {
			body: { device: 'tab-revoked', refreshToken: enrolled.body.refreshToken }
		});
		const reconnect = await openRawSocket(relay, 's1/roster', accessToken).closed;
		const devices = await api('/api/devices', { token: adminToken() });

		expect(revoked.status).toBe(200);
		expect(revoked.body.connectionsClosed).toBe(1);
		expect(refusal.code).toBe(4401);
		expect(refusal.reason).toBe('token-revoked');
		expect(refresh.status).toBe(401);
		expect(refresh.body.reason).toBe('token-revoked');
		expect(reconnect).toEqual({ code: 4401, reason: 'token-revoked' });
		const listed = (devices.body.devices as { device: string; revokedAt: number | null }[]).find(
			(device) => device.device === 'tab-revoked'
		);
		expect(listed?.revokedAt).toBeGreaterThan(0);
	});

	it('enrols a revoked device again with a new code', async () => {
		const first = await enrol(await invite('student', 'st1'), 'tab-again');
		await api('/api/devices/revoke', { token: adminToken(), body: { device: 'tab-again' } });

		const second = await enrol(await invite('student', 'st1'), 'tab-again');
		const client = track(openClient(relay, 's1/trajectory/st1', second.body.accessToken as string));
		const old = await api('/api/refresh', {
			body: { device: 'tab-again', refreshToken: first.body.refreshToken }
		});

		expect(second.status).toBe(200);
		await waitForSynced(client);
		expect(old.body.reason).toBe('token-invalid');
	});

	it('refuses to revoke the administrator’s own device', async () => {
		const own = await api('/api/devices/revoke', {
			token: adminToken('s1', 'admin-tablet'),
			body: { device: 'admin-tablet' }
		});

		expect(own.status).toBe(403);
		expect(own.body.reason).toBe('device-self');
	});
});

describe('token checks on the enrolment API', () => {
	const now = () => Math.floor(Date.now() / 1000);

	it('rejects tampered and expired tokens', async () => {
		const valid = adminToken();
		const signature = valid.split('.')[1];
		const claims = { ...decodeToken(valid), role: 'admin', school: 's2' };
		const forged = `${encodeBase64Url(new TextEncoder().encode(JSON.stringify(claims)))}.${signature}`;
		const expired = relay.token({ sub: 'admin1', school: 's1', role: 'admin', exp: now() - 1 });
		const cases = {
			'token-invalid': forged,
			'token-expired': expired,
			'token-missing': ''
		};

		for (const [reason, token] of Object.entries(cases)) {
			const listed = await api('/api/devices', { token });
			expect(listed.status, reason).toBe(401);
			expect(listed.body.reason, reason).toBe(reason);
		}
	});

	it('keeps each school’s devices to its own administrator', async () => {
		const code = await invite('teacher', 'teacher1');
		await enrol(code, 'tab-s1-only');
		const otherAdmin = adminToken('s2', 'admin-s2');

		const listed = await api('/api/devices', { token: otherAdmin });
		const revoke = await api('/api/devices/revoke', {
			token: otherAdmin,
			body: { device: 'tab-s1-only' }
		});
		const roster = await openRawSocket(relay, 's1/roster', otherAdmin).closed;

		const devices = listed.body.devices as { device: string }[];
		expect(devices.map((device) => device.device)).not.toContain('tab-s1-only');
		expect(revoke.status).toBe(404);
		expect(revoke.body.reason).toBe('device-not-found');
		expect(roster.code).toBe(4403);
	});

	it('lets only administrators invite', async () => {
		const tutor = relay.token({ sub: 'tutor1', school: 's1', role: 'tutor' });

		const created = await api('/api/invitations', {
			token: tutor,
			body: { role: 'admin', person: 'tutor1', validForHours: 1 }
		});

		expect(created.status).toBe(403);
		expect(created.body.reason).toBe('role-forbidden');
	});

	it('allows POST from other origins', async () => {
		const preflight = await fetch(`${relay.httpUrl}/api/enrol`, { method: 'OPTIONS' });

		expect(preflight.status).toBe(204);
		expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
		expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
	});
});
