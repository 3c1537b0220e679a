/**
 * Calls to the relay's enrolment API (src/lib/shared/enrolment.schema.ts) from the app.
 * Every response is validated with zod. A failure throws AppError with the relay's reason
 * code for a rejection, `relay-unreachable` when no response came, and `server-error` for a
 * 5xx status or a response that does not match its schema.
 */
import type { z } from 'zod';
import {
	createdInvitationSchema,
	credentialsSchema,
	deviceListSchema,
	cancelInvitationResponseSchema,
	invitationListSchema,
	refreshResponseSchema,
	revokeResponseSchema,
	type CreatedInvitation,
	type Credentials,
	type EnrolledDevice,
	type Invitation,
	type InvitationRequest
} from '$lib/shared/enrolment.schema';
import { AppError, isReasonCode } from '$lib/shared/errors';

type Fetch = typeof fetch;

interface CallOptions {
	origin: string;
	token?: string;
	body?: unknown;
	fetch?: Fetch;
}

/** Field names of request bodies as a person reads them in an error message. */
const fieldNames: Record<string, string> = {
	code: 'код приглашения',
	device: 'идентификатор устройства',
	person: 'человек',
	role: 'роль',
	validForHours: 'срок действия'
};

async function call<T>(path: string, schema: z.ZodType<T>, options: CallOptions): Promise<T> {
	const headers: Record<string, string> = {};
	if (options.token) headers.authorization = `Bearer ${options.token}`;
	if (options.body !== undefined) headers['content-type'] = 'application/json';
	const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
	let response: Response;
	try {
		response = await fetchFn(`${options.origin}${path}`, {
			method: options.body === undefined ? 'GET' : 'POST',
			headers,
			body: options.body === undefined ? undefined : JSON.stringify(options.body),
			cache: 'no-store'
		});
	} catch (error) {
		throw new AppError('relay-unreachable', undefined, { cause: error });
	}
	const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
	if (!response.ok) throw refusal(response.status, body);
	const parsed = schema.safeParse(body);
	if (!parsed.success) throw new AppError('server-error', `Ответ сервера на ${path} не прочитан.`);
	return parsed.data;
}

function refusal(status: number, body: Record<string, unknown> | null): AppError {
	const reason = body?.reason;
	if (status >= 500 || !isReasonCode(reason)) return new AppError('server-error', `HTTP ${status}`);
	const field = typeof body?.field === 'string' ? body.field : null;
	return new AppError(reason, field ? `Поле: ${fieldNames[field] ?? field}.` : undefined);
}

/** Redeems an invitation code for this device's credentials. */
export function redeemCode(
	origin: string,
	code: string,
	device: string,
	fetchFn?: Fetch
): Promise<Credentials> {
	return call('/api/enrol', credentialsSchema, { origin, body: { code, device }, fetch: fetchFn });
}

/** Exchanges the device's refresh token for a new access token. */
export async function refreshAccessToken(
	origin: string,
	device: string,
	refreshToken: string,
	fetchFn?: Fetch
): Promise<string> {
	const body = { device, refreshToken };
	const { accessToken } = await call('/api/refresh', refreshResponseSchema, {
		origin,
		body,
		fetch: fetchFn
	});
	return accessToken;
}

/** The administrator's calls: invitations and devices of their school. */
export class EnrolmentAdminClient {
	constructor(
		private readonly origin: string,
		private readonly token: string,
		private readonly fetchFn?: Fetch
	) {}

	async invitations(): Promise<Invitation[]> {
		return (await this.#call('/api/invitations', invitationListSchema)).invitations;
	}

	invite(request: InvitationRequest): Promise<CreatedInvitation> {
		return this.#call('/api/invitations', createdInvitationSchema, request);
	}

	async cancel(id: string): Promise<Invitation> {
		const schema = cancelInvitationResponseSchema;
		return (await this.#call('/api/invitations/cancel', schema, { id })).invitation;
	}

	async devices(): Promise<EnrolledDevice[]> {
		return (await this.#call('/api/devices', deviceListSchema)).devices;
	}

	revoke(device: string): Promise<{ device: EnrolledDevice; connectionsClosed: number }> {
		return this.#call('/api/devices/revoke', revokeResponseSchema, { device });
	}

	#call<T>(path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
		return call(path, schema, {
			origin: this.origin,
			token: this.token,
			body,
			fetch: this.fetchFn
		});
	}
}
