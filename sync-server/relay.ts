import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { accessFor } from '../src/lib/shared/access';
import { parseDocId } from '../src/lib/shared/doc-ids';
import type { Logger } from '../src/lib/shared/logger';
import { admit, authenticate, type AdmissionDeps } from './admission';
import { publicLimits, type RelayConfig } from './config';
import { Connection, type ConnectionDeps, type ConnectionRequest } from './connection';
import { createEnrolmentApi, type EnrolmentApi } from './enrolment/enrolment-api';
import type { EnrolmentStore } from './enrolment/enrolment-store';
import { createRequestHandler, type HttpDeps } from './http';
import { RepeatGate } from './log';
import { ConnectionCounter } from './limits';
import type { DocumentStore } from './persistence';
import { closeGoingAway } from './protocol';
import { RosterAccess, needsRoster } from './roster-access';
import { RoomRegistry } from './rooms';
import { createStaticHandler } from './static';
import { createCounters, type RelayCounters } from './stats';

export interface Relay {
	readonly server: Server;
	readonly counters: RelayCounters;
	listen(): Promise<AddressInfo>;
	/** Closes every connection (1001), finishes queued writes and unloads all documents. */
	close(): Promise<void>;
}

/**
 * ws enforces this hard cap itself and closes with 1009. It is four times the relay's own
 * limit, so that messages somewhat over the limit reach the relay and are refused with 4413
 * and a reason, while no single frame can take unbounded memory.
 */
const hardPayloadFactor = 4;

/** A refusal repeated from one address is logged at most once per this interval. */
const repeatIntervalMs = 10_000;

/** The relay's shared parts, built once and handed to each wiring step. */
interface RelayParts {
	config: RelayConfig;
	log: Logger;
	counters: RelayCounters;
	rooms: RoomRegistry;
	rosterAccess: RosterAccess;
	admission: AdmissionDeps;
	connections: Set<Connection>;
	enrolment: EnrolmentApi | null;
}

/** Without `enrolment` the relay serves no enrolment endpoints and takes CLI tokens only. */
export function createRelay(
	config: RelayConfig,
	store: DocumentStore,
	log: Logger,
	enrolment?: EnrolmentStore
): Relay {
	const counters = createCounters();
	const rooms = new RoomRegistry({
		store,
		log,
		counters,
		idleUnloadMs: config.idleUnloadMs,
		compactAfterUpdates: config.compactAfterUpdates
	});
	const rosterAccess = new RosterAccess(rooms, log);
	const connections = new Set<Connection>();
	const enrolmentApi = enrolment
		? createEnrolmentApi({
				config,
				store: enrolment,
				revocations: store,
				log,
				connections,
				authenticate: (token) => authenticate(token, parts.admission)
			})
		: null;
	const parts: RelayParts = {
		config,
		log,
		counters,
		rooms,
		rosterAccess,
		admission: {
			secret: config.secret,
			store,
			rosterAccess,
			onAuthenticated: enrolmentApi?.noteSeen
		},
		connections,
		enrolment: enrolmentApi
	};
	const server = createServer(createRequestHandler(httpDeps(parts)));
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: config.maxPayloadBytes * hardPayloadFactor
	});
	acceptUpgrades(server, wss, parts);
	rooms.onChange((room) => {
		const ref = parseDocId(room.docId);
		if (ref?.kind !== 'roster') return;
		reviewAccess(parts, ref.school).catch((error: unknown) =>
			log.error('access-review-failed', { school: ref.school, error })
		);
	});

	return {
		server,
		counters,
		listen: () =>
			new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(config.port, config.host, () => {
					server.off('error', reject);
					resolve(server.address() as AddressInfo);
				});
			}),
		close: async () => {
			const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
			for (const connection of parts.connections) {
				connection.disconnect(closeGoingAway, 'relay-shutdown');
			}
			wss.close();
			await rooms.unloadAll();
			server.closeAllConnections();
			await stopped;
		}
	};
}

function httpDeps(parts: RelayParts): HttpDeps {
	const { config, rooms, connections } = parts;
	return {
		...parts.admission,
		log: parts.log,
		counters: parts.counters,
		startedAt: Date.now(),
		limits: publicLimits(config),
		connectionCount: () => connections.size,
		documentsLoaded: () => rooms.size,
		serveStatic: config.staticDir ? createStaticHandler(config.staticDir) : null,
		apiRoutes: parts.enrolment?.routes ?? null
	};
}

/**
 * Accepts every upgrade, whatever its path or token, and leaves refusals to a close code
 * afterwards: a refused upgrade reaches a browser as 1006, which clients retry forever.
 */
function acceptUpgrades(server: Server, wss: WebSocketServer, parts: RelayParts): void {
	const { config, log, counters, connections } = parts;
	const deps: ConnectionDeps = {
		log,
		counters,
		rooms: parts.rooms,
		devices: new ConnectionCounter(config.maxConnectionsPerDevice),
		admit: (request) => admit(request, parts.admission),
		maxPayloadBytes: config.maxPayloadBytes,
		messagesPerSecond: config.messagesPerSecond,
		messageBurst: config.messageBurst,
		maxBufferedBytes: Math.max(16 * 1024 * 1024, config.maxPayloadBytes * hardPayloadFactor),
		repeats: new RepeatGate(repeatIntervalMs),
		onClosed: (connection) => connections.delete(connection)
	};
	server.on('upgrade', (request, socket, head) => {
		counters.upgrades++;
		socket.on('error', (error) => log.debug('upgrade-socket-error', { error }));
		wss.handleUpgrade(request, socket, head, (ws) => {
			const connection = new Connection(ws, connectionRequest(request), deps);
			connections.add(connection);
			connection.start();
		});
	});
}

/** Applies a changed roster to the open connections of its school. */
async function reviewAccess(parts: RelayParts, school: string): Promise<void> {
	const index = await parts.rosterAccess.indexFor(school);
	for (const connection of parts.connections) {
		const claims = connection.claims;
		const ref = connection.docId ? parseDocId(connection.docId) : null;
		if (!claims || !ref || claims.school !== school || !needsRoster(claims.role)) continue;
		connection.updateAccess(accessFor(claims, ref, index));
	}
}

function connectionRequest(request: IncomingMessage): ConnectionRequest {
	const url = new URL(request.url ?? '/', 'http://relay');
	const prefix = '/sync/';
	return {
		docId: url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : null,
		token: url.searchParams.get('token'),
		remote: request.socket.remoteAddress ?? 'unknown'
	};
}
