import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStore } from '../../sync-server/sqlite-store';
import { RelayProcess } from '../support/relay-process';
import { openClient, seedDocument, sleep, waitForSynced, type TestClient } from './clients';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const documents = ['s1/plans', 's1/checklist', 's1/teacher-route/t1'];
/** Filler documents, so that the copy takes long enough for writes to land during it. */
const fillerDocuments = 150;

let relay: RelayProcess;
let restored: RelayProcess | null = null;
const folders: string[] = [];
const clients: TestClient[] = [];

function tempDir(prefix: string): string {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	folders.push(dir);
	return dir;
}

/** Runs the relay CLI as its own process, as an operator would. */
function runCli(
	args: string[],
	env: Record<string, string>
): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			['--import', 'tsx', 'sync-server/cli.ts', ...args],
			{ cwd: repoRoot, env: { ...process.env, ...env } },
			(error, stdout, stderr) => {
				const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
				resolve({ code, stdout, stderr });
			}
		);
	});
}

function keysOf(doc: Y.Doc): number[] {
	return [...doc.getMap<number>('backup').values()].sort((a, b) => a - b);
}

beforeAll(async () => {
	relay = await RelayProcess.start();
	const filler = 'x'.repeat(20_000);
	for (let i = 0; i < fillerDocuments; i++) {
		seedDocument(relay.dataDir, `s1/trajectory/filler${i}`, (doc) =>
			doc.getText('notes').insert(0, filler)
		);
	}
	const store = new SqliteStore(relay.dataDir);
	store.enrolment.insertSchool({ school: 's1', name: 'Школа № 1', createdAt: Date.now() });
	store.close();
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await restored?.dispose();
	await relay?.dispose();
	for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('relay backup and restore', () => {
	const env = () => ({ RELAY_DATA_DIR: relay.dataDir, RELAY_SECRET: relay.secret });
	let backupFile: string;
	const receivedBefore = new Map<string, number>();
	const sentBeforeEnd = new Map<string, number>();

	it('backs up a consistent copy while clients write', async () => {
		const admin = relay.token({ sub: 'admin1', school: 's1', role: 'admin' });
		const writers = documents.map((id) => openClient(relay, id, admin));
		const watchers = documents.map((id) => openClient(relay, id, admin));
		clients.push(...writers, ...watchers);
		for (const client of [...writers, ...watchers]) await waitForSynced(client);

		let next = 0;
		const writing = setInterval(() => {
			for (const writer of writers) writer.doc.getMap('backup').set(`k${next}`, next);
			next++;
		}, 5);
		await sleep(300);
		documents.forEach((id, i) => receivedBefore.set(id, keysOf(watchers[i].doc).length));
		backupFile = join(tempDir('relay-backup-'), 'relay-backup.sqlite');

		const backup = await runCli(['backup', '--to', backupFile], env());
		for (const id of documents) sentBeforeEnd.set(id, next);
		await sleep(200);
		clearInterval(writing);

		expect(backup.stderr).toBe('');
		expect(backup.code).toBe(0);
		expect(backup.stdout).toMatch(/Backed up \d+ documents/);
		expect(next).toBeGreaterThan(sentBeforeEnd.get(documents[0]) ?? 0);
	});

	it('refuses to restore while the relay runs on the folder', async () => {
		const restore = await runCli(['restore', '--from', backupFile], env());

		expect(restore.code).not.toBe(0);
		expect(restore.stderr).toContain('stop it before restoring');
	});

	it('restores into a new folder that a relay then serves', async () => {
		const dataDir = tempDir('relay-restored-');
		const restore = await runCli(['restore', '--from', backupFile], {
			RELAY_DATA_DIR: dataDir,
			RELAY_SECRET: relay.secret
		});
		expect(restore.code).toBe(0);
		restored = await RelayProcess.start({ dataDir });
		const admin = restored.token({ sub: 'admin1', school: 's1', role: 'admin' });

		for (const id of documents) {
			const reader = openClient(restored, id, admin);
			clients.push(reader);
			await waitForSynced(reader);
			const keys = keysOf(reader.doc);

			// One writer sent the keys in order, so a consistent copy contains exactly k0..kM.
			expect(keys, id).toEqual(keys.map((_, index) => index));
			expect(keys.length, id).toBeGreaterThanOrEqual(receivedBefore.get(id) ?? 0);
			expect(keys.length, id).toBeLessThanOrEqual(sentBeforeEnd.get(id) ?? 0);
		}
		const filler = openClient(restored, 's1/trajectory/filler7', admin);
		clients.push(filler);
		await waitForSynced(filler);
		expect(filler.doc.getText('notes').length).toBe(20_000);

		const store = new SqliteStore(dataDir);
		const school = store.enrolment.school('s1');
		store.close();
		expect(school?.name).toBe('Школа № 1');
	});
});
