import * as Y from 'yjs';
import { parseDocId } from '../src/lib/shared/doc-ids';
import { SqliteStore } from './sqlite-store';

/** The relay's storage as scripts see it, e.g. a demo seed writing documents. */
export interface SeedStore {
	/** Checks and stores one Yjs update; returns the document's new version. */
	appendUpdate(docId: string, update: Uint8Array): number;
	/** Builds the document from its stored updates, leaving out corrupt rows. */
	readDoc(docId: string): Y.Doc;
	close(): void;
}

/**
 * Opens the relay's database in `dataDir` for scripts. Documents that the running relay has
 * loaded keep their in-memory state until they are unloaded, so seed while the relay is
 * stopped, or seed documents that no client has open.
 */
export function openStore(dataDir: string): SeedStore {
	const store = new SqliteStore(dataDir);
	return {
		appendUpdate(docId, update) {
			if (!parseDocId(docId)) throw new Error(`Invalid document id "${docId}".`);
			try {
				Y.decodeUpdate(update);
			} catch (error) {
				throw new Error(`The update for "${docId}" is not a Yjs update (v1).`, { cause: error });
			}
			return store.appendUpdate(docId, update).seq;
		},
		readDoc(docId) {
			const doc = new Y.Doc({ gc: false });
			const { updates } = store.loadDocument(docId);
			doc.transact(() => {
				for (const update of updates) Y.applyUpdate(doc, update);
			});
			return doc;
		},
		close: () => store.close()
	};
}
