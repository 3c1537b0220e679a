import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * Debian's Chromium with a fresh profile per context, so each context is its own "tablet"
 * with its own IndexedDB and service worker. The flags keep Chromium from calling home,
 * which a closed network answers with a stream of refused connections.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const flags = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage'
];

export interface Tablet {
	context: BrowserContext;
	profileDir: string;
	close(): Promise<void>;
}

export const tabletViewport = { width: 768, height: 1024 };
export const landscapeViewport = { width: 1280, height: 800 };

/** Opens a browser context with its own profile folder; reopening the folder keeps its data. */
export async function openTablet(
	options: { profileDir?: string; viewport?: { width: number; height: number } } = {}
): Promise<Tablet> {
	const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'tablet-'));
	const context = await chromium.launchPersistentContext(profileDir, {
		executablePath: chromiumPath,
		args: flags,
		viewport: options.viewport ?? tabletViewport,
		locale: 'ru-RU',
		timezoneId: 'Asia/Tomsk'
	});
	return {
		context,
		profileDir,
		close: () => context.close()
	};
}

export function removeProfile(tablet: Tablet): void {
	rmSync(tablet.profileDir, { recursive: true, force: true });
}
