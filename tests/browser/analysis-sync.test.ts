import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_ADMIN_ID, DEMO_SCHOOL_ID } from '../../src/lib/roster/demo-school';
import { builtinSpecification } from '../../src/lib/worker/builtin-specs';
import { startAppServer, signInUrl } from '../support/app-server';
import { openTablet, removeProfile, type Tablet } from '../support/browser';
import type { RelayProcess } from '../support/relay-process';

// A school protocol of ВПР 2021 mathematics grade 5 with rows of three demo-school classes.
// The maths teacher of 10А teaches neither 5А nor 5Б.
const classRows: [string, number][] = [
	['5а', 3],
	['5б', 2],
	['10а', 3]
];

function protocolCsv(): string {
	const tasks = builtinSpecification('vpr-2021-math-5')!.spec.tasks;
	const header = [
		'Код',
		'Вариант',
		'Наименование класса',
		'Пол',
		'Отметка за предыдущую четверть',
		...tasks.map((task) => `${task.label} (${task.maxPoints}б)`),
		'Итого баллов'
	];
	const lines = [header.join(';')];
	let code = 1000;
	for (const [label, count] of classRows) {
		for (let i = 0; i < count; i++) {
			const cells = tasks.map((task, p) => String((i + p) % (task.maxPoints + 1)));
			const total = cells.reduce((sum, cell) => sum + Number(cell), 0);
			lines.push([code++, 1, label, 'ж', 4, ...cells, total].join(';'));
		}
	}
	return lines.join('\r\n');
}

let relay: RelayProcess;
const tablets: Tablet[] = [];
let folder: string;

async function tabletPage(): Promise<Page> {
	const tablet = await openTablet();
	tablets.push(tablet);
	return tablet.context.pages()[0] ?? (await tablet.context.newPage());
}

async function relayHolds(prefix: string, token: string): Promise<string[]> {
	const response = await fetch(`${relay.httpUrl}/api/versions`, {
		headers: { authorization: `Bearer ${token}` }
	});
	const body = (await response.json()) as { versions: Record<string, number> };
	return Object.keys(body.versions).filter((id) => id.startsWith(prefix));
}

beforeAll(async () => {
	folder = mkdtempSync(join(tmpdir(), 'protocol-'));
	relay = await startAppServer();
});

afterAll(async () => {
	for (const tablet of tablets) {
		await tablet.close();
		removeProfile(tablet);
	}
	await relay?.dispose();
	if (relay) rmSync(relay.dataDir, { recursive: true, force: true });
	rmSync(folder, { recursive: true, force: true });
});

describe('school procedure shared through the relay', () => {
	let procedureId = '';

	it('publishes each class as its own document', async () => {
		const file = join(folder, 'протокол-5-10.csv');
		writeFileSync(file, protocolCsv());
		const admin = await tabletPage();
		await admin.goto(signInUrl(relay, 'admin', DEMO_ADMIN_ID));
		await admin.waitForURL(`${relay.httpUrl}/`);

		await admin.goto(`${relay.httpUrl}/analysis/import`);
		await admin.setInputFiles('#results-file', file);
		await admin.getByRole('button', { name: 'Загрузить результаты' }).click();
		await admin.getByRole('heading', { name: 'Классы' }).waitFor({ timeout: 20_000 });
		await admin.getByLabel(/Результаты школы/).check();
		await admin.getByRole('button', { name: 'Подтвердить и сохранить' }).click();
		await admin.waitForURL(/\/analysis\/vpr-2021-5-/, { timeout: 20_000 });
		procedureId = new URL(admin.url()).pathname.split('/')[2];

		// A new page load starts the background sync, which sends the new documents.
		await admin.reload();
		const token = relay.token({ sub: DEMO_ADMIN_ID, school: DEMO_SCHOOL_ID, role: 'admin' });
		const prefix = `${DEMO_SCHOOL_ID}/procedure/${procedureId}`;
		const deadline = Date.now() + 20_000;
		let held: string[] = [];
		while (held.length < 4 && Date.now() < deadline) {
			held = await relayHolds(prefix, token);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		expect(held.sort()).toEqual([
			prefix,
			`${prefix}/class/10A`,
			`${prefix}/class/5A`,
			`${prefix}/class/5B`
		]);
	});

	it('shows a teacher only the classes they teach', async () => {
		const teacher = await tabletPage();
		await teacher.goto(signInUrl(relay, 'teacher', 'teacher-math10'));
		await teacher.waitForURL(`${relay.httpUrl}/`);
		await teacher.goto(`${relay.httpUrl}/analysis`);
		await teacher.locator(`a[href="/analysis/${procedureId}"]`).click();
		await teacher
			.getByRole('heading', { name: 'Распределение отметок' })
			.waitFor({ timeout: 20_000 });
		await expect(teacher.locator('main p.muted').first().textContent()).resolves.toMatch(
			/^\s*3\s+участника/
		);
		await teacher.getByRole('link', { name: 'Ученики' }).click();
		const classes = await teacher.locator('table.matrix tbody td:nth-child(2)').allTextContents();
		expect(new Set(classes)).toEqual(new Set(['10А']));
	});
});
