/**
 * The storage contract of the relay. Every method may return a value or a promise, and the
 * relay awaits each one, so an asynchronous store (PostgreSQL) can replace the synchronous
 * SQLite one without changes elsewhere.
 *
 * Invariants every implementation keeps:
 * - `appendUpdate` stores the update durably before it returns; the relay applies and
 *   forwards an update only after that.
 * - A document's version (its update sequence number) only grows, also across compaction.
 * - A stored row whose checksum or length does not match is never returned as an update;
 *   it is listed in `corrupt` so the caller can report it.
 */

export type MaybePromise<T> = T | Promise<T>;

export interface AppendResult {
	/** The sequence number given to this update, which is the document's new version. */
	seq: number;
	/** Update rows now stored for the document, used to decide when to compact. */
	storedRows: number;
}

export interface CorruptRow {
	seq: number;
	reason: 'length-mismatch' | 'checksum-mismatch';
}

export interface LoadedDocument {
	/** Valid updates in sequence order. */
	updates: Uint8Array[];
	/** Rows that failed their integrity check and were left out of `updates`. */
	corrupt: CorruptRow[];
	/** 0 for a document that was never stored. */
	version: number;
}

export interface CompactionResult {
	/** Valid rows merged into one. */
	mergedRows: number;
	/** Corrupt rows moved out of the document into quarantine. */
	quarantinedRows: number;
	bytesBefore: number;
	bytesAfter: number;
}

export interface DocumentStore {
	appendUpdate(docId: string, update: Uint8Array): MaybePromise<AppendResult>;
	loadDocument(docId: string): MaybePromise<LoadedDocument>;
	/**
	 * Merges all valid rows of a document into one, with the highest merged sequence number,
	 * in one transaction. `merge` combines updates (Y.mergeUpdates).
	 */
	compactDocument(
		docId: string,
		merge: (updates: Uint8Array[]) => Uint8Array
	): MaybePromise<CompactionResult>;
	/** Versions of the stored documents whose id starts with `prefix`. */
	listVersions(prefix: string): MaybePromise<Map<string, number>>;
	/** The time a device was revoked (seconds since the epoch), or null if it never was. */
	deviceRevokedAt(school: string, device: string): MaybePromise<number | null>;
	revokeDevice(school: string, device: string, atSeconds: number): MaybePromise<void>;
	close(): MaybePromise<void>;
}
