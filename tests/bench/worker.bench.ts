/**
 * Times the analytics worker round trip in Debian's Chromium on the built app: importing
 * the regional ВПР 2021 export (26,139 rows, xlsx bytes in, matrix and report out) and
 * analysing it (matrix in, every table out). The figures are the page's own User Timing
 * measures `analytics-worker:<request>`, from posting the request to the parsed response, so
 * page rendering is not included. Needs `npx vite build` first.
 * Run alone with `npx tsx tests/bench/worker.bench.ts`.
 */
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { DEMO_ADMIN_ID } from '../../src/lib/roster/demo-school';
import { startAppServer, signInUrl } from '../support/app-server';
import { openTablet, removeProfile } from '../support/browser';
import { dataFile } from '../support/data-path';

const importRuns = 3;
const analyseRuns = 5;
const timeoutMs = 60_000;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function measures(page: Page, name: string): Promise<number[]> {
	return page.evaluate(
		(entry) => performance.getEntriesByName(entry, 'measure').map((measure) => measure.duration),
		`analytics-worker:${name}`
	);
}

async function importOnce(page: Page, file: string): Promise<void> {
	await page.setInputFiles('#results-file', file);
	await page.getByRole('button', { name: 'Загрузить результаты' }).click();
	await page.getByRole('heading', { name: 'Отчёт об импорте' }).waitFor({ timeout: timeoutMs });
}

export async function run(): Promise<Record<string, number>> {
	const file = dataFile('vpr-2021-math-5/results-region-fis-oko-export.xlsx');
	const relay = await startAppServer();
	const tablet = await openTablet();
	try {
		const page = tablet.context.pages()[0] ?? (await tablet.context.newPage());
		await page.goto(signInUrl(relay, 'admin', DEMO_ADMIN_ID));
		await page.waitForURL(`${relay.httpUrl}/`);

		await page.goto(`${relay.httpUrl}/analysis/import`);
		for (let i = 0; i < importRuns; i++) {
			if (i > 0) await page.getByRole('button', { name: 'Выбрать другой файл' }).click();
			await importOnce(page, file);
		}
		const imports = await measures(page, 'import-results');

		const labels = page.locator('input[id^="class-"]');
		for (let i = 0; i < (await labels.count()); i++) {
			if ((await labels.nth(i).inputValue()).trim() === '') await labels.nth(i).fill('без класса');
		}
		await page.getByRole('button', { name: 'Подтвердить и сохранить' }).click();
		await page.waitForURL(/\/analysis\/vpr-/, { timeout: timeoutMs });
		const procedureUrl = page.url().split('?')[0];
		const analyses: number[] = [];
		for (let i = 0; i < analyseRuns; i++) {
			// A fresh load starts a fresh worker, so every run includes loading the module.
			await page.goto(`${procedureUrl}?view=tasks`);
			await page.getByTestId('rate-0').waitFor({ timeout: timeoutMs });
			analyses.push(...(await measures(page, 'analyse')));
		}

		const results = {
			import_first_ms: imports[0],
			import_median_ms: median(imports),
			analyse_first_ms: analyses[0],
			analyse_median_ms: median(analyses),
			import_runs: imports.length,
			analyse_runs: analyses.length
		};
		console.log('worker round trip in Chromium (regional ВПР file):', results);
		return results;
	} finally {
		await tablet.close();
		removeProfile(tablet);
		await relay.dispose();
		rmSync(relay.dataDir, { recursive: true, force: true });
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	await run();
}
