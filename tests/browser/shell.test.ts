import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startAppServer, signInUrl } from '../support/app-server';
import { openTablet, removeProfile, type Tablet } from '../support/browser';
import type { RelayProcess } from '../support/relay-process';

let relay: RelayProcess;
let tablet: Tablet;
let page: Page;

beforeAll(async () => {
	relay = await startAppServer();
	tablet = await openTablet();
	page = tablet.context.pages()[0] ?? (await tablet.context.newPage());
	await page.goto(signInUrl(relay, 'tutor', 'tutor-demo'));
	await page.waitForURL(`${relay.httpUrl}/`);
	// The first visit installs the service worker; it controls pages from the next load on.
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await page.reload();
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
});

afterAll(async () => {
	await tablet?.close();
	if (tablet) removeProfile(tablet);
	await relay?.dispose();
	if (relay) rmSync(relay.dataDir, { recursive: true, force: true });
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: number[]): { width: number; height: number } {
	const read = (offset: number) =>
		((bytes[offset] << 24) |
			(bytes[offset + 1] << 16) |
			(bytes[offset + 2] << 8) |
			bytes[offset + 3]) >>>
		0;
	return { width: read(16), height: read(20) };
}

describe('app shell', () => {
	it('is controlled by the service worker', async () => {
		const scriptUrl = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);

		expect(scriptUrl).toBe(`${relay.httpUrl}/sw.js`);
	});

	it('links a valid Russian manifest with its icons', async () => {
		const href = await page.getAttribute('link[rel="manifest"]', 'href');
		const manifest = await page.evaluate(async (url) => (await fetch(url!)).json(), href);
		const icons = manifest.icons as { src: string; sizes: string; purpose: string }[];

		expect(manifest.name).toBe('Школьный маршрут');
		expect(manifest.short_name).toBe('Маршрут');
		expect(manifest.lang).toBe('ru');
		expect(manifest.display).toBe('standalone');
		expect(manifest.start_url).toBe('/');
		expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
		expect(icons.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual([
			'192x192 any',
			'512x512 any',
			'512x512 maskable'
		]);
		for (const icon of icons) {
			const bytes = await page.evaluate(
				async (src) => [...new Uint8Array(await (await fetch(src)).arrayBuffer())],
				icon.src
			);
			const [width] = icon.sizes.split('x').map(Number);
			expect(pngSize(bytes), icon.src).toEqual({ width, height: width });
		}
	});

	it('shows the sync state on every screen', async () => {
		for (const path of ['/', '/settings', '/trajectories', '/no-such-page']) {
			await page.goto(relay.httpUrl + path);
			await page.locator('h1').waitFor();
			await expect(page.locator('[data-sync-state]').count(), path).resolves.toBe(1);
		}
		await page.goto(relay.httpUrl + '/settings');

		await expect(
			page.locator('[data-testid="persistence"]').getAttribute('data-outcome')
		).resolves.toMatch(/granted|denied|unsupported/);
	});

	it('reloads and opens deep links offline', async () => {
		await page.goto(relay.httpUrl + '/');
		await tablet.context.setOffline(true);
		const reachable = await page.evaluate(() =>
			fetch('/health', { cache: 'no-store' }).then(
				() => true,
				() => false
			)
		);

		await page.reload();
		const home = await page.locator('h1').textContent();
		await page.goto(relay.httpUrl + '/settings');
		const settings = await page.locator('h1').textContent();
		await page.goto(relay.httpUrl + '/trajectories/student-5a-01');
		await page.locator('h1').waitFor();
		const deepLinkStatus = await page.locator('[data-sync-state]').count();
		await tablet.context.setOffline(false);

		expect(reachable).toBe(false);
		expect(home).toBe('Школьный маршрут');
		expect(settings).toBe('Настройки и синхронизация');
		expect(deepLinkStatus).toBe(1);
	});
});
