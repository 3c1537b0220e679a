import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_ADMIN_ID, DEMO_SCHOOL_ID, DEMO_TUTOR_ID } from '../../src/lib/roster/demo-school';
import { signInLink } from '../../src/lib/shared/enrolment-code';
import { startAppServer } from '../support/app-server';
import { landscapeViewport, openTablet, removeProfile, type Tablet } from '../support/browser';
import type { RelayProcess } from '../support/relay-process';

// The deputy director's tablet is enrolled with the code that `create-school` prints, invites
// the tutor from the device page, and revokes the tutor's tablet after it synced.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const studentPath = '/trajectories/student-5a-01';

let relay: RelayProcess;
const tablets: Tablet[] = [];
let admin: Page;
let tutor: Page;
let tutorDevice = '';

function runCli(args: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			['--import', 'tsx', 'sync-server/cli.ts', ...args],
			{
				cwd: repoRoot,
				env: { ...process.env, RELAY_DATA_DIR: relay.dataDir, RELAY_SECRET: relay.secret }
			},
			(error, stdout, stderr) =>
				error ? reject(new Error(stderr || error.message)) : resolve(stdout)
		);
	});
}

async function newTablet(): Promise<Page> {
	const tablet = await openTablet({ viewport: landscapeViewport });
	tablets.push(tablet);
	return tablet.context.pages()[0] ?? (await tablet.context.newPage());
}

function syncState(page: Page) {
	return page.locator('[data-sync-state]').getAttribute('data-sync-state');
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
});

describe('enrolment in the browser', () => {
	it('enrols the administrator with the code of create-school', async () => {
		const printed = await runCli([
			'create-school',
			'--school',
			DEMO_SCHOOL_ID,
			'--name',
			'Демонстрационная школа',
			'--person',
			DEMO_ADMIN_ID
		]);
		const code = /code for .+: ([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(printed)?.[1];
		expect(code).toBeDefined();

		admin = await newTablet();
		await admin.goto(signInLink(relay.httpUrl, (code as string).replace('-', '')));
		await admin.waitForURL(`${relay.httpUrl}/`);

		await admin.goto(`${relay.httpUrl}/settings`);
		await expect.poll(() => admin.getByText('Демонстрационная школа').count()).toBeGreaterThan(0);
	});

	it('invites the tutor by code and QR code', async () => {
		await admin.goto(`${relay.httpUrl}/settings/devices`);
		await admin.getByLabel('Роль').selectOption('tutor');
		await admin.getByLabel('Кого приглашаем').selectOption(DEMO_TUTOR_ID);
		await admin.getByRole('button', { name: 'Создать приглашение' }).click();

		const card = admin.getByTestId('invitation');
		const code = (await card.getByTestId('invitation-code').textContent())?.trim() ?? '';
		const qr = await card.getByRole('img').getAttribute('src');
		const expected = await QRCode.toString(signInLink(relay.httpUrl, code.replace('-', '')), {
			type: 'svg',
			errorCorrectionLevel: 'M',
			margin: 1
		});

		expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
		expect(decodeURIComponent((qr ?? '').replace(/^data:image\/svg\+xml;charset=utf-8,/, ''))).toBe(
			expected
		);
		await expect.poll(() => admin.getByText('Кузнецова Ирина Петровна').count()).toBeGreaterThan(0);

		tutor = await newTablet();
		await tutor.goto(`${relay.httpUrl}/signin`);
		await tutor.getByLabel('Код приглашения').fill(code.toLowerCase());
		await tutor.getByRole('button', { name: 'Войти' }).click();
		await tutor.waitForURL(`${relay.httpUrl}/`);
		const enrolled = await relay.waitForEvent(
			'device-enrolled',
			(line) => line.person === DEMO_TUTOR_ID
		);
		tutorDevice = String(enrolled.device);
	});

	it('syncs the roster to the tutor’s tablet', async () => {
		await tutor.goto(`${relay.httpUrl}/trajectories`);
		await expect
			.poll(() => tutor.locator(`a[href="${studentPath}"]`).count(), { timeout: 15_000 })
			.toBe(1);

		await tutor.goto(`${relay.httpUrl}${studentPath}`);
		await expect.poll(() => syncState(tutor), { timeout: 15_000 }).toBe('synced');
	});

	it('revokes the tutor’s tablet, which then stops syncing', async () => {
		await admin.getByRole('button', { name: 'Обновить список' }).click();
		const row = admin.locator(`tr[data-device="${tutorDevice}"]`);
		await row.getByRole('button', { name: 'Отключить' }).click();
		await row.getByRole('button', { name: 'Да, отключить' }).click();
		await expect.poll(() => row.getByText(/Отключено/).count()).toBe(1);

		await expect.poll(() => syncState(tutor)).toBe('error');
		await expect
			.poll(() => tutor.locator('[data-sync-state]').textContent())
			.toContain('Это устройство отключено администратором школы');

		const opened = () =>
			relay.events('connection-open').filter((line) => line.device === tutorDevice).length;
		const openedAfterRevoke = opened();
		const refusedBefore = (await relay.health()).counters.connectionsRefused;
		await tutor.waitForTimeout(4000);

		expect(opened()).toBe(openedAfterRevoke);
		expect((await relay.health()).counters.connectionsRefused).toBe(refusedBefore);
		expect(await syncState(tutor)).toBe('error');
	});
});
