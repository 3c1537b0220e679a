import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { pageSections } from '../../src/lib/trajectory/components/sections/page-sections';
import { startAppServer, signInUrl } from '../support/app-server';
import {
	landscapeViewport,
	openTablet,
	removeProfile,
	tabletViewport,
	type Tablet
} from '../support/browser';
import type { RelayProcess } from '../support/relay-process';

// The tutor and a student co-edit one trajectory on two tablets through the real relay, both
// offline at first. The student then tries documents that the relay keeps from students.
const studentId = 'student-5a-01';
const trajectoryPath = `/trajectories/${studentId}`;

let relay: RelayProcess;
const tablets: Tablet[] = [];
let tutor: { page: Page; context: BrowserContext };
let student: { page: Page; context: BrowserContext };

async function signIn(
	role: 'tutor' | 'student' | 'parent',
	person: string,
	viewport = tabletViewport
) {
	const tablet = await openTablet({ viewport });
	tablets.push(tablet);
	const page = tablet.context.pages()[0] ?? (await tablet.context.newPage());
	await page.goto(signInUrl(relay, role, person));
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	return { page, context: tablet.context };
}

function syncState(page: Page) {
	return page.locator('[data-sync-state]').getAttribute('data-sync-state');
}

/** Returns the person id on the «last changed by» stamp beside a field. */
function fieldAuthor(page: Page, path: string) {
	return page
		.locator('.field', { has: page.locator(`[data-path="${path}"]`) })
		.locator('.stamp')
		.getAttribute('data-author');
}

/** Reads each olympiad row as its name and the author on its stamp, sorted by name. */
function olympiadRows(page: Page) {
	return page.evaluate(() =>
		[...document.querySelectorAll('[data-part="olympiads/entries"] [data-row]')]
			.map((row) => ({
				name: row.querySelector<HTMLInputElement>('[data-path$="/name"]')?.value ?? '',
				author: row.querySelector<HTMLElement>('header .stamp')?.dataset.author ?? ''
			}))
			.sort((a, b) => a.name.localeCompare(b.name))
	);
}

async function addOlympiad(page: Page, name: string) {
	const cards = page.locator('[data-part="olympiads/entries"] [data-row]');
	const before = await cards.count();
	await page.getByRole('button', { name: '+ Добавить олимпиаду или конкурс' }).click();
	await expect.poll(() => cards.count()).toBe(before + 1);
	await cards.nth(before).locator('[data-path$="/name"]').fill(name);
}

async function openSection(page: Page, anchor: string) {
	const toggle = page.locator(`#${anchor} button[aria-expanded]`);
	if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

beforeAll(async () => {
	relay = await startAppServer();
	tutor = await signIn('tutor', 'tutor-demo', landscapeViewport);
	student = await signIn('student', studentId);

	// The tutor reaches the student through the class list, once the roster has synced.
	await tutor.page.goto(`${relay.httpUrl}/trajectories`);
	await tutor.page.locator(`a[href="${trajectoryPath}"]`).click();
	// A student's list of trajectories leads straight to their own.
	await student.page.goto(`${relay.httpUrl}/trajectories`);
	await student.page.waitForURL(`${relay.httpUrl}${trajectoryPath}`);
	for (const { page } of [tutor, student]) {
		await page.locator('[data-path="about/request"]').waitFor();
		await page.locator('[data-sync-state="synced"]').waitFor({ timeout: 15_000 });
	}
});

afterAll(async () => {
	for (const tablet of tablets) {
		await tablet.close().catch(() => undefined);
		removeProfile(tablet);
	}
	await relay?.dispose();
	if (relay) rmSync(relay.dataDir, { recursive: true, force: true });
});

describe('trajectory co-editing', () => {
	it('merges offline edits with their authors', async () => {
		for (const { page, context } of [tutor, student]) {
			await context.setOffline(true);
			await expect.poll(() => syncState(page)).toBe('offline');
			await openSection(page, 'olympiads');
		}

		await tutor.page.locator('[data-path="about/request"]').fill('Подтянуть математику к ВПР');
		await student.page.locator('[data-path="about/want"]').fill('Стать программистом');
		await addOlympiad(tutor.page, 'Всероссийская олимпиада школьников');
		await addOlympiad(student.page, 'Международный конкурс по английскому языку');
		// Long enough for a sync that must not happen while both tablets are offline.
		await tutor.page.waitForTimeout(1500);
		const leaked = await tutor.page.locator('[data-path="about/want"]').inputValue();

		for (const { context } of [tutor, student]) await context.setOffline(false);

		expect(leaked).toBe('');
		const expectedRows = [
			{ name: 'Всероссийская олимпиада школьников', author: 'tutor-demo' },
			{ name: 'Международный конкурс по английскому языку', author: studentId }
		];
		for (const { page } of [tutor, student]) {
			await expect
				.poll(() => page.locator('[data-path="about/want"]').inputValue(), { timeout: 20_000 })
				.toBe('Стать программистом');
			await expect
				.poll(() => page.locator('[data-path="about/request"]').inputValue())
				.toBe('Подтянуть математику к ВПР');
			await expect.poll(() => olympiadRows(page)).toEqual(expectedRows);
			expect(await fieldAuthor(page, 'about/request')).toBe('tutor-demo');
			expect(await fieldAuthor(page, 'about/want')).toBe(studentId);
		}
	});

	it('prints every section heading', async () => {
		const page = tutor.page;
		await page.goto(`${relay.httpUrl}${trajectoryPath}/print`);
		await page.locator('[data-print-section]').first().waitFor();
		await page.emulateMedia({ media: 'print' });

		const headings = await page.locator('[data-print-section] > h2').allTextContents();
		const printed = await page.locator('.sheet').innerText();
		const frameShown = await page.locator('header.top').isVisible();
		const buttonShown = await page.getByRole('button', { name: 'Печать' }).isVisible();
		await page.emulateMedia({ media: 'screen' });

		expect(headings).toEqual(pageSections.map((section, i) => `${i + 1}. ${section.title}`));
		expect(printed).toContain('Подтянуть математику к ВПР');
		expect(printed).toContain('Международный конкурс по английскому языку');
		expect(frameShown).toBe(false);
		expect(buttonShown).toBe(false);
	});
});

describe('parent access', () => {
	it('reads the child’s trajectory without editing', async () => {
		const parent = await signIn('parent', 'parent-5a-01');
		await parent.page.goto(`${relay.httpUrl}${trajectoryPath}`);
		const request = parent.page.locator('[data-path="about/request"]');

		await expect
			.poll(() => request.inputValue(), { timeout: 15_000 })
			.toBe('Подтянуть математику к ВПР');
		await openSection(parent.page, 'olympiads');
		const olympiads = parent.page.locator('[data-part="olympiads/entries"]');

		expect(await request.getAttribute('readonly')).not.toBeNull();
		expect(await fieldAuthor(parent.page, 'about/request')).toBe('tutor-demo');
		await expect.poll(() => olympiads.locator('[data-row]').count()).toBe(2);
		expect(await olympiads.locator('input, textarea, select').count()).toBe(0);
		expect(await parent.page.getByRole('button', { name: /Добавить|Удалить/ }).count()).toBe(0);
	});
});

describe('student access', () => {
	it('rejects another student’s trajectory', async () => {
		const page = student.page;
		await page.goto(`${relay.httpUrl}/trajectories/student-5a-02`);

		await expect
			.poll(() => page.locator('[data-refusal="trajectory"]').textContent())
			.toContain('недоступна');
		expect(await page.locator('[data-path]').count()).toBe(0);
		expect(await page.locator('[data-section]').count()).toBe(0);
	});

	it('rejects the tutor’s diary', async () => {
		const page = student.page;
		await page.goto(`${relay.httpUrl}${trajectoryPath}`);
		await page.locator('[data-path="about/request"]').waitFor();
		const tabs = await page.getByRole('navigation', { name: 'Разделы траектории' }).innerText();

		await page.goto(`${relay.httpUrl}${trajectoryPath}/diary`);

		expect(tabs).not.toContain('Дневник');
		await expect.poll(() => page.locator('[data-refusal="diary"]').count()).toBe(1);
		expect(await page.locator('[data-path]').count()).toBe(0);
	});
});
