// Bundled for the open-document benchmark: exposes storage operations to the page.
import { createDatabase, updatesTableOf } from '$lib/storage/db';
import { ensureDocument, openDocument } from '$lib/storage/documents.repo';

const id = 'bench-school/trajectory/s1';

async function seed(updates: number): Promise<number> {
	const db = createDatabase('bench');
	await ensureDocument(db, { id, title: 'bench' });
	const opened = await openDocument(db, id);
	const text = opened.doc.getText('notes');
	for (let i = 0; i < updates; i++) text.insert(text.length, 'x');
	const table = updatesTableOf(db);
	while ((await table.count()) < updates) await new Promise((resolve) => setTimeout(resolve, 50));
	opened.release();
	db.close();
	return updates;
}

async function open(): Promise<{ ms: number; length: number }> {
	const db = createDatabase('bench');
	const start = performance.now();
	const opened = await openDocument(db, id);
	const ms = performance.now() - start;
	const length = opened.doc.getText('notes').length;
	opened.release();
	db.close();
	return { ms, length };
}

Object.assign(globalThis, { bench: { seed, open } });
