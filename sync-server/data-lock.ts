import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A running relay names itself in `relay.lock` in its data folder, so that commands which
 * replace the database (restore) can refuse while it runs. A relay killed with SIGKILL
 * leaves the file behind; it counts only while its process is alive.
 */
export const lockFileName = 'relay.lock';

export interface LockHolder {
	pid: number;
	startedAt: string;
}

/** Writes the lock file for this process; returns a function that removes it. */
export function holdDataDir(dataDir: string): () => void {
	const path = join(dataDir, lockFileName);
	const holder: LockHolder = { pid: process.pid, startedAt: new Date().toISOString() };
	writeFileSync(path, JSON.stringify(holder) + '\n', { mode: 0o600 });
	return () => {
		if (dataDirHolder(dataDir)?.pid === process.pid) rmSync(path, { force: true });
	};
}

/**
 * Returns the live process named in the data folder's lock file, or null when there is
 * none. NOTE: a stale file whose process id was since given to another program reads as
 * held; delete the file by hand when no relay runs.
 */
export function dataDirHolder(dataDir: string): LockHolder | null {
	let holder: LockHolder;
	try {
		holder = JSON.parse(readFileSync(join(dataDir, lockFileName), 'utf8')) as LockHolder;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		if (error instanceof SyntaxError) return null;
		throw error;
	}
	if (!Number.isInteger(holder.pid) || holder.pid <= 0) return null;
	return isAlive(holder.pid) ? holder : null;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to another user.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
