import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { DEMO_SCHOOL_ID } from '../../src/lib/roster/demo-school';
import { blockTitles, routeTitle } from '../../src/lib/teacher-route/teacher-route.labels';
import { startAppServer, signInUrl } from '../support/app-server';
import { landscapeViewport, openTablet, removeProfile, type Tablet } from '../support/browser';
import type { RelayProcess } from '../support/relay-process';

// A teacher and the deputy director co-edit the teacher's route through the real relay.
const teacherId = 'teacher-math5';
const teacherName = 'Смирнов Олег Иванович';
const routePath = `/teacher-routes/${teacherId}`;
const routeDocId = `${DEMO_SCHOOL_ID}/teacher-route/${teacherId}`;

let relay: RelayProcess;
const tablets: Tablet[] = [];

async function signedIn(
	role: 'admin' | 'teacher',
	person: string,
	viewport = landscapeViewport
): Promise<{ tablet: Tablet; page: Page }> {
	const tablet = await openTablet({ viewport });
	tablets.push(tablet);
	const page = tablet.context.pages()[0] ?? (await tablet.context.newPage());
	await page.goto(signInUrl(relay, role, person));
	await page.waitForURL(`${relay.httpUrl}/`);
	return { tablet, page };
}

const syncState = (page: Page) => page.locator('[data-sync-state]').getAttribute('data-sync-state');

/** Connects to a document as a teacher of the demo school and returns the close code. */
function relayCloseCode(person: string, docId: string): Promise<number> {
	const token = relay.token({
		sub: person,
		school: DEMO_SCHOOL_ID,
		role: 'teacher',
		device: `probe-${person}`,
		exp: Math.floor(Date.now() / 1000) + 3600
	});
	const url = `${relay.httpUrl.replace(/^http/, 'ws')}/sync/${docId}?token=${token}`;
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(url);
		socket.on('close', (code) => resolve(code));
		socket.on('error', reject);
	});
}

/** The last-change stamp beside a field, found from the field's authorship path. */
const stampOf = (page: Page, path: string) =>
	page.locator('.field', { has: page.locator(`[data-path="${path}"]`) }).locator('.stamp');

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

describe('teacher route', () => {
	let deputy: { tablet: Tablet; page: Page };
	let teacher: { tablet: Tablet; page: Page };

	it('starts from the school list', async () => {
		deputy = await signedIn('admin', 'deputy-demo');
		await deputy.page.goto(`${relay.httpUrl}/teacher-routes`);
		const row = deputy.page.locator(`tr[data-teacher="${teacherId}"]`);
		await expect.poll(() => row.getAttribute('data-status')).toBe('missing');

		await row.getByRole('button', { name: /Начать маршрут/ }).click();
		await deputy.page.waitForURL(`${relay.httpUrl}${routePath}`);

		const name = deputy.page.locator('[data-path="personal/fields/fullName"]');
		await expect.poll(() => name.inputValue()).toBe(teacherName);
	});

	it('merges offline edits with their authors', async () => {
		teacher = await signedIn('teacher', teacherId);
		await teacher.page.goto(`${relay.httpUrl}/teacher-routes`);
		await teacher.page.waitForURL(`${relay.httpUrl}${routePath}`);
		const teacherName = teacher.page.locator('[data-path="personal/fields/fullName"]');
		await expect.poll(() => teacherName.inputValue(), { timeout: 15_000 }).not.toBe('');

		await teacher.tablet.context.setOffline(true);
		await deputy.tablet.context.setOffline(true);
		await expect.poll(() => syncState(teacher.page)).toBe('offline');
		await expect.poll(() => syncState(deputy.page)).toBe('offline');

		const goal = 'Освоить методику обучения решению текстовых задач';
		await teacher.page.locator('[data-path="personal/goal"]').fill(goal);
		await deputy.page.locator('[data-path="roadmap/fields/duration"]').fill('1 учебный год');
		// Long enough for a sync that must not happen while both tablets are offline.
		await teacher.page.waitForTimeout(1500);
		const leakedGoal = await deputy.page.locator('[data-path="personal/goal"]').inputValue();
		const leakedDuration = await teacher.page
			.locator('[data-path="roadmap/fields/duration"]')
			.inputValue();

		await teacher.tablet.context.setOffline(false);
		await deputy.tablet.context.setOffline(false);

		expect(leakedGoal).toBe('');
		expect(leakedDuration).toBe('');
		for (const { page } of [teacher, deputy]) {
			await expect
				.poll(() => page.locator('[data-path="personal/goal"]').inputValue(), {
					timeout: 15_000
				})
				.toBe(goal);
			await expect
				.poll(() => page.locator('[data-path="roadmap/fields/duration"]').inputValue(), {
					timeout: 15_000
				})
				.toBe('1 учебный год');
			await expect
				.poll(() => stampOf(page, 'personal/goal').getAttribute('data-author'))
				.toBe(teacherId);
			await expect
				.poll(() => stampOf(page, 'roadmap/fields/duration').getAttribute('data-author'))
				.toBe('deputy-demo');
		}
		await expect.poll(() => syncState(teacher.page)).toBe('synced');
	});

	it('hides the route from another teacher', async () => {
		const other = await signedIn('teacher', 'teacher-russian');
		await other.page.goto(`${relay.httpUrl}${routePath}`);

		const notice = other.page.getByTestId('route-forbidden');
		await notice.waitFor();
		const message = await notice.innerText();
		const fields = await other.page.locator('[data-path]').count();
		const names = await other.page.getByText(teacherName).count();
		const registered = await other.page.evaluate(
			(id) =>
				new Promise<boolean>((resolve, reject) => {
					const request = indexedDB.open('school-route');
					request.onerror = () => reject(request.error);
					request.onsuccess = () => {
						const read = request.result.transaction('documents').objectStore('documents').get(id);
						read.onsuccess = () => resolve(read.result !== undefined);
					};
				}),
			routeDocId
		);
		// A client that skips the check on the device gets nothing either.
		const closeCode = await relayCloseCode('teacher-russian', routeDocId);

		expect(message).toMatch(/Нет доступа к маршруту/);
		expect(message).toMatch(/только сам педагог и заместитель директора/);
		expect(fields).toBe(0);
		expect(names).toBe(0);
		expect(registered).toBe(false);
		expect(closeCode).toBe(4403);
	});

	it('prints every block of the form', async () => {
		const { page } = deputy;
		await page.goto(`${relay.httpUrl}${routePath}/print`);
		const form = page.locator('article.form');
		await form.waitFor();
		await page.emulateMedia({ media: 'print' });

		const headings = await form.locator('h1, h2').allTextContents();
		const closing = await form.locator('.closing').textContent();

		expect(headings).toEqual([
			routeTitle,
			blockTitles.personal,
			blockTitles.diagnostics,
			blockTitles.roadmap
		]);
		expect(closing).toMatch(/Дата следующей диагностики/);
		expect(closing).toMatch(/Заместитель директора по УР/);
		expect(closing).toMatch(/Педагогический работник/);
		expect(await form.textContent()).toContain('1 учебный год');
		expect(await page.locator('header.top').isVisible()).toBe(false);
		expect(await page.getByRole('button', { name: 'Печать' }).isVisible()).toBe(false);
	});
});
