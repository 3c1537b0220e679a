import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupError, backupDatabase, inspectBackup, restoreDatabase } from './backup';
import { holdDataDir } from './data-lock';
import { databaseFileName, SqliteStore } from './sqlite-store';

const folders: string[] = [];

function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'relay-backup-'));
	folders.push(dir);
	return dir;
}

afterEach(() => {
	for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function storeWith(docId: string): string {
	const dir = tempDir();
	const store = new SqliteStore(dir);
	store.appendUpdate(docId, Uint8Array.from([1, 2, 3]));
	store.close();
	return dir;
}

function documentIds(dataDir: string): string[] {
	const store = new SqliteStore(dataDir);
	const ids = [...store.listVersions('s1/').keys()];
	store.close();
	return ids;
}

describe('backupDatabase', () => {
	it('refuses to overwrite an existing file', () => {
		const dir = storeWith('s1/plans');
		const target = join(tempDir(), 'copy.sqlite');
		writeFileSync(target, 'keep me');

		expect(() => backupDatabase(dir, target)).toThrow(BackupError);
		expect(readFileSync(target, 'utf8')).toBe('keep me');
		expect(() => inspectBackup(target)).toThrow(/not a readable SQLite database/);
	});
});

describe('restoreDatabase', () => {
	it('moves the database it replaces aside', () => {
		const source = storeWith('s1/plans');
		const target = storeWith('s1/checklist');
		const file = join(tempDir(), 'copy.sqlite');
		backupDatabase(source, file);

		const summary = restoreDatabase(target, file);

		expect(documentIds(target)).toEqual(['s1/plans']);
		expect(summary.replacedTo).not.toBeNull();
		const aside = new Database(summary.replacedTo as string, { readonly: true });
		const ids = aside.prepare('SELECT doc_id FROM documents').pluck().all();
		aside.close();
		expect(ids).toEqual(['s1/checklist']);
	});

	it('refuses while a live process holds the folder', () => {
		const source = storeWith('s1/plans');
		const target = tempDir();
		const file = join(tempDir(), 'copy.sqlite');
		backupDatabase(source, file);
		const release = holdDataDir(target);

		try {
			expect(() => restoreDatabase(target, file)).toThrow(/stop it before restoring/);
			expect(existsSync(join(target, databaseFileName))).toBe(false);
		} finally {
			release();
		}
		expect(restoreDatabase(target, file).documents).toBe(1);
	});

	it('refuses a file that is not a relay database', () => {
		const other = join(tempDir(), 'other.sqlite');
		const db = new Database(other);
		db.exec('CREATE TABLE notes (text TEXT)');
		db.close();

		expect(() => restoreDatabase(tempDir(), other)).toThrow(/not a relay database/);
	});
});
