/**
 * Backup and restore of the relay's database. A backup is one SQLite file written with
 * `VACUUM INTO`, which reads inside one read transaction. In WAL mode the running relay
 * keeps writing meanwhile, and the copy is the database as of that transaction's start.
 *
 * The relay secret is not in the backup. Codes and refresh tokens are stored as HMACs keyed
 * with it, so a relay restored with another secret serves the documents but rejects every
 * token, and devices must be invited again.
 */
import Database from 'better-sqlite3';
import { chmodSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ensureDataDir } from './config';
import { dataDirHolder } from './data-lock';
import { databaseFileName, openDatabase, schemaVersion } from './sqlite-store';

export class BackupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BackupError';
	}
}

export interface BackupSummary {
	file: string;
	bytes: number;
	documents: number;
	schemaVersion: number;
}

export interface RestoreSummary extends BackupSummary {
	/** New path of the database that the restore replaced, or null if there was none. */
	replacedTo: string | null;
}

/** Copies the database of `dataDir` into the new file `target`, also while a relay runs. */
export function backupDatabase(dataDir: string, target: string): BackupSummary {
	const source = join(dataDir, databaseFileName);
	if (!existsSync(source)) throw new BackupError(`No relay database at ${source}.`);
	if (existsSync(target)) {
		throw new BackupError(`${target} already exists; choose a new file name or delete it.`);
	}
	const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
	const db = new Database(source, { fileMustExist: true });
	try {
		// The relay may hold the write lock for a moment; wait for it as the CLI does.
		db.pragma('busy_timeout = 5000');
		db.prepare('VACUUM INTO ?').run(partial);
	} catch (error) {
		rmSync(partial, { force: true });
		throw error;
	} finally {
		db.close();
	}
	try {
		// The copy contains students' personal data.
		chmodSync(partial, 0o600);
		const summary = inspectBackup(partial);
		renameSync(partial, target);
		return { ...summary, file: target };
	} catch (error) {
		rmSync(partial, { force: true });
		throw error;
	}
}

/**
 * Checks that `file` is an intact relay database this relay can read, and counts its
 * documents. Throws BackupError naming what is wrong.
 */
export function inspectBackup(file: string): BackupSummary {
	if (!existsSync(file)) throw new BackupError(`Backup file not found: ${file}.`);
	try {
		return readSummary(file);
	} catch (error) {
		if (error instanceof BackupError) throw error;
		throw new BackupError(
			`${file} is not a readable SQLite database: ${(error as Error).message}.`
		);
	}
}

function readSummary(file: string): BackupSummary {
	const db = new Database(file, { readonly: true, fileMustExist: true });
	try {
		const integrity = db.pragma('integrity_check', { simple: true });
		if (integrity !== 'ok') throw new BackupError(`${file} is damaged: ${String(integrity)}.`);
		const version = db.pragma('user_version', { simple: true }) as number;
		if (version > schemaVersion) {
			throw new BackupError(
				`${file} has schema version ${version}, newer than this relay supports (${schemaVersion}); restore it with a newer relay.`
			);
		}
		const table = db
			.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'documents'")
			.get();
		if (!table) throw new BackupError(`${file} is an SQLite file but not a relay database.`);
		const { n } = db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number };
		return { file, bytes: statSync(file).size, documents: n, schemaVersion: version };
	} finally {
		db.close();
	}
}

/**
 * Puts the backup `file` in place as the database of `dataDir`. Refuses while a relay runs
 * on that folder. A database already there is moved aside, with its WAL, and not deleted.
 */
export function restoreDatabase(dataDir: string, file: string): RestoreSummary {
	const holder = dataDirHolder(dataDir);
	if (holder) {
		throw new BackupError(
			`A relay (process ${holder.pid}, started ${holder.startedAt}) is running on ${dataDir}; stop it before restoring.`
		);
	}
	const summary = inspectBackup(file);
	ensureDataDir(dataDir);
	const target = join(dataDir, databaseFileName);
	const partial = join(dataDir, `.${databaseFileName}.restoring-${process.pid}`);
	rmSync(partial, { force: true });
	const source = new Database(file, { readonly: true, fileMustExist: true });
	try {
		source.prepare('VACUUM INTO ?').run(partial);
	} finally {
		source.close();
	}
	chmodSync(partial, 0o600);
	const replacedTo = moveAside(target);
	renameSync(partial, target);
	// Brings an older backup up to the current schema now rather than at the relay's start.
	openDatabase(dataDir).close();
	return { ...summary, file, replacedTo };
}

/** Renames the database and its WAL and shared-memory files, keeping them paired. */
function moveAside(database: string): string | null {
	if (!existsSync(database)) return null;
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const aside = `${database}.before-restore-${stamp}`;
	renameSync(database, aside);
	for (const suffix of ['-wal', '-shm']) {
		if (existsSync(database + suffix)) renameSync(database + suffix, aside + suffix);
	}
	return aside;
}
