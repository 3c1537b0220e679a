/**
 * The relay's entry point: `npx tsx sync-server/main.ts`, configured by environment
 * variables (see config.ts). It only wires the parts together.
 */
import { join } from 'node:path';
import type { Logger } from '../src/lib/shared/logger';
import { ConfigError, loadConfig, publicLimits, secretFileName, type RelayConfig } from './config';
import { holdDataDir } from './data-lock';
import { createJsonLogger } from './log';
import { createRelay, type Relay } from './relay';
import { SqliteStore } from './sqlite-store';

/** Queued writes get this long to finish on SIGTERM before the process exits anyway. */
const shutdownTimeoutMs = 10_000;

function readConfig(): RelayConfig | null {
	try {
		return loadConfig(process.env);
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		createJsonLogger('info').error('config-invalid', { problems: error.problems });
		return null;
	}
}

async function main(): Promise<void> {
	const config = readConfig();
	if (!config) {
		process.exitCode = 2;
		return;
	}
	const log = createJsonLogger(config.logLevel);
	if (config.secretSource === 'data-dir-generated') {
		log.warn('secret-generated', {
			path: join(config.dataDir, secretFileName),
			hint: 'tokens are signed with this file; set RELAY_SECRET to choose the secret'
		});
	}

	const store = new SqliteStore(config.dataDir);
	const relay = createRelay(config, store, log, store.enrolment);
	const address = await relay.listen();
	// Named in the data folder while the process lives, so `restore` refuses to replace it.
	process.on('exit', holdDataDir(config.dataDir));
	log.info('relay-start', {
		host: address.address,
		port: address.port,
		pid: process.pid,
		dataDir: config.dataDir,
		staticDir: config.staticDir,
		secretSource: config.secretSource,
		limits: publicLimits(config),
		idleUnloadMs: config.idleUnloadMs,
		compactAfterUpdates: config.compactAfterUpdates
	});
	handleSignals(relay, store, log);
}

function handleSignals(relay: Relay, store: SqliteStore, log: Logger): void {
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		log.info('relay-stop', { signal });
		const forced = setTimeout(() => {
			log.error('relay-stop-timed-out', { timeoutMs: shutdownTimeoutMs });
			process.exit(1);
		}, shutdownTimeoutMs);
		relay
			.close()
			.catch((error: unknown) => log.error('relay-stop-failed', { error }))
			.finally(() => {
				store.close();
				clearTimeout(forced);
				log.info('relay-stopped', { signal });
				// Sockets whose peers never answer the close frame would keep the process
				// alive for ws's 30 s close timeout; every write is stored by now.
				process.exit(0);
			});
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('unhandledRejection', (error) => log.error('unhandled-rejection', { error }));
	process.on('uncaughtException', (error) => {
		// The relay's state may be inconsistent now. A supervisor restarts it, and every
		// stored update is loaded again.
		log.error('uncaught-exception', { error, stack: error.stack });
		process.exit(1);
	});
}

main().catch((error: unknown) => {
	// For example the port is taken, or the data folder is not writable.
	createJsonLogger('info').error('relay-start-failed', { error });
	process.exitCode = 1;
});
