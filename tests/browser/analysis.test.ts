import { mkdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_ADMIN_ID } from '../../src/lib/roster/demo-school';
import { readXlsx } from '../../src/lib/shared/xlsx-read';
import { startAppServer, signInUrl } from '../support/app-server';
import { landscapeViewport, openTablet, removeProfile, type Tablet } from '../support/browser';
import { dataFile } from '../support/data-path';
import type { RelayProcess } from '../support/relay-process';

// The regional ВПР 2021 export (mathematics, grade 5): 26,139 rows from 634 schools.
const resultsFile = dataFile('vpr-2021-math-5/results-region-fis-oko-export.xlsx');
// Screenshots land here for a person to look at; the folder is outside the repository.
const shotsDir = process.env.SCREENSHOT_DIR ?? join(process.env.TMPDIR ?? '/tmp', 'analysis-shots');

let relay: RelayProcess;
let tablet: Tablet;
let page: Page;
let procedureUrl = '';

beforeAll(async () => {
	mkdirSync(shotsDir, { recursive: true });
	relay = await startAppServer();
	tablet = await openTablet();
	page = tablet.context.pages()[0] ?? (await tablet.context.newPage());
	await page.goto(signInUrl(relay, 'admin', DEMO_ADMIN_ID));
	await page.waitForURL(`${relay.httpUrl}/`);
});

afterAll(async () => {
	await tablet?.close();
	if (tablet) removeProfile(tablet);
	await relay?.dispose();
	if (relay) rmSync(relay.dataDir, { recursive: true, force: true });
});

/** Saves the page, or only the viewport for pages longer than a few screens. */
async function shoot(name: string, fullPage = true): Promise<void> {
	await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage });
}

describe('analysis screens on the regional ВПР file', () => {
	it('imports the file and reports its problems', async () => {
		await page.goto(`${relay.httpUrl}/analysis/import`);
		await page.setInputFiles('#results-file', resultsFile);
		await shoot('import-form-768');
		await page.getByRole('button', { name: 'Загрузить результаты' }).click();
		await page.getByRole('heading', { name: 'Отчёт об импорте' }).waitFor({ timeout: 30_000 });

		await expect(page.getByTestId('imported-rows').textContent()).resolves.toBe('26139');
		await expect(page.getByTestId('count-total-mismatch').textContent()).resolves.toBe('8');
		await expect(page.getByTestId('count-total-above-max').textContent()).resolves.toBe('1');
		await expect(page.getByTestId('count-points-above-max').textContent()).resolves.toBe('1');
		const firstMismatch = page.locator('tr[data-code="total-mismatch"]').first();
		await expect(firstMismatch.locator('td').nth(1).textContent()).resolves.toMatch(
			/^I «всего баллов»/
		);
		await shoot('import-report-768', false);
	});

	it('saves after the class labels are confirmed', async () => {
		const labels = page.locator('input[id^="class-"]');
		await expect(labels.count()).resolves.toBeGreaterThan(5);
		const flagged = page.locator('tr.flagged input');
		for (let i = 0; i < (await flagged.count()); i++) {
			if ((await flagged.nth(i).inputValue()).trim() === '')
				await flagged.nth(i).fill('без класса');
		}
		await page.getByRole('button', { name: 'Подтвердить и сохранить' }).click();
		await page.waitForURL(/\/analysis\/vpr-2021-5-/, { timeout: 30_000 });
		procedureUrl = page.url().split('?')[0];
		await page.getByRole('heading', { name: 'Распределение отметок' }).waitFor({ timeout: 30_000 });
		await shoot('overview-768');
	});

	it('shows position 1 solve rate with a decimal comma', async () => {
		await page.goto(`${procedureUrl}?view=tasks`);
		const rate = page.getByTestId('rate-0');
		await rate.waitFor({ timeout: 30_000 });
		await expect(rate.textContent()).resolves.toMatch(/^\s*60,6\s%\s*$/);
		await shoot('tasks-768');
	});

	it('downloads the tasks table as xlsx', async () => {
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Скачать xlsx' }).click();
		const file = await download;
		expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
		const sheet = readXlsx(new Uint8Array(await readFile((await file.path())!)));
		expect(sheet.rows[0][0]).toBe('Задание');
		expect(sheet.rows[1][3]).toBe(60.6);
	});

	it('filters by a school found by search', async () => {
		await page.locator('#school-search').fill('sch2202');
		await page.getByRole('option').nth(1).click();
		const classes = page.locator('#class-select option');
		await expect(classes.count()).resolves.toBeGreaterThan(1);
		await page.locator('#class-select').selectOption({ index: 1 });
		await page.getByRole('link', { name: 'Ученики' }).click();
		await page.locator('table.matrix tbody tr').first().waitFor();
		await expect(page.locator('td.absent, td.points').count()).resolves.toBeGreaterThan(0);
		await shoot('matrix-768');
	});

	it('lays out the screens at landscape width', async () => {
		await page.setViewportSize(landscapeViewport);
		for (const view of ['items', 'objectivity', 'tasks']) {
			await page.goto(`${procedureUrl}?view=${view}`);
			await page.locator('main h2').first().waitFor({ timeout: 30_000 });
			await shoot(`${view}-1280`);
		}
		// chart.js gives a canvas in an unsized parent no width; the tasks chart must span the card.
		const canvasWidth = await page
			.locator('canvas')
			.first()
			.evaluate((canvas) => canvas.clientWidth);
		expect(canvasWidth).toBeGreaterThan(600);
	});
	it('imports with a specification table file', async () => {
		const folder = 'vpr-2021-math-5';
		await page.goto(`${relay.httpUrl}/analysis/import`);
		await page.setInputFiles('#results-file', resultsFile);
		await page.locator('#spec-source').selectOption('file');
		await page.setInputFiles('#spec-tasks', dataFile(`${folder}/spec-tasks.xlsx`));
		await page.setInputFiles('#spec-kes', dataFile(`${folder}/spec-kes.xlsx`));
		await page.setInputFiles('#spec-kt', dataFile(`${folder}/spec-kt.xlsx`));
		await page.locator('#spec-year').fill('2021');
		await page.getByRole('button', { name: 'Загрузить результаты' }).click();
		await page.getByRole('heading', { name: 'Отчёт об импорте' }).waitFor({ timeout: 30_000 });
		await expect(page.getByTestId('count-total-mismatch').textContent()).resolves.toBe('8');
	});
});
