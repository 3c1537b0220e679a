import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startAppServer, signInUrl } from '../support/app-server';
import { landscapeViewport, openTablet, removeProfile, type Tablet } from '../support/browser';
import type { RelayProcess } from '../support/relay-process';

// Two deputy-director tablets co-edit the school's plan of activities through the real relay.
let relay: RelayProcess;
const tablets: Tablet[] = [];

async function signedInTablet(
	device: string,
	profileDir?: string,
	viewport = landscapeViewport
): Promise<Page> {
	const tablet = await openTablet({ profileDir, viewport });
	tablets.push(tablet);
	const page = tablet.context.pages()[0] ?? (await tablet.context.newPage());
	if (!profileDir) {
		await page.goto(signInUrl(relay, 'admin', 'deputy-demo', device));
		await page.waitForURL(`${relay.httpUrl}/`);
	}
	await page.goto(`${relay.httpUrl}/plans`);
	await page.locator('[data-path="plan/header/title"]').waitFor();
	return page;
}

function rowCell(page: Page, section: string, index: number, column: string) {
	return page
		.locator(`[data-section="${section}"] tr[data-row]`)
		.nth(index)
		.getByLabel(column, { exact: true });
}

beforeAll(async () => {
	relay = await startAppServer();
});

afterAll(async () => {
	for (const tablet of tablets) {
		await tablet.close().catch(() => undefined);
		removeProfile(tablet);
	}
	await relay?.dispose();
	if (relay) rmSync(relay.dataDir, { recursive: true, force: true });
});

describe('co-editing through the relay', () => {
	let first: Page;
	let second: Page;

	it('converges when two tablets edit at once', async () => {
		first = await signedInTablet('tablet-a');
		second = await signedInTablet('tablet-b');
		// The demo school's plan is seeded from the template: 44 items.
		for (const page of [first, second]) {
			await expect.poll(() => page.locator('tr[data-row]').count(), { timeout: 10_000 }).toBe(44);
		}

		// Each tablet types into its own row at the same moment; one person types one field at a time.
		await Promise.all([
			rowCell(first, 'plan/organisation', 0, 'Сроки').fill('Сентябрь'),
			rowCell(second, 'plan/organisation', 1, 'Сроки').fill('Ноябрь')
		]);
		await first.locator('[data-path="plan/header/title"]').fill('План на 2026/2027 учебный год');

		for (const page of [first, second]) {
			await expect
				.poll(() => rowCell(page, 'plan/organisation', 0, 'Сроки').inputValue())
				.toBe('Сентябрь');
			await expect
				.poll(() => rowCell(page, 'plan/organisation', 1, 'Сроки').inputValue())
				.toBe('Ноябрь');
			await expect
				.poll(() => page.locator('[data-path="plan/header/title"]').inputValue())
				.toBe('План на 2026/2027 учебный год');
		}
	});

	it('delivers an offline edit after reconnect, across a closed tablet', async () => {
		const secondTablet = tablets[1];
		await secondTablet.context.setOffline(true);
		await expect
			.poll(() => second.locator('[data-sync-state]').getAttribute('data-sync-state'))
			.toBe('offline');

		await rowCell(second, 'plan/parents', 0, 'Ответственные').fill(
			'Классные руководители (офлайн)'
		);
		await rowCell(first, 'plan/parents', 1, 'Сроки').fill('Март');
		// Wait long enough for a sync that should not happen while the tablet is offline.
		await second.waitForTimeout(1500);
		const leaked = await rowCell(first, 'plan/parents', 0, 'Ответственные').inputValue();

		// The tablet is closed before it ever reached the network again, then reopened online.
		await secondTablet.close();
		const reopened = await signedInTablet('tablet-b', secondTablet.profileDir);

		expect(leaked).not.toBe('Классные руководители (офлайн)');
		await expect
			.poll(() => rowCell(first, 'plan/parents', 0, 'Ответственные').inputValue(), {
				timeout: 15_000
			})
			.toBe('Классные руководители (офлайн)');
		await expect
			.poll(() => rowCell(reopened, 'plan/parents', 1, 'Сроки').inputValue())
			.toBe('Март');
		await expect
			.poll(() => reopened.locator('[data-sync-state]').getAttribute('data-sync-state'))
			.toBe('synced');
	});
});
