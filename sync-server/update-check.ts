import * as Y from 'yjs';

/**
 * Tells whether applying `update` would change `doc`: new structs, or deletions of items
 * the document still has. Clients reply to every sync step 1 with a step 2, which is usually
 * empty apart from their whole delete set. Storing those would grow the version on every
 * connection, and devices that sync in the background when a version grows would then
 * sync forever.
 *
 * Pending structs (whose dependencies are missing) are not counted as known, so an update
 * that repeats them counts as a change. That costs a duplicate row and a version step,
 * never a lost update: telling a repeat from a gap-filling update among pending structs
 * would need their exact ranges, and a wrong guess would drop data.
 */
export function changesDocument(doc: Y.Doc, update: Uint8Array): boolean {
	const { to } = Y.parseUpdateMeta(update);
	for (const [client, clock] of to) {
		if (clock > Y.getState(doc.store, client)) return true;
	}
	const { ds } = Y.decodeUpdate(update);
	for (const [client, ranges] of ds.clients) {
		for (const range of ranges) {
			if (!isDeletedRange(doc, client, range.clock, range.len)) return true;
		}
	}
	return false;
}

function isDeletedRange(doc: Y.Doc, client: number, clock: number, length: number): boolean {
	const end = clock + length;
	// Deleting items the document has not received yet is stored as a pending deletion.
	if (end > Y.getState(doc.store, client)) return false;
	const structs = doc.store.clients.get(client);
	if (!structs) return false;
	for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
		const struct = structs[i];
		if (struct.id.clock >= end) break;
		if (!struct.deleted) return false;
	}
	return true;
}
