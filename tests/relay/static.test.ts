import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RelayProcess } from '../support/relay-process';

const indexHtml = '<!doctype html><title>Школьный маршрут</title><div id="app"></div>';
const secretText = 'outside the static folder';

/** Sends a request with the path exactly as given; fetch() would normalise `..` away. */
function rawGet(
	port: number,
	path: string
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (response) => {
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => (body += chunk));
			response.on('end', () =>
				resolve({ status: response.statusCode ?? 0, body, headers: response.headers })
			);
		});
		req.on('error', reject);
		req.end();
	});
}

describe('relay static files', () => {
	let relay: RelayProcess;
	let folder: string;

	beforeAll(async () => {
		folder = mkdtempSync(join(tmpdir(), 'relay-static-'));
		const root = join(folder, 'build');
		mkdirSync(join(root, '_app/immutable'), { recursive: true });
		mkdirSync(join(root, 'icons'));
		writeFileSync(join(root, 'index.html'), indexHtml);
		writeFileSync(join(root, '_app/immutable/entry.3f2a.js'), 'export const app = 1;');
		writeFileSync(join(root, 'manifest.webmanifest'), '{"name":"Школьный маршрут"}');
		writeFileSync(join(root, 'sw.js'), 'self.addEventListener("install", () => {});');
		writeFileSync(join(root, 'icons/icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
		writeFileSync(join(folder, 'secret.txt'), secretText);
		symlinkSync(join(folder, 'secret.txt'), join(root, 'linked.txt'));
		relay = await RelayProcess.start({ env: { RELAY_STATIC_DIR: root } });
	});

	afterAll(async () => {
		await relay?.dispose();
		rmSync(folder, { recursive: true, force: true });
	});

	const get = (path: string, headers: Record<string, string> = {}) =>
		fetch(`${relay.httpUrl}${path}`, { headers });

	it('serves the app page for the root and deep links', async () => {
		for (const path of ['/', '/index.html', '/students/5A', '/trajectory/st1/']) {
			const response = await get(path, { Accept: 'text/html' });

			expect(response.status, path).toBe(200);
			expect(response.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
			expect(response.headers.get('cache-control'), path).toBe('no-cache');
			expect(await response.text(), path).toBe(indexHtml);
		}
	});

	it('sets MIME types and caching per file', async () => {
		const cases: [string, string, string][] = [
			[
				'/_app/immutable/entry.3f2a.js',
				'text/javascript; charset=utf-8',
				'public, max-age=31536000, immutable'
			],
			['/manifest.webmanifest', 'application/manifest+json; charset=utf-8', 'no-cache'],
			['/sw.js', 'text/javascript; charset=utf-8', 'no-cache'],
			['/icons/icon-192.png', 'image/png', 'public, max-age=3600']
		];
		for (const [path, type, cache] of cases) {
			const response = await get(path);

			expect(response.status, path).toBe(200);
			expect(response.headers.get('content-type'), path).toBe(type);
			expect(response.headers.get('cache-control'), path).toBe(cache);
		}
	});

	it('answers 404 for missing assets instead of the app page', async () => {
		for (const path of ['/_app/immutable/gone.js', '/icons/missing.png', '/api/unknown']) {
			const response = await get(path);

			expect(response.status, path).toBe(404);
			expect(await response.text(), path).not.toContain('<!doctype html>');
		}
	});

	it('answers 304 to a matching ETag and HEAD without a body', async () => {
		const first = await get('/sw.js');
		const etag = first.headers.get('etag') ?? '';
		const again = await get('/sw.js', { 'If-None-Match': etag });
		const head = await fetch(`${relay.httpUrl}/sw.js`, { method: 'HEAD' });

		expect(etag).not.toBe('');
		expect(again.status).toBe(304);
		expect(head.status).toBe(200);
		expect(await head.text()).toBe('');
	});

	it('never serves a file outside the folder', async () => {
		const paths = [
			'/../secret.txt',
			'/%2e%2e/secret.txt',
			'/..%2fsecret.txt',
			'/%2e%2e%2fsecret.txt',
			'/icons/..%5c..%5csecret.txt',
			'/linked.txt',
			'/%00.html'
		];
		for (const path of paths) {
			const response = await rawGet(relay.port, path);

			expect(response.body, path).not.toContain(secretText);
			expect([400, 404], path).toContain(response.status);
		}
	});

	it('keeps the API beside the static files', async () => {
		const response = await get('/health');

		expect(response.status).toBe(200);
		expect(((await response.json()) as { status: string }).status).toBe('ok');
	});
});
