import { DexieYProvider } from 'y-dexie';
import * as Y from 'yjs';
import { AppError } from '$lib/shared/errors';
import { parseDocId, type DocKind } from '$lib/shared/doc-ids';
import { createLogger } from '$lib/shared/logger';
import { updatesTableOf, type DocumentRow, type SchoolDatabase } from './db';

const log = createLogger('storage');

export interface DocumentInfo {
	id: string;
	title: string;
}

/** A document loaded from IndexedDB; call `release` when the screen no longer shows it. */
export interface OpenedDocument {
	row: DocumentRow;
	doc: Y.Doc;
	release(): void;
}

function schoolAndOwner(id: string): { kind: DocKind; school: string; owner: string } {
	const ref = parseDocId(id);
	if (!ref) throw new AppError('room-invalid', id);
	switch (ref.kind) {
		case 'trajectory':
		case 'diary':
			return { kind: ref.kind, school: ref.school, owner: ref.student };
		case 'teacher-route':
			return { kind: ref.kind, school: ref.school, owner: ref.teacher };
		case 'quality-form':
			return { kind: ref.kind, school: ref.municipality, owner: '' };
		default:
			return { kind: ref.kind, school: ref.school, owner: '' };
	}
}

/**
 * Registers a document if the device does not hold it yet. Kind, school and owner are
 * derived from the id, so a registry entry can never disagree with the id.
 */
export async function ensureDocument(db: SchoolDatabase, info: DocumentInfo): Promise<DocumentRow> {
	const derived = schoolAndOwner(info.id);
	return db.transaction('rw', db.documents, async () => {
		const existing = await db.documents.get(info.id);
		if (existing) {
			if (info.title && existing.title !== info.title) {
				await db.documents.update(info.id, { title: info.title });
			}
			return (await db.documents.get(info.id))!;
		}
		await db.documents.add({
			id: info.id,
			title: info.title,
			updated: Date.now(),
			...derived
		} as DocumentRow);
		return (await db.documents.get(info.id))!;
	});
}

/**
 * Loads a registered document from IndexedDB. The returned Y.Doc keeps deleted content
 * (`gc` off) so that history snapshots can be read later; it resolves only after every
 * stored update has been applied, so a sync provider attached afterwards never sends a
 * partial state as if it were the whole document.
 */
export async function openDocument(db: SchoolDatabase, id: string): Promise<OpenedDocument> {
	const row = await db.documents.get(id);
	if (!row) throw new AppError('not-found', id);

	const doc = row.content;
	doc.gc = false;
	const provider = DexieYProvider.load(doc);
	await provider.whenLoaded;

	const touch = (_update: Uint8Array, origin: unknown) => {
		if (origin === provider) return;
		db.documents.update(id, { updated: Date.now() }).catch((error: unknown) => {
			log.warn('could not record the change time; the change itself is stored', { id, error });
		});
	};
	doc.on('update', touch);

	let released = false;
	return {
		row,
		doc,
		release() {
			if (released) return;
			released = true;
			doc.off('update', touch);
			DexieYProvider.release(doc);
		}
	};
}

/** Lists registered documents, newest change first. */
export async function listDocuments(
	db: SchoolDatabase,
	filter: { kind?: DocKind; school?: string; owner?: string } = {}
): Promise<DocumentRow[]> {
	let rows = filter.kind
		? await db.documents.where('kind').equals(filter.kind).toArray()
		: await db.documents.toArray();
	if (filter.school) rows = rows.filter((row) => row.school === filter.school);
	if (filter.owner) rows = rows.filter((row) => row.owner === filter.owner);
	return rows.sort((a, b) => b.updated - a.updated);
}

/** The whole stored state of a document as one update, read without loading it. */
export async function readStoredState(db: SchoolDatabase, id: string): Promise<Uint8Array> {
	const rows = await updatesTableOf(db).where('k').equals(id).toArray();
	return Y.mergeUpdatesV2(rows.map((row) => row.u));
}

/**
 * Merges a document's stored updates into one row. The merge keeps deleted content, unlike
 * a round trip through a garbage-collected Y.Doc. The merged row takes the highest row id
 * and stays flagged local when any merged row was, so sync bookkeeping by row id still holds.
 */
export async function compactDocument(db: SchoolDatabase, id: string): Promise<number> {
	const table = updatesTableOf(db);
	return db.transaction('rw', table, async () => {
		const rows = await table.where('k').equals(id).sortBy('i');
		if (rows.length < 2) return rows.length;

		const last = rows[rows.length - 1];
		const merged = Y.mergeUpdatesV2(rows.map((row) => row.u));
		const local = rows.some((row) => (row.f ?? 0) & 1);
		await table.bulkDelete(rows.slice(0, -1).map((row) => row.i));
		await table.put({ i: last.i, k: id, u: merged, ...(local ? { f: 1 } : {}) });
		return rows.length;
	});
}
