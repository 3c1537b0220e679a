import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { verifyToken } from './auth/token';
import { openStore, runCli } from './cli';

const secret = 'cli-test-secret-of-at-least-32-characters';

describe('relay CLI', () => {
	let dir: string;
	let out: string[];
	let err: string[];
	const run = (...argv: string[]) =>
		runCli(
			argv,
			(line) => out.push(line),
			(line) => err.push(line)
		);

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'relay-cli-'));
		out = [];
		err = [];
		vi.stubEnv('RELAY_DATA_DIR', dir);
		vi.stubEnv('RELAY_SECRET', secret);
	});

	afterEach(() => {
		vi.unstubAllEnvs();
		rmSync(dir, { recursive: true, force: true });
	});

	it('prints a token the relay accepts', () => {
		const code = run(
			'token',
			'--school',
			's1',
			'--person',
			'tutor1',
			'--role',
			'tutor',
			'--device',
			'tab1',
			'--days',
			'2'
		);
		const check = verifyToken(out[0], secret);
		if (!check.ok) throw new Error(`The printed token was rejected: ${check.reason}.`);

		expect(code).toBe(0);
		expect(check.claims).toMatchObject({
			sub: 'tutor1',
			school: 's1',
			role: 'tutor',
			device: 'tab1'
		});
		expect(check.claims.exp - check.claims.iat).toBe(2 * 24 * 60 * 60);
	});

	it('explains invalid options', () => {
		expect(run('token', '--school', 's1', '--person', 'p1', '--role', 'root')).toBe(2);
		expect(err[0]).toMatch(/Invalid --role "root"/);
		expect(run('token', '--school', 's 1', '--person', 'p1', '--role', 'tutor')).toBe(2);
		expect(err[1]).toMatch(/Invalid school/);
		expect(run('frobnicate')).toBe(2);
		expect(err[2]).toMatch(/Unknown command "frobnicate"/);
	});

	it('appends a stored update with put-doc', () => {
		const doc = new Y.Doc();
		doc.getText('title').insert(0, 'План работы');
		const file = join(dir, 'update.bin');
		writeFileSync(file, Y.encodeStateAsUpdate(doc));

		expect(run('put-doc', '--id', 's1/plans', '--file', file)).toBe(0);
		expect(out[0]).toBe('s1/plans version 1');
		const store = openStore(dir);
		expect(store.readDoc('s1/plans').getText('title').toString()).toBe('План работы');
		store.close();
	});

	it('refuses a file that is not an update', () => {
		const file = join(dir, 'notes.txt');
		writeFileSync(file, 'просто текст');

		expect(run('put-doc', '--id', 's1/plans', '--file', file)).toBe(1);
		expect(err[0]).toMatch(/not a Yjs update/);
	});
});
