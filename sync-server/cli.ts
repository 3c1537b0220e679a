/**
 * Administration commands for the relay, run with `npx tsx sync-server/cli.ts <command>`.
 * They read the same environment as the relay (RELAY_DATA_DIR, RELAY_SECRET), so a token
 * printed here is accepted by the relay started with that environment.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { roles, type Role } from '../src/lib/shared/access';
import { tokenClaimsSchema } from '../src/lib/shared/token';
import { signToken } from './auth/token';
import { ConfigError, loadConfig } from './config';
import { openStore } from './open-store';
import { SqliteStore } from './sqlite-store';

export { openStore, type SeedStore } from './open-store';

const usage = `Usage: npx tsx sync-server/cli.ts <command> [options]

Commands:
  token --school S --person P --role R [--device D] [--days N]
      Print a signed device token. --role is one of: ${roles.join(', ')}.
      --device defaults to a new random id; --days is the validity in days (default 90).
  put-doc --id DOCID --file update.bin
      Append a Yjs update (v1, binary file) to a document and print its new version.
      A document the running relay has loaded sees it only after it is unloaded.
  revoke --school S --device D
      Reject every token of the device issued until now; a new token enrols it again.

Environment: RELAY_DATA_DIR (default ./data), RELAY_SECRET (else the secret file in the
data folder, created on first use).`;

class UsageError extends Error {}

const defaultDays = 90;

function required(values: Record<string, string | undefined>, name: string): string {
	const value = values[name];
	if (!value) throw new UsageError(`Missing --${name}.`);
	return value;
}

function tokenCommand(args: string[]): string {
	const { values } = parseArgs({
		args,
		options: {
			school: { type: 'string' },
			person: { type: 'string' },
			role: { type: 'string' },
			device: { type: 'string' },
			days: { type: 'string' }
		}
	});
	const role = required(values, 'role');
	if (!(roles as readonly string[]).includes(role)) {
		throw new UsageError(`Invalid --role "${role}"; use one of: ${roles.join(', ')}.`);
	}
	const days = Number(values.days ?? defaultDays);
	if (!Number.isFinite(days) || days <= 0) {
		throw new UsageError(`Invalid --days "${values.days}"; use a positive number of days.`);
	}
	const now = Math.floor(Date.now() / 1000);
	const claims = tokenClaimsSchema.safeParse({
		sub: required(values, 'person'),
		school: required(values, 'school'),
		role: role as Role,
		device: values.device ?? `device-${randomBytes(6).toString('hex')}`,
		iat: now,
		exp: now + Math.round(days * 24 * 60 * 60)
	});
	if (!claims.success) {
		const fields = claims.error.issues.map((issue) => issue.path.join('.')).join(', ');
		throw new UsageError(`Invalid ${fields}: ids are 1-64 characters of A-Z, a-z, 0-9, - and _.`);
	}
	return signToken(claims.data, loadConfig(process.env).secret);
}

function putDocCommand(args: string[]): string {
	const { values } = parseArgs({
		args,
		options: { id: { type: 'string' }, file: { type: 'string' } }
	});
	const docId = required(values, 'id');
	const update = new Uint8Array(readFileSync(required(values, 'file')));
	const store = openStore(loadConfig(process.env).dataDir);
	try {
		return `${docId} version ${store.appendUpdate(docId, update)}`;
	} finally {
		store.close();
	}
}

function revokeCommand(args: string[]): string {
	const { values } = parseArgs({
		args,
		options: { school: { type: 'string' }, device: { type: 'string' } }
	});
	const school = required(values, 'school');
	const device = required(values, 'device');
	const store = new SqliteStore(loadConfig(process.env).dataDir);
	try {
		store.revokeDevice(school, device, Math.floor(Date.now() / 1000));
		return `Revoked device ${device} of ${school}.`;
	} finally {
		store.close();
	}
}

/** Runs one command; returns the process exit code. */
export function runCli(argv: string[], out = console.log, err = console.error): number {
	const [command, ...args] = argv;
	const commands: Record<string, (args: string[]) => string> = {
		token: tokenCommand,
		'put-doc': putDocCommand,
		revoke: revokeCommand
	};
	if (!command || command === 'help' || command === '--help') {
		out(usage);
		return command ? 0 : 2;
	}
	const run = commands[command];
	if (!run) {
		err(`Unknown command "${command}".\n\n${usage}`);
		return 2;
	}
	try {
		out(run(args));
		return 0;
	} catch (error) {
		if (
			error instanceof UsageError ||
			(error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
		) {
			err(`${(error as Error).message}\n\n${usage}`);
			return 2;
		}
		if (error instanceof ConfigError) {
			err(error.message);
			return 2;
		}
		err(error instanceof Error ? error.message : String(error));
		return 1;
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	process.exitCode = runCli(process.argv.slice(2));
}
