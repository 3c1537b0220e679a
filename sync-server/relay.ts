import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { accessFor } from '../src/lib/shared/access';
import { parseDocId } from '../src/lib/shared/doc-ids';
import type { Logger } from '../src/lib/shared/logger';
import { admit, type AdmissionDeps } from './admission';
import { publicLimits, type RelayConfig } from './config';
import { Connection, type ConnectionRequest } from './connection';
import { createRequestHandler } from './http';
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

export function createRelay(config: RelayConfig, store: DocumentStore, log: Logger): Relay {
	const counters = createCounters();
	const rooms = new RoomRegistry({
		store,
		log,
		counters,
		idleUnloadMs: config.idleUnloadMs,
		compactAfterUpdates: config.compactAfterUpdates
	});
	const rosterAccess = new RosterAccess(rooms, log);
	const admission: AdmissionDeps = { secret: config.secret, store, rosterAccess };
	const connections = new Set<Connection>();
	const devices = new ConnectionCounter(config.maxConnectionsPerDevice);

	const server = createServer(
		createRequestHandler({
			...admission,
			log,
			counters,
			startedAt: Date.now(),
			limits: publicLimits(config),
			connectionCount: () => connections.size,
			documentsLoaded: () => rooms.size,
			serveStatic: config.staticDir ? createStaticHandler(config.staticDir) : null
		})
	);
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: config.maxPayloadBytes * hardPayloadFactor
	});

	const connectionDeps = {
		log,
		counters,
		rooms,
		devices,
		admit: (request: ConnectionRequest) => admit(request, admission),
		maxPayloadBytes: config.maxPayloadBytes,
		messagesPerSecond: config.messagesPerSecond,
		messageBurst: config.messageBurst,
		maxBufferedBytes: Math.max(16 * 1024 * 1024, config.maxPayloadBytes * hardPayloadFactor),
		onClosed: (connection: Connection) => connections.delete(connection)
	};

	// Every upgrade is accepted, whatever its path or token, and refused afterwards with a
	// close code: a refused upgrade reaches a browser as 1006, which clients retry forever.
	server.on('upgrade', (request, socket, head) => {
		counters.upgrades++;
		socket.on('error', (error) => log.debug('upgrade-socket-error', { error }));
		wss.handleUpgrade(request, socket, head, (ws) => {
			const connection = new Connection(ws, connectionRequest(request), connectionDeps);
			connections.add(connection);
			connection.start();
		});
	});

	rooms.onChange((room) => {
		const ref = parseDocId(room.docId);
		if (ref?.kind !== 'roster') return;
		reviewAccess(ref.school).catch((error: unknown) =>
			log.error('access-review-failed', { school: ref.school, error })
		);
	});

	/** Applies a changed roster to the open connections of its school. */
	async function reviewAccess(school: string): Promise<void> {
		const index = await rosterAccess.indexFor(school);
		for (const connection of connections) {
			const claims = connection.claims;
			const ref = connection.docId ? parseDocId(connection.docId) : null;
			if (!claims || !ref || claims.school !== school || !needsRoster(claims.role)) continue;
			connection.updateAccess(accessFor(claims, ref, index));
		}
	}

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
			for (const connection of connections) connection.disconnect(closeGoingAway, 'relay-shutdown');
			wss.close();
			await rooms.unloadAll();
			server.closeAllConnections();
			await stopped;
		}
	};
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
