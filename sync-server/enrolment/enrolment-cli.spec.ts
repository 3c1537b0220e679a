import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeToken } from '../../src/lib/shared/token';
import { runCli } from '../cli';
import { SqliteStore } from '../sqlite-store';
import { EnrolmentService } from './enrolment-service';

const secret = 'enrolment-cli-secret-of-at-least-32-chars';

describe('enrolment CLI', () => {
	let dir: string;
	let out: string[];
	let err: string[];
	const run = (...argv: string[]) =>
		runCli(
			argv,
			(line) => out.push(line),
			(line) => err.push(line)
		);

	/** Redeems a printed code the way POST /api/enrol does. */
	async function redeem(printed: string, device: string) {
		const code = /: ([0-9A-Z]{5}-[0-9A-Z]{5})$/m.exec(printed)?.[1] ?? '';
		const store = new SqliteStore(dir);
		try {
			const service = new EnrolmentService({
				store: store.enrolment,
				revocations: store,
				secret,
				accessTokenSeconds: 3600,
				refreshIdleMs: 86_400_000
			});
			return await service.redeem(code, device);
		} finally {
			store.close();
		}
	}

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'enrolment-cli-'));
		out = [];
		err = [];
		vi.stubEnv('RELAY_DATA_DIR', dir);
		vi.stubEnv('RELAY_SECRET', secret);
	});

	afterEach(() => {
		vi.unstubAllEnvs();
		rmSync(dir, { recursive: true, force: true });
	});

	it('creates a school with an administrator code', async () => {
		const code = run('create-school', '--school', 's1', '--name', 'Школа № 1', '--person', 'dep1');

		const redeemed = await redeem(out.join('\n'), 'tab-1');

		expect(code).toBe(0);
		if (!redeemed.ok) throw new Error(`The printed code was rejected: ${redeemed.reason}.`);
		const claims = decodeToken(redeemed.value.accessToken);
		expect(claims?.role).toBe('admin');
		expect(claims?.sub).toBe('dep1');
		expect(redeemed.value.school).toEqual({ id: 's1', name: 'Школа № 1' });
	});

	it('refuses to create a school twice', () => {
		run('create-school', '--school', 's1', '--name', 'Школа № 1');

		const code = run('create-school', '--school', 's1', '--name', 'Другая');

		expect(code).toBe(1);
		expect(err.join('\n')).toContain('already exists');
	});

	it('invites into a registered school only', async () => {
		const unknown = run('invite', '--school', 's9', '--role', 'tutor', '--person', 't1');
		run('create-school', '--school', 's1', '--name', 'Школа № 1');
		out = [];
		const known = run('invite', '--school', 's1', '--role', 'tutor', '--person', 't1');

		expect(unknown).toBe(1);
		expect(err.join('\n')).toContain('create-school --school s9');
		expect(known).toBe(0);
		const redeemed = await redeem(out.join('\n'), 'tab-2');
		expect(redeemed.ok).toBe(true);
	});

	it('invites a municipal organiser without a school', async () => {
		const code = run('invite', '--school', 'm1', '--role', 'municipal', '--person', 'org1');

		const redeemed = await redeem(out.join('\n'), 'tab-3');

		expect(code).toBe(0);
		if (!redeemed.ok) throw new Error(`The printed code was rejected: ${redeemed.reason}.`);
		expect(decodeToken(redeemed.value.accessToken)?.role).toBe('municipal');
	});

	it('rejects invalid options with the usage text', () => {
		const hours = run(
			'invite',
			'--school',
			's1',
			'--role',
			'tutor',
			'--person',
			't',
			'--hours',
			'0'
		);
		const role = run('invite', '--school', 's1', '--role', 'janitor', '--person', 't');

		expect(hours).toBe(2);
		expect(role).toBe(2);
		expect(err.join('\n')).toContain('Invalid --hours "0"');
		expect(err.join('\n')).toContain('Invalid --role "janitor"');
	});
});
