import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../src/lib/shared/logger';
import { decodeToken, type TokenClaims } from '../../src/lib/shared/token';
import type { Authentication } from '../admission';
import type { RelayConfig } from '../config';
import type { Connection } from '../connection';
import type { DocumentStore } from '../persistence';
import { AttemptLimiter } from './attempt-limiter';
import { createEnrolmentRoutes } from './enrolment-http';
import { EnrolmentService } from './enrolment-service';
import type { EnrolmentStore } from './enrolment-store';

export interface EnrolmentApi {
	/** Serves the enrolment endpoints; resolves false for other paths. */
	routes(request: IncomingMessage, response: ServerResponse, path: string): Promise<boolean>;
	/** Records that a device authenticated, for the device list's "last seen". */
	noteSeen(claims: TokenClaims): void;
}

export interface EnrolmentApiOptions {
	config: RelayConfig;
	store: EnrolmentStore;
	revocations: DocumentStore;
	log: Logger;
	/** The relay's open connections, read when a device is revoked. */
	connections: ReadonlySet<Connection>;
	authenticate(token: string | null): Promise<Authentication>;
}

/** Builds the enrolment service and its endpoints for one relay. */
export function createEnrolmentApi(options: EnrolmentApiOptions): EnrolmentApi {
	const { config, log } = options;
	const service = new EnrolmentService({
		store: options.store,
		revocations: options.revocations,
		secret: config.secret,
		accessTokenSeconds: config.accessTokenSeconds,
		refreshIdleMs: config.refreshIdleDays * 24 * 60 * 60 * 1000
	});
	const routes = createEnrolmentRoutes({
		service,
		limiter: new AttemptLimiter(),
		log,
		authenticate: options.authenticate,
		closeDevice: (school, device) => closeDevice(options.connections, school, device),
		trustProxy: config.trustProxy
	});
	return {
		routes,
		noteSeen: (claims) => {
			service.noteSeen(claims).catch((error: unknown) =>
				log.error('device-seen-write-failed', {
					school: claims.school,
					device: claims.device,
					error
				})
			);
		}
	};
}

/**
 * Closes every connection of the device with 4401 token-revoked. A connection still being
 * admitted has no verified claims yet, so the unverified claims of its token decide. Its
 * admission may have passed the revocation check just before the revocation was stored.
 */
function closeDevice(connections: ReadonlySet<Connection>, school: string, device: string): number {
	let closed = 0;
	for (const connection of [...connections]) {
		const claims =
			connection.claims ??
			(connection.request.token ? decodeToken(connection.request.token) : null);
		if (claims?.school !== school || claims.device !== device || connection.closed) continue;
		connection.refuse('token-revoked', 'device revoked by the administrator');
		closed++;
	}
	return closed;
}
