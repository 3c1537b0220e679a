import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import {
	cancelInvitationRequestSchema,
	enrolRequestSchema,
	invitationRequestSchema,
	refreshRequestSchema,
	revokeRequestSchema
} from '../../src/lib/shared/enrolment.schema';
import { reasonMessages, type ReasonCode } from '../../src/lib/shared/errors';
import type { Logger } from '../../src/lib/shared/logger';
import { decodeToken, type TokenClaims } from '../../src/lib/shared/token';
import type { Authentication } from '../admission';
import { sendJson } from '../http';
import { RepeatGate } from '../log';
import type { AttemptLimiter } from './attempt-limiter';
import type { EnrolmentService } from './enrolment-service';

export interface EnrolmentHttpDeps {
	service: EnrolmentService;
	limiter: AttemptLimiter;
	log: Logger;
	authenticate(token: string | null): Promise<Authentication>;
	/** Closes the device's open connections with 4401 token-revoked; returns how many. */
	closeDevice(school: string, device: string): number;
	/** Take the client address from the last X-Forwarded-For entry (behind a proxy). */
	trustProxy: boolean;
}

/** Request bodies are small JSON objects; anything larger is refused unread. */
const maxBodyBytes = 16 * 1024;

const statusOf: Partial<Record<ReasonCode, number>> = {
	'request-invalid': 400,
	'code-invalid': 404,
	'school-not-found': 404,
	'device-not-found': 404,
	'invitation-not-found': 404,
	'code-expired': 410,
	'code-used': 410,
	'code-cancelled': 410,
	'role-forbidden': 403,
	'device-self': 403,
	'attempts-limited': 429
};

class RequestInvalid extends Error {
	constructor(
		readonly field: string,
		readonly status = 400
	) {
		super(`invalid ${field}`);
	}
}

function sendRejection(
	response: ServerResponse,
	reason: ReasonCode,
	extra: { field?: string; retryAfterMs?: number } = {}
): void {
	if (extra.retryAfterMs !== undefined) {
		response.setHeader('Retry-After', String(Math.ceil(extra.retryAfterMs / 1000)));
	}
	const body = {
		reason,
		message: reasonMessages[reason],
		...(extra.field && { field: extra.field })
	};
	sendJson(response, statusOf[reason] ?? 401, body);
}

async function readBody(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	let length = 0;
	for await (const chunk of request as AsyncIterable<Buffer>) {
		length += chunk.length;
		if (length > maxBodyBytes) throw new RequestInvalid('body', 413);
		chunks.push(chunk);
	}
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch {
		throw new RequestInvalid('body');
	}
}

async function parseBody<T>(request: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
	const parsed = schema.safeParse(await readBody(request));
	if (!parsed.success) throw new RequestInvalid(parsed.error.issues[0]?.path.join('.') || 'body');
	return parsed.data;
}

function bearerToken(request: IncomingMessage): string | null {
	return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? null;
}

function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
	const forwarded = request.headers['x-forwarded-for'];
	if (trustProxy && typeof forwarded === 'string') {
		// The proxy appends the address it saw; entries before it come from the client.
		const last = forwarded.split(',').at(-1)?.trim();
		if (last) return last;
	}
	return request.socket.remoteAddress ?? 'unknown';
}

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** The dependencies plus the handlers' own state. */
interface Context extends EnrolmentHttpDeps {
	/** Thins out the line logged for each refused attempt while a bucket is full. */
	limitedLog: RepeatGate;
}

/**
 * Creates the handler of the enrolment API (see src/lib/shared/enrolment.schema.ts). The
 * handler resolves false for paths it does not serve.
 */
export function createEnrolmentRoutes(
	deps: EnrolmentHttpDeps
): (request: IncomingMessage, response: ServerResponse, path: string) => Promise<boolean> {
	const context: Context = { ...deps, limitedLog: new RepeatGate(60_000) };
	const routes: Record<string, { method: string; handle: Handler }> = {
		'/api/enrol': { method: 'POST', handle: (rq, rs) => enrol(rq, rs, context) },
		'/api/refresh': { method: 'POST', handle: (rq, rs) => refresh(rq, rs, deps) },
		'/api/invitations': {
			method: 'GET|POST',
			handle: (rq, rs) =>
				rq.method === 'GET' ? listInvitations(rq, rs, deps) : createInvitation(rq, rs, deps)
		},
		'/api/invitations/cancel': { method: 'POST', handle: (rq, rs) => cancel(rq, rs, deps) },
		'/api/devices': { method: 'GET', handle: (rq, rs) => listDevices(rq, rs, deps) },
		'/api/devices/revoke': { method: 'POST', handle: (rq, rs) => revoke(rq, rs, deps) }
	};
	return async (request, response, path) => {
		const route = routes[path];
		if (!route) return false;
		if (!route.method.split('|').includes(request.method ?? '')) {
			response.setHeader('Allow', route.method.replace('|', ', '));
			sendJson(response, 405, {
				reason: 'request-invalid',
				message: `Use ${route.method.replace('|', ' or ')} for ${path}.`
			});
			return true;
		}
		try {
			await route.handle(request, response);
		} catch (error) {
			if (!(error instanceof RequestInvalid)) throw error;
			deps.log.info('api-request-invalid', { path, field: error.field });
			sendJson(response, error.status, {
				reason: 'request-invalid',
				message: reasonMessages['request-invalid'],
				field: error.field
			});
		}
		return true;
	};
}

async function enrol(
	request: IncomingMessage,
	response: ServerResponse,
	deps: Context
): Promise<void> {
	const remote = clientAddress(request, deps.trustProxy);
	const limit = deps.limiter.check(remote);
	if (limit.waitMs > 0) {
		const suppressed = deps.limitedLog.admit(limit.relayWide ? 'relay-wide' : remote);
		if (suppressed !== null) {
			deps.log.warn('enrol-attempts-limited', { remote, relayWide: limit.relayWide, suppressed });
		}
		sendRejection(response, 'attempts-limited', { retryAfterMs: limit.waitMs });
		return;
	}
	let body;
	try {
		body = await parseBody(request, enrolRequestSchema);
	} catch (error) {
		deps.limiter.recordFailure(remote);
		throw error;
	}
	const outcome = await deps.service.redeem(body.code, body.device);
	if (!outcome.ok) {
		deps.limiter.recordFailure(remote);
		// The code itself is never logged: until it is redeemed it is a credential.
		deps.log.warn('enrol-rejected', { remote, device: body.device, reason: outcome.reason });
		sendRejection(response, outcome.reason);
		return;
	}
	const claims = decodeToken(outcome.value.accessToken) as TokenClaims;
	deps.log.info('device-enrolled', {
		remote,
		school: claims.school,
		device: claims.device,
		person: claims.sub,
		role: claims.role
	});
	sendJson(response, 200, outcome.value);
}

async function refresh(
	request: IncomingMessage,
	response: ServerResponse,
	deps: EnrolmentHttpDeps
): Promise<void> {
	const body = await parseBody(request, refreshRequestSchema);
	const outcome = await deps.service.refresh(body.device, body.refreshToken);
	if (!outcome.ok) {
		deps.log.warn('refresh-rejected', { device: body.device, reason: outcome.reason });
		sendRejection(response, outcome.reason);
		return;
	}
	sendJson(response, 200, outcome.value);
}

/** Resolves with the administrator's claims, or sends the rejection and resolves null. */
async function requireAdmin(
	request: IncomingMessage,
	response: ServerResponse,
	deps: EnrolmentHttpDeps
): Promise<TokenClaims | null> {
	const auth = await deps.authenticate(bearerToken(request));
	if (!auth.ok) {
		sendRejection(response, auth.reason);
		return null;
	}
	if (auth.claims.role !== 'admin') {
		sendRejection(response, 'role-forbidden');
		return null;
	}
	return auth.claims;
}

async function listInvitations(
	request: IncomingMessage,
	response: ServerResponse,
	deps: EnrolmentHttpDeps
): Promise<void> {
	const admin = await requireAdmin(request, response, deps);
	if (!admin) return;
	sendJson(response, 200, { invitations: await deps.service.listInvitations(admin.school) });
}

async function createInvitation(
	request: IncomingMessage,
	response: ServerResponse,
	deps: EnrolmentHttpDeps
): Promise<void> {
	const admin = await requireAdmin(request, response, deps);
	if (!admin) return;
	const body = await parseBody(request, invitationRequestSchema);
	const outcome = await deps.service.createInvitation(admin.school, admin.sub, body);
	if (!outcome.ok) {
		sendRejection(response, outcome.reason);
		return;
	}
	const { invitation } = outcome.value;
	deps.log.info('invitation-created', {
		school: admin.school,
		invitation: invitation.id,
		role: invitation.role,
		person: invitation.person,
		by: admin.sub,
		expiresAt: new Date(invitation.expiresAt).toISOString()
	});
	sendJson(response, 201, outcome.value);
}

async function cancel(
	request: IncomingMessage,
	response: ServerResponse,
	deps: EnrolmentHttpDeps
): Promise<void> {
	const admin = await requireAdmin(request, response, deps);
	if (!admin) return;
	const body = await parseBody(request, cancelInvitationRequestSchema);
	const outcome = await deps.service.cancelInvitation(admin.school, body.id);
	if (!outcome.ok) {
		sendRejection(response, outcome.reason);
		return;
	}
	deps.log.info('invitation-cancelled', {
		school: admin.school,
		invitation: body.id,
		by: admin.sub
	});
	sendJson(response, 200, { invitation: outcome.value });
}

async function listDevices(
	request: IncomingMessage,
	response: ServerResponse,
	deps: EnrolmentHttpDeps
): Promise<void> {
	const admin = await requireAdmin(request, response, deps);
	if (!admin) return;
	sendJson(response, 200, { devices: await deps.service.listDevices(admin.school) });
}

async function revoke(
	request: IncomingMessage,
	response: ServerResponse,
	deps: EnrolmentHttpDeps
): Promise<void> {
	const admin = await requireAdmin(request, response, deps);
	if (!admin) return;
	const body = await parseBody(request, revokeRequestSchema);
	const outcome = await deps.service.revoke(admin.school, body.device, admin.device);
	if (!outcome.ok) {
		sendRejection(response, outcome.reason);
		return;
	}
	const connectionsClosed = deps.closeDevice(admin.school, body.device);
	deps.log.info('device-revoked', {
		school: admin.school,
		device: body.device,
		by: admin.sub,
		connectionsClosed
	});
	sendJson(response, 200, { device: outcome.value, connectionsClosed });
}
