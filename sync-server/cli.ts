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
import { BackupError } from './backup';
import { backupCommand, restoreCommand } from './backup-cli';
import { required, UsageError } from './cli-args';
import { ConfigError, loadConfig } from './config';
import { createSchoolCommand, inviteCommand } from './enrolment/enrolment-cli';
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
      Reject every token and the refresh token of the device issued until now; a new
      invitation enrols it again. A running relay closes the device's open connections only
      when it is revoked from the app's device page; otherwise they end at their next connect.
  create-school --school S --name NAME [--person P] [--hours N]
      Register a school and print a one-time administrator invitation code for person P
      (default admin), valid for N hours (default 72).
  invite --school S --role R --person P [--hours N]
      Print a one-time invitation code for person P with role R, valid for N hours
      (default 72); administrators invite from the app's device page instead.
  backup --to FILE
      Write a consistent copy of the database to the new file FILE, also while the relay runs.
  restore --from FILE
      Put a backup in place as the database of RELAY_DATA_DIR; refused while a relay runs on
      it. A database already there is moved aside, not deleted.

Environment: RELAY_DATA_DIR (default ./data), RELAY_SECRET (else the secret file in the
data folder, created on first use).`;

const defaultDays = 90;

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
		store.enrolment.markDeviceRevoked(school, device, Date.now());
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
		revoke: revokeCommand,
		'create-school': createSchoolCommand,
		invite: inviteCommand,
		backup: backupCommand,
		restore: restoreCommand
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
		if (error instanceof ConfigError || error instanceof BackupError) {
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
