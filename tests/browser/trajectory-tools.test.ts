import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Role } from '../../src/lib/shared/access';
import { startAppServer, signInUrl } from '../support/app-server';
import { landscapeViewport, openTablet, removeProfile, type Tablet } from '../support/browser';
import type { RelayProcess } from '../support/relay-process';

// The trajectory design tools, the ИУП editor, the diary and the group view in the built app,
// with the real relay and the demo school, on the tablets of a tutor, a student and a parent.
let relay: RelayProcess;
let tutor: Page;
const tablets: Tablet[] = [];

async function signedIn(role: Role, person: string): Promise<Page> {
	const tablet = await openTablet({ viewport: landscapeViewport });
	tablets.push(tablet);
	const page = tablet.context.pages()[0] ?? (await tablet.context.newPage());
	await page.goto(signInUrl(relay, role, person));
	// A student lands on their own trajectory, everybody else on the start page.
	await page.waitForURL((url) => url.pathname !== '/signin');
	return page;
}

/** Returns the ids of the documents registered in the IndexedDB of the page's device. */
function documentsOnDevice(page: Page): Promise<string[]> {
	return page.evaluate(
		() =>
			new Promise<string[]>((resolve, reject) => {
				const request = indexedDB.open('school-route');
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const keys = request.result
						.transaction('documents')
						.objectStore('documents')
						.getAllKeys();
					keys.onsuccess = () => resolve(keys.result.map(String));
					keys.onerror = () => reject(keys.error);
				};
			})
	);
}

beforeAll(async () => {
	relay = await startAppServer();
	tutor = await signedIn('tutor', 'tutor-demo');
});

afterAll(async () => {
	for (const tablet of tablets) {
		await tablet.close().catch(() => undefined);
		removeProfile(tablet);
	}
	await relay?.dispose();
	if (relay) rmSync(relay.dataDir, { recursive: true, force: true });
});

describe('ИУП editor', () => {
	const weekly = () => tutor.locator('[data-rule="weekly-max"][data-passed="false"]');

	it('passes the letter example plan', async () => {
		await tutor.goto(`${relay.httpUrl}/trajectories/student-10a-03/plan`);
		await tutor.getByRole('button', { name: /Заполнить по образцу/ }).click();

		const total = tutor.locator('[data-plan-total]');
		await expect.poll(() => total.locator('[data-total="week"]').textContent()).toBe('37');
		expect(await total.locator('[data-total="year"]').textContent()).toBe('1258');
		expect(await tutor.locator('[data-plan-check]').getAttribute('data-plan-check')).toBe('ok');
		expect(await tutor.getByText('Нарушений норм не найдено.').count()).toBe(1);
		expect(await tutor.locator('li[data-passed="false"].error').count()).toBe(0);
	});

	it('flags 38 hours a week with its numbers', async () => {
		const mathematics = tutor.locator('[data-plan-part="basic"] tr[data-row]').first();
		await mathematics.getByLabel('Часов в неделю').fill('6');
		await mathematics.getByLabel('Часов в неделю').press('Tab');

		await expect.poll(() => weekly().count()).toBe(1);
		const message = await weekly().textContent();
		expect(message).toContain('Недельная нагрузка 38 ч превышает максимум 37 ч');
		expect(message).toContain('11 класса при шестидневной неделе');
		expect(message).toContain('Уменьшите часы на 1 ч в неделю');
		expect(message).toContain('СанПиН 1.2.3685-21, таблица 6.6');
		expect(await mathematics.getByLabel('Часов в год').inputValue()).toBe('204');
		expect(await tutor.locator('[data-plan-total] [data-total="week"]').textContent()).toBe('38');
	});
});

describe('balance wheel', () => {
	const wheel = () => tutor.locator('[data-tool="balance-wheel"]');
	const snapshots = () => tutor.locator('[data-list="balance-snapshots"] li[data-snapshot]');

	it('draws the radar on a sized canvas', async () => {
		await tutor.goto(`${relay.httpUrl}/trajectories/student-10a-03/design?stage=2`);
		const canvas = wheel().locator('canvas');
		await canvas.waitFor();

		const box = await canvas.boundingBox();
		const pixels = await canvas.evaluate((node: HTMLCanvasElement) => node.width * node.height);
		expect(box?.width).toBeGreaterThan(200);
		expect(box?.height).toBeGreaterThan(200);
		expect(pixels).toBeGreaterThan(0);
	});

	it('lists saved snapshots and compares two', async () => {
		await wheel().getByRole('button', { name: 'Учёба: больше' }).click();
		await tutor.locator('#balance-date').fill('2026-09-20');
		await wheel().getByRole('button', { name: 'Сохранить замер' }).click();
		await expect.poll(() => snapshots().count()).toBe(1);
		expect(await snapshots().first().textContent()).toContain('Замер 20.09.2026');

		await wheel().getByRole('button', { name: 'Семья: меньше' }).click();
		await tutor.locator('#balance-date').fill('2026-11-20');
		await wheel().getByRole('button', { name: 'Сохранить замер' }).click();

		await expect.poll(() => snapshots().count()).toBe(2);
		const comparison = tutor.locator('[data-tool="balance-comparison"]');
		await comparison.waitFor();
		expect(await comparison.textContent()).toContain('Снизились: Семья.');
	});
});

describe('diary and group view', () => {
	let student: Page;

	it('lists diary notes newest first', async () => {
		await tutor.goto(`${relay.httpUrl}/trajectories/student-10a-03/diary`);
		const notes = tutor.locator('[data-diary-notes] [data-note]');
		for (const [date, text] of [
			['2026-10-02', 'Сам предложил тему проекта.'],
			['2026-11-14', 'Встреча с мамой о подготовке к ЕГЭ.']
		]) {
			await tutor.locator('#diary-date').fill(date);
			await tutor.locator('#diary-text').fill(text);
			await tutor.getByRole('button', { name: 'Добавить запись' }).click();
		}

		await expect.poll(() => notes.count()).toBe(2);
		expect(await notes.first().textContent()).toContain('Встреча с мамой');
		expect(await notes.first().textContent()).toContain('Кузнецова Ирина Петровна');
		expect(await notes.last().textContent()).toContain('02.10.2026');
	});

	it('refuses the diary to a student', async () => {
		student = await signedIn('student', 'student-10a-04');
		await student.goto(`${relay.httpUrl}/trajectories/student-10a-04/diary`);

		const refusal = student.locator('[data-refusal="diary"]');
		await refusal.waitFor();
		expect(await refusal.textContent()).toContain('обучающемуся и родителям он недоступен');
		expect(await student.locator('[data-diary-notes]').count()).toBe(0);
		expect(await documentsOnDevice(student)).not.toContain('demo-school/diary/student-10a-04');
	});

	it('shows the relay refusal to another parent', async () => {
		const parent = await signedIn('parent', 'parent-10a-01');
		await parent.goto(`${relay.httpUrl}/trajectories/student-10a-03/design`);

		const refusal = parent.locator('[data-refusal="trajectory"]');
		await refusal.waitFor({ timeout: 10_000 });
		expect(await refusal.textContent()).toContain('У вашей роли нет доступа к этому документу.');
		expect(await parent.locator('[data-stage-panel]').isVisible()).toBe(false);
	});

	it('shows a stage set on the student tablet', async () => {
		await student.goto(`${relay.httpUrl}/trajectories/student-10a-04/design?stage=3`);
		await student.getByRole('button', { name: 'Отметить этап 3 как текущий' }).click();
		await student.getByText('Траектория находится на этом этапе.').waitFor();
		await expect
			.poll(() => student.locator('[data-sync-state]').getAttribute('data-sync-state'))
			.toBe('synced');

		// A reload starts a background pass, which brings the trajectory to the tutor's device.
		await tutor.goto(`${relay.httpUrl}/trajectories/group`);
		const row = tutor.locator('tr[data-student="student-10a-04"]');
		await expect
			.poll(() => row.locator('[data-cell="stage"] strong').textContent(), { timeout: 15_000 })
			.toBe('3');
	});
});
