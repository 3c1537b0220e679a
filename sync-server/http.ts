import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseDocId } from '../src/lib/shared/doc-ids';
import { reasonMessages, type ReasonCode } from '../src/lib/shared/errors';
import type { Logger } from '../src/lib/shared/logger';
import { accessFor } from '../src/lib/shared/access';
import { authenticate, rosterFor, type AdmissionDeps } from './admission';
import type { RelayCounters } from './stats';

export interface HttpDeps extends AdmissionDeps {
	log: Logger;
	counters: RelayCounters;
	startedAt: number;
	limits: { maxPayloadBytes: number; messagesPerSecond: number } & Record<string, number>;
	connectionCount(): number;
	documentsLoaded(): number;
	/** Serves the built app; resolves false when it has no file for the request. */
	serveStatic: ((request: IncomingMessage, response: ServerResponse) => Promise<boolean>) | null;
	/** Serves further endpoints under /api/; resolves false when it has none for the path. */
	apiRoutes?:
		((request: IncomingMessage, response: ServerResponse, path: string) => Promise<boolean>) | null;
}

/**
 * The API is read with a bearer token, never a cookie, so any origin may call it: the app
 * may be served from another host than the relay.
 */
const corsHeaders = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
	'Access-Control-Allow-Headers': 'Authorization, Content-Type',
	'Access-Control-Max-Age': '600'
};

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		...corsHeaders,
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		'Cache-Control': 'no-store'
	});
	response.end(text);
}

function sendError(response: ServerResponse, status: number, reason: ReasonCode): void {
	sendJson(response, status, { reason, message: reasonMessages[reason] });
}

export function createRequestHandler(
	deps: HttpDeps
): (request: IncomingMessage, response: ServerResponse) => void {
	return (request, response) => {
		route(request, response, deps).catch((error: unknown) => {
			deps.log.error('http-request-failed', { path: pathOf(request), error });
			if (!response.headersSent) sendError(response, 500, 'server-error');
			else response.destroy();
		});
	};
}

function pathOf(request: IncomingMessage): string {
	return new URL(request.url ?? '/', 'http://relay').pathname;
}

async function route(
	request: IncomingMessage,
	response: ServerResponse,
	deps: HttpDeps
): Promise<void> {
	const path = pathOf(request);
	const isApi = path === '/health' || path.startsWith('/api/');
	if (isApi && request.method === 'OPTIONS') {
		response.writeHead(204, corsHeaders).end();
		return;
	}
	if (path === '/health' && (request.method === 'GET' || request.method === 'HEAD')) {
		sendJson(response, 200, health(deps));
		return;
	}
	if (path === '/api/versions' && request.method === 'GET') {
		await versions(request, response, deps);
		return;
	}
	if (
		path.startsWith('/api/') &&
		deps.apiRoutes &&
		(await deps.apiRoutes(request, response, path))
	) {
		return;
	}
	if (path.startsWith('/sync/')) {
		response.writeHead(426, { Upgrade: 'websocket', 'Content-Type': 'text/plain' });
		response.end('Open /sync/<docId> as a WebSocket.\n');
		return;
	}
	if (!isApi && deps.serveStatic && (await deps.serveStatic(request, response))) return;
	sendJson(response, 404, { reason: 'not-found', message: `Nothing is served at ${path}.` });
}

function health(deps: HttpDeps) {
	return {
		status: 'ok',
		uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
		connections: deps.connectionCount(),
		documentsLoaded: deps.documentsLoaded(),
		limits: deps.limits,
		counters: deps.counters,
		memory: {
			rssBytes: process.memoryUsage.rss(),
			heapUsedBytes: process.memoryUsage().heapUsed,
			// Every loaded document's awareness runs an interval, so a count that grows with
			// unloaded documents means their awareness was not destroyed.
			activeTimers: process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length
		}
	};
}

/**
 * Lists the stored documents of the token's school that the token may read, with their
 * versions, so a device syncs in the background only the documents that changed.
 */
async function versions(
	request: IncomingMessage,
	response: ServerResponse,
	deps: HttpDeps
): Promise<void> {
	const header = request.headers.authorization ?? '';
	const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null;
	const auth = await authenticate(token, deps);
	if (!auth.ok) {
		sendError(response, 401, auth.reason);
		return;
	}
	const roster = await rosterFor(auth.claims, deps);
	const stored = await deps.store.listVersions(`${auth.claims.school}/`);
	const readable: Record<string, number> = {};
	for (const [docId, version] of stored) {
		const ref = parseDocId(docId);
		if (ref && accessFor(auth.claims, ref, roster) !== 'none') readable[docId] = version;
	}
	sendJson(response, 200, { versions: readable });
}
