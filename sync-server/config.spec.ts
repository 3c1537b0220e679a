import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretFileName } from './config';

const folders: string[] = [];
function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'relay-config-'));
	folders.push(dir);
	return dir;
}

afterEach(() => {
	for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const secret = 's'.repeat(32);

describe('loadConfig', () => {
	it('uses safe defaults', () => {
		const cwd = tempDir();
		const config = loadConfig({ RELAY_SECRET: secret }, cwd);

		expect(config.host).toBe('127.0.0.1');
		expect(config.port).toBe(8787);
		expect(config.dataDir).toBe(join(cwd, 'data'));
		expect(config.maxPayloadBytes).toBe(2 * 1024 * 1024);
		expect(config.staticDir).toBeNull();
		expect(config.secretSource).toBe('environment');
	});

	it('names each invalid variable and its value', () => {
		const read = () =>
			loadConfig(
				{ RELAY_SECRET: secret, RELAY_PORT: 'eighty', RELAY_IDLE_UNLOAD_MS: '-5' },
				tempDir()
			);

		expect(read).toThrow(ConfigError);
		expect(read).toThrow(/RELAY_PORT: must be a whole number from 0 to 65535 \(got "eighty"\)/);
		expect(read).toThrow(/RELAY_IDLE_UNLOAD_MS/);
	});

	it('never prints the secret in an error', () => {
		const read = () => loadConfig({ RELAY_SECRET: 'short-secret' }, tempDir());

		expect(read).toThrow(/RELAY_SECRET: must be at least 32 characters/);
		expect(read).not.toThrow(/short-secret/);
	});

	it('requires a secret in production', () => {
		expect(() => loadConfig({ NODE_ENV: 'production' }, tempDir())).toThrow(
			/RELAY_SECRET: required/
		);
	});

	it('generates a private secret once and reuses it', () => {
		const cwd = tempDir();
		const first = loadConfig({}, cwd);
		const second = loadConfig({}, cwd);
		const path = join(cwd, 'data', secretFileName);

		expect(first.secretSource).toBe('data-dir-generated');
		expect(second.secretSource).toBe('data-dir-existing');
		expect(second.secret).toBe(first.secret);
		expect(first.secret.length).toBeGreaterThanOrEqual(32);
		expect(readFileSync(path, 'utf8').trim()).toBe(first.secret);
		expect(statSync(path).mode & 0o777).toBe(0o600);
	});
});
