import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

/** The relay's settings, read from the environment once at start. */
export interface RelayConfig {
	host: string;
	port: number;
	dataDir: string;
	secret: string;
	/** Where the secret came from, for the start-up log (never the secret itself). */
	secretSource: 'environment' | 'data-dir-existing' | 'data-dir-generated';
	/** The largest WebSocket message the relay accepts; larger ones close with 4413. */
	maxPayloadBytes: number;
	/** Sustained message rate per connection (token-bucket refill). */
	messagesPerSecond: number;
	/** Messages a connection may send at once above the sustained rate (bucket size). */
	messageBurst: number;
	/** Open connections allowed per device; each open document is one connection. */
	maxConnectionsPerDevice: number;
	/** A document with no connection is unloaded from memory after this many milliseconds. */
	idleUnloadMs: number;
	/** Stored update rows of one document that trigger merging them into one. */
	compactAfterUpdates: number;
	staticDir: string | null;
	/** Lifetime of an access token issued at enrolment or refresh, in seconds. */
	accessTokenSeconds: number;
	/** A refresh token stops working after this many days without the device connecting. */
	refreshIdleDays: number;
	/** Whether the client address for rate limits is the last X-Forwarded-For entry. */
	trustProxy: boolean;
	logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
	production: boolean;
}

export const secretFileName = 'relay-secret';
const minSecretLength = 32;

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid relay configuration:\n  ${problems.join('\n  ')}`);
		this.name = 'ConfigError';
	}
}

function integer(min: number, max: number, fallback: number) {
	return z
		.string()
		.trim()
		.default(String(fallback))
		.refine((text) => /^\d+$/.test(text), `must be a whole number from ${min} to ${max}`)
		.transform(Number)
		.refine((value) => value >= min && value <= max, `must be from ${min} to ${max}`);
}

const envSchema = z.object({
	RELAY_HOST: z
		.string()
		.trim()
		.default('127.0.0.1')
		.refine((host) => /^[A-Za-z0-9.:-]+$/.test(host), 'must be a host name or an IP address'),
	RELAY_PORT: integer(0, 65535, 8787),
	RELAY_DATA_DIR: z.string().trim().min(1, 'must not be empty').default('./data'),
	RELAY_SECRET: z
		.string()
		.min(minSecretLength, `must be at least ${minSecretLength} characters`)
		.optional(),
	RELAY_MAX_PAYLOAD_BYTES: integer(1024, 256 * 1024 * 1024, 2 * 1024 * 1024),
	RELAY_MESSAGES_PER_SECOND: integer(1, 100_000, 50),
	RELAY_MESSAGE_BURST: integer(1, 1_000_000, 200),
	RELAY_MAX_CONNECTIONS_PER_DEVICE: integer(1, 10_000, 16),
	RELAY_IDLE_UNLOAD_MS: integer(0, 24 * 60 * 60 * 1000, 30_000),
	RELAY_COMPACT_AFTER_UPDATES: integer(2, 1_000_000, 500),
	RELAY_STATIC_DIR: z.string().trim().min(1, 'must not be empty').optional(),
	RELAY_ACCESS_TOKEN_MINUTES: integer(1, 24 * 60, 60),
	RELAY_REFRESH_IDLE_DAYS: integer(1, 3650, 180),
	RELAY_TRUST_PROXY: z.enum(['0', '1']).default('0'),
	LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
	NODE_ENV: z.string().optional()
});

/** Empty variables count as unset, so `RELAY_SECRET=` in a unit file falls back to defaults. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(env)) {
		if (value !== undefined && value !== '') out[key] = value;
	}
	return out;
}

/**
 * Reads and validates the configuration. Without RELAY_SECRET outside production, the
 * secret is read from (or generated into) the data folder, so tokens stay valid across
 * restarts; `secretSource` in the result says whether a new one was written.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): RelayConfig {
	const parsed = envSchema.safeParse(withoutEmpty(env));
	if (!parsed.success) {
		throw new ConfigError(
			parsed.error.issues.map((issue) => {
				const name = issue.path.join('.');
				const value = env[name];
				const shown = name === 'RELAY_SECRET' || value === undefined ? '' : ` (got "${value}")`;
				return `${name}: ${issue.message}${shown}`;
			})
		);
	}
	const vars = parsed.data;
	const production = vars.NODE_ENV === 'production';
	if (production && !vars.RELAY_SECRET) {
		throw new ConfigError([
			`RELAY_SECRET: required when NODE_ENV=production; set at least ${minSecretLength} random characters, e.g. from \`openssl rand -base64 48\``
		]);
	}
	const dataDir = isAbsolute(vars.RELAY_DATA_DIR)
		? vars.RELAY_DATA_DIR
		: resolve(cwd, vars.RELAY_DATA_DIR);
	const { secret, source } = vars.RELAY_SECRET
		? { secret: vars.RELAY_SECRET, source: 'environment' as const }
		: readOrCreateSecret(dataDir);

	return {
		host: vars.RELAY_HOST,
		port: vars.RELAY_PORT,
		dataDir,
		secret,
		secretSource: source,
		maxPayloadBytes: vars.RELAY_MAX_PAYLOAD_BYTES,
		messagesPerSecond: vars.RELAY_MESSAGES_PER_SECOND,
		messageBurst: vars.RELAY_MESSAGE_BURST,
		maxConnectionsPerDevice: vars.RELAY_MAX_CONNECTIONS_PER_DEVICE,
		idleUnloadMs: vars.RELAY_IDLE_UNLOAD_MS,
		compactAfterUpdates: vars.RELAY_COMPACT_AFTER_UPDATES,
		staticDir: vars.RELAY_STATIC_DIR ? resolve(cwd, vars.RELAY_STATIC_DIR) : null,
		accessTokenSeconds: vars.RELAY_ACCESS_TOKEN_MINUTES * 60,
		refreshIdleDays: vars.RELAY_REFRESH_IDLE_DAYS,
		trustProxy: vars.RELAY_TRUST_PROXY === '1',
		logLevel: vars.LOG_LEVEL,
		production
	};
}

/** Creates the data folder readable by the relay's user only. */
export function ensureDataDir(dataDir: string): void {
	mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}

function readOrCreateSecret(dataDir: string): {
	secret: string;
	source: 'data-dir-existing' | 'data-dir-generated';
} {
	ensureDataDir(dataDir);
	const path = join(dataDir, secretFileName);
	try {
		const existing = readFileSync(path, 'utf8').trim();
		if (existing.length < minSecretLength) {
			throw new ConfigError([
				`${path}: the stored secret is shorter than ${minSecretLength} characters; delete the file to generate a new one (all issued tokens become invalid)`
			]);
		}
		// A secret readable by other users lets them sign tokens, so tighten it in place.
		if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
		return { secret: existing, source: 'data-dir-existing' };
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	const secret = randomBytes(48).toString('base64url');
	try {
		// `wx` fails if another process (the CLI) created the file meanwhile, instead of
		// overwriting the secret that process already uses.
		writeFileSync(path, secret + '\n', { mode: 0o600, flag: 'wx' });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		return readOrCreateSecret(dataDir);
	}
	return { secret, source: 'data-dir-generated' };
}

/** The limits that clients may read from /health to size their messages. */
export function publicLimits(config: RelayConfig): {
	maxPayloadBytes: number;
	messagesPerSecond: number;
	messageBurst: number;
	maxConnectionsPerDevice: number;
} {
	return {
		maxPayloadBytes: config.maxPayloadBytes,
		messagesPerSecond: config.messagesPerSecond,
		messageBurst: config.messageBurst,
		maxConnectionsPerDevice: config.maxConnectionsPerDevice
	};
}
