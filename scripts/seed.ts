import * as Y from 'yjs';
import type { SqliteStore } from '../sync-server/sqlite-store';
import { buildDemoRoster, DEMO_SCHOOL_ID } from '../src/lib/roster/demo-school';
import { writeRoster } from '../src/lib/roster/roster.ydoc';
import { formatDocId } from '../src/lib/shared/doc-ids';
import { seedDemoDocuments } from './demo-documents';

/**
 * Applies `write` to the stored document and appends only what it changed. Writers that set
 * equal values as no-ops make seeding idempotent: a second run appends nothing.
 */
export async function seedDocument(
	store: SqliteStore,
	docId: string,
	write: (doc: Y.Doc) => void
): Promise<boolean> {
	const loaded = await store.loadDocument(docId);
	const doc = new Y.Doc({ gc: false });
	for (const update of loaded.updates) Y.applyUpdate(doc, update);
	const before = Y.encodeStateVector(doc);
	write(doc);
	const diff = Y.encodeStateAsUpdate(doc, before);
	const changed = Y.decodeUpdate(diff).structs.length > 0;
	if (changed) await store.appendUpdate(docId, diff);
	doc.destroy();
	return changed;
}

/** Seeds the demo school: its roster and its documents. Returns how many documents changed. */
export async function seedDemoSchool(store: SqliteStore): Promise<number> {
	const roster = buildDemoRoster();
	const rosterId = formatDocId({ kind: 'roster', school: DEMO_SCHOOL_ID });
	const rosterChanged = await seedDocument(store, rosterId, (doc) =>
		writeRoster(doc, roster, 'demo-seed')
	);
	const documents = await seedDemoDocuments(roster, (id, write) => seedDocument(store, id, write));
	return documents + (rosterChanged ? 1 : 0);
}
