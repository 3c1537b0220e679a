import { describe, expect, it } from 'vitest';
import { AppError } from '$lib/shared/errors';
import { EnrolmentAdminClient, redeemCode } from './enrolment-client';

function answering(status: number, body: unknown): typeof fetch {
	return (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;
}

async function failureOf(call: Promise<unknown>): Promise<AppError> {
	try {
		await call;
	} catch (error) {
		if (error instanceof AppError) return error;
		throw error;
	}
	throw new Error('Expected the call to fail, but it succeeded.');
}

describe('redeemCode', () => {
	it('returns validated credentials', async () => {
		const credentials = {
			accessToken: 'a.b',
			refreshToken: 'r',
			school: { id: 's1', name: 'Школа' }
		};

		const result = await redeemCode(
			'https://sync.example',
			'K7QM2-XPD9W',
			'tab-1',
			answering(200, credentials)
		);

		expect(result).toEqual(credentials);
	});

	it('raises the relay’s reason with the field', async () => {
		const failure = await failureOf(
			redeemCode('', 'x', 'tab-1', answering(400, { reason: 'request-invalid', field: 'code' }))
		);

		expect(failure.reason).toBe('request-invalid');
		expect(failure.detail).toBe('Поле: код приглашения.');
	});

	it('raises relay-unreachable without a response', async () => {
		const offline = (async () => {
			throw new TypeError('Failed to fetch');
		}) as typeof fetch;

		const failure = await failureOf(redeemCode('', 'K7QM2-XPD9W', 'tab-1', offline));

		expect(failure.reason).toBe('relay-unreachable');
	});

	it('raises server-error for a 5xx or a malformed response', async () => {
		const status = await failureOf(
			redeemCode('', 'c', 'd', answering(503, { reason: 'code-used' }))
		);
		const shape = await failureOf(redeemCode('', 'c', 'd', answering(200, { accessToken: 1 })));

		expect(status.reason).toBe('server-error');
		expect(shape.reason).toBe('server-error');
	});
});

describe('EnrolmentAdminClient', () => {
	it('sends the bearer token and the body', async () => {
		const requests: { url: string; init: RequestInit }[] = [];
		const fetcher = (async (url: string, init: RequestInit) => {
			requests.push({ url, init });
			return new Response(JSON.stringify({ reason: 'device-self' }), { status: 403 });
		}) as unknown as typeof fetch;
		const client = new EnrolmentAdminClient('https://sync.example', 'admin-token', fetcher);

		const failure = await failureOf(client.revoke('tab-1'));

		expect(failure.reason).toBe('device-self');
		expect(requests[0].url).toBe('https://sync.example/api/devices/revoke');
		expect(requests[0].init.method).toBe('POST');
		expect((requests[0].init.headers as Record<string, string>).authorization).toBe(
			'Bearer admin-token'
		);
		expect(JSON.parse(String(requests[0].init.body))).toEqual({ device: 'tab-1' });
	});
});
