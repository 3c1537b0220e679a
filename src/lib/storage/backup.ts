import * as Y from 'yjs';
import { z } from 'zod';
import { AppError } from '$lib/shared/errors';
import { decodeBase64Url, encodeBase64Url } from '$lib/shared/token';
import type { SchoolDatabase } from './db';
import { renderDocument } from './doc-render';
import { ensureDocument, listDocuments, openDocument, readStoredState } from './documents.repo';

/**
 * The device backup: one JSON file holding, for every document on the device, its whole Yjs
 * state (update format 2, base64url) and a readable rendering of its content. Importing
 * merges the states into the documents on the device, so nothing on either side is lost and
 * importing the same file twice changes nothing.
 */
export const BACKUP_FORMAT = 'school-route-backup';

const backupSchema = z.object({
	format: z.literal(BACKUP_FORMAT),
	version: z.literal(1),
	exportedAt: z.string(),
	device: z.string(),
	documents: z.array(
		z.object({
			id: z.string(),
			title: z.string(),
			kind: z.string(),
			updated: z.number(),
			updateV2: z.string(),
			content: z.unknown()
		})
	)
});

export type Backup = z.infer<typeof backupSchema>;

export async function exportBackup(db: SchoolDatabase, device: string): Promise<Backup> {
	const documents: Backup['documents'] = [];
	for (const row of await listDocuments(db)) {
		const state = await readStoredState(db, row.id);
		const doc = new Y.Doc({ gc: false });
		Y.applyUpdateV2(doc, state);
		documents.push({
			id: row.id,
			title: row.title,
			kind: row.kind,
			updated: row.updated,
			updateV2: encodeBase64Url(state),
			content: renderDocument(doc)
		});
		doc.destroy();
	}
	return {
		format: BACKUP_FORMAT,
		version: 1,
		exportedAt: new Date().toISOString(),
		device,
		documents
	};
}

/** Parses a backup file's text, naming what is wrong when it is not a backup of this app. */
export function parseBackup(text: string): Backup {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw new AppError('import-invalid', 'Файл не является резервной копией: это не JSON.');
	}
	const parsed = backupSchema.safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new AppError(
			'import-invalid',
			`Файл не является резервной копией приложения (поле ${issue.path.join('.') || 'format'}).`
		);
	}
	return parsed.data;
}

/** Merges every document of the backup into the device. Returns how many documents changed. */
export async function importBackup(db: SchoolDatabase, backup: Backup): Promise<number> {
	let changed = 0;
	for (const entry of backup.documents) {
		const update = decodeBase64Url(entry.updateV2);
		if (!update) throw new AppError('import-invalid', `Документ ${entry.id}: повреждены данные.`);
		await ensureDocument(db, { id: entry.id, title: entry.title });
		const opened = await openDocument(db, entry.id);
		try {
			const before = Y.encodeStateVector(opened.doc);
			Y.applyUpdateV2(opened.doc, update, 'backup-import');
			if (!sameVector(before, Y.encodeStateVector(opened.doc))) changed++;
		} finally {
			opened.release();
		}
	}
	return changed;
}

function sameVector(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
