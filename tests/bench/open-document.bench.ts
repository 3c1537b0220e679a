/**
 * Time to open a document made of 10,000 small updates from IndexedDB in Chromium: the
 * storage code is bundled for the page, the updates are written once, then the document
 * is opened in a fresh page five times (median printed). Run alone with
 * `npx tsx tests/bench/open-document.bench.ts`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { openTablet, removeProfile } from '../support/browser';

const updates = 10_000;
const runs = 5;

async function bundle(dir: string): Promise<void> {
	await build({
		entryPoints: [fileURLToPath(new URL('./browser/open-document.entry.ts', import.meta.url))],
		bundle: true,
		format: 'iife',
		outfile: join(dir, 'bench.js'),
		alias: { $lib: fileURLToPath(new URL('../../src/lib', import.meta.url)) },
		logLevel: 'warning'
	});
	writeFileSync(
		join(dir, 'index.html'),
		'<!doctype html><meta charset="utf-8"><script src="bench.js"></script>'
	);
}

export async function run(): Promise<Record<string, number>> {
	const dir = mkdtempSync(join(tmpdir(), 'bench-open-'));
	await bundle(dir);
	const server = createServer((request, response) => {
		const file = request.url === '/bench.js' ? 'bench.js' : 'index.html';
		response.setHeader('content-type', file.endsWith('.js') ? 'text/javascript' : 'text/html');
		response.end(readFileSync(join(dir, file)));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
	const tablet = await openTablet();
	try {
		const page = tablet.context.pages()[0] ?? (await tablet.context.newPage());
		await page.goto(url);
		await page.evaluate(`bench.seed(${updates})`);
		const times: number[] = [];
		for (let i = 0; i < runs; i++) {
			await page.goto(url);
			const result = (await page.evaluate('bench.open()')) as { ms: number; length: number };
			if (result.length !== updates)
				throw new Error(`Opened ${result.length} of ${updates} characters.`);
			times.push(result.ms);
		}
		times.sort((a, b) => a - b);
		const figures = {
			open_10000_updates_median_ms: times[runs >> 1],
			open_10000_updates_max_ms: times[runs - 1]
		};
		console.log('open a document of 10,000 updates from IndexedDB (Chromium):', figures);
		return figures;
	} finally {
		await tablet.close();
		removeProfile(tablet);
		server.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	await run();
}
