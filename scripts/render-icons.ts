// Renders the app icons from static/icons/icon.svg with Debian's Chromium. Run after changing
// the SVG: npx tsx scripts/render-icons.ts
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync('static/icons/icon.svg', 'utf8');
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
});
const page = await browser.newPage();

async function render(
	file: string,
	size: number,
	padding: number,
	background: string
): Promise<void> {
	await page.setViewportSize({ width: size, height: size });
	const inner = size - padding * 2;
	await page.setContent(
		`<body style="margin:0;background:${background}"><div style="padding:${padding}px;width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`
	);
	await page.screenshot({ path: file, omitBackground: background === 'transparent' });
}

await render('static/icons/icon-192.png', 192, 0, 'transparent');
await render('static/icons/icon-512.png', 512, 0, 'transparent');
// Maskable icons keep their content inside the central 80 % safe zone.
await render('static/icons/icon-maskable-512.png', 512, 52, '#1f5f8b');
await browser.close();
