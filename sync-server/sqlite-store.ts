import Database from 'better-sqlite3';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { ensureDataDir } from './config';
import { enrolmentTables } from './enrolment/enrolment-tables';
import { SqliteEnrolmentStore } from './enrolment/enrolment-store';
import type {
	AppendResult,
	CompactionResult,
	CorruptRow,
	DocumentStore,
	LoadedDocument
} from './persistence';

export const databaseFileName = 'relay.sqlite';
export const schemaVersion = 2;

/**
 * Statements that bring a database from the version before the key up to the key. Version
 * 1 is `schema` below, which every open runs. Each step is idempotent, because a CLI and the
 * relay may open an old database at the same moment.
 */
const migrations: Record<number, string> = {
	2: enrolmentTables
};

const schema = `
CREATE TABLE IF NOT EXISTS documents (
	doc_id TEXT PRIMARY KEY,
	last_seq INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS updates (
	doc_id TEXT NOT NULL,
	seq INTEGER NOT NULL,
	data BLOB NOT NULL,
	byte_length INTEGER NOT NULL,
	checksum INTEGER NOT NULL,
	PRIMARY KEY (doc_id, seq)
);
CREATE TABLE IF NOT EXISTS quarantined_updates (
	doc_id TEXT NOT NULL,
	seq INTEGER NOT NULL,
	data BLOB NOT NULL,
	byte_length INTEGER NOT NULL,
	checksum INTEGER NOT NULL,
	reason TEXT NOT NULL,
	quarantined_at INTEGER NOT NULL,
	PRIMARY KEY (doc_id, seq)
);
CREATE TABLE IF NOT EXISTS revoked_devices (
	school TEXT NOT NULL,
	device TEXT NOT NULL,
	revoked_at INTEGER NOT NULL,
	PRIMARY KEY (school, device)
);
`;

interface UpdateRow {
	seq: number;
	data: Buffer;
	byte_length: number;
	checksum: number;
}

function checkRow(row: UpdateRow): CorruptRow['reason'] | null {
	if (row.data.length !== row.byte_length) return 'length-mismatch';
	if (crc32(row.data) !== row.checksum) return 'checksum-mismatch';
	return null;
}

function asBytes(data: Buffer): Uint8Array {
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Opens the relay's database in `dataDir`, creating the folder and tables when missing. */
export function openDatabase(dataDir: string): Database.Database {
	ensureDataDir(dataDir);
	const db = new Database(join(dataDir, databaseFileName));
	db.pragma('journal_mode = WAL');
	// NORMAL in WAL mode writes every commit to the WAL file before returning, so a killed
	// process (SIGKILL, crash) loses nothing. Only a power cut can lose the last commits,
	// because the WAL is synced at checkpoints only. Those updates still exist on the devices
	// that sent them, and Yjs sync sends them again on the next connection. FULL would sync
	// on every update, which is slow on the SD cards and cheap disks of school servers.
	db.pragma('synchronous = NORMAL');
	// The CLI may write while the relay runs; wait for the other writer instead of failing.
	db.pragma('busy_timeout = 5000');
	db.exec(schema);
	const version = db.pragma('user_version', { simple: true }) as number;
	if (version > schemaVersion) {
		db.close();
		throw new Error(
			`The database in ${dataDir} has schema version ${version}, newer than this relay supports (${schemaVersion}); run a newer relay.`
		);
	}
	if (version < schemaVersion) migrate(db);
	return db;
}

function migrate(db: Database.Database): void {
	const upgrade = db.transaction(() => {
		// Read again under the write lock: another process may have migrated meanwhile.
		const version = db.pragma('user_version', { simple: true }) as number;
		for (let next = Math.max(version, 1) + 1; next <= schemaVersion; next++) {
			db.exec(migrations[next]);
		}
		db.pragma(`user_version = ${schemaVersion}`);
	});
	upgrade.immediate();
}

function prepareStatements(db: Database.Database) {
	return {
		bumpSeq: db.prepare<[string, number]>(
			`INSERT INTO documents (doc_id, last_seq, updated_at) VALUES (?, 1, ?)
			 ON CONFLICT (doc_id) DO UPDATE SET last_seq = last_seq + 1, updated_at = excluded.updated_at
			 RETURNING last_seq`
		),
		insertUpdate: db.prepare<[string, number, Uint8Array, number, number]>(
			'INSERT INTO updates (doc_id, seq, data, byte_length, checksum) VALUES (?, ?, ?, ?, ?)'
		),
		countRows: db.prepare<[string]>('SELECT count(*) AS n FROM updates WHERE doc_id = ?'),
		selectRows: db.prepare<[string]>(
			'SELECT seq, data, byte_length, checksum FROM updates WHERE doc_id = ? ORDER BY seq'
		),
		version: db.prepare<[string]>('SELECT last_seq FROM documents WHERE doc_id = ?'),
		deleteRow: db.prepare<[string, number]>('DELETE FROM updates WHERE doc_id = ? AND seq = ?'),
		quarantine: db.prepare<[string, number, string, number]>(
			`INSERT OR REPLACE INTO quarantined_updates
			 (doc_id, seq, data, byte_length, checksum, reason, quarantined_at)
			 SELECT doc_id, seq, data, byte_length, checksum, ?, ? FROM updates WHERE doc_id = ? AND seq = ?`
		),
		// Ids are [A-Za-z0-9_-] segments joined by '/', so every id with the prefix
		// `school/` sorts between `school/` and `school0` ('0' follows '/' in ASCII).
		// LIKE would treat '_' in ids as a wildcard.
		listRange: db.prepare<[string, string]>(
			'SELECT doc_id, last_seq FROM documents WHERE doc_id >= ? AND doc_id < ? ORDER BY doc_id'
		),
		revokedAt: db.prepare<[string, string]>(
			'SELECT revoked_at FROM revoked_devices WHERE school = ? AND device = ?'
		),
		revoke: db.prepare<[string, string, number]>(
			`INSERT INTO revoked_devices (school, device, revoked_at) VALUES (?, ?, ?)
			 ON CONFLICT (school, device) DO UPDATE SET revoked_at = excluded.revoked_at`
		)
	};
}

/**
 * The SQLite implementation of DocumentStore. Its methods are synchronous (better-sqlite3),
 * which also makes it usable from scripts that seed data without an event loop in between.
 */
export class SqliteStore implements DocumentStore {
	/** Schools, invitations and enrolled devices, on the same connection. */
	readonly enrolment: SqliteEnrolmentStore;
	private readonly db: Database.Database;
	private readonly statements: ReturnType<typeof prepareStatements>;

	constructor(dataDir: string) {
		this.db = openDatabase(dataDir);
		this.statements = prepareStatements(this.db);
		this.enrolment = new SqliteEnrolmentStore(this.db);
	}

	appendUpdate(docId: string, update: Uint8Array): AppendResult {
		const append = this.db.transaction(() => {
			const { last_seq: seq } = this.statements.bumpSeq.get(docId, Date.now()) as {
				last_seq: number;
			};
			this.statements.insertUpdate.run(docId, seq, update, update.length, crc32(update));
			const { n } = this.statements.countRows.get(docId) as { n: number };
			return { seq, storedRows: n };
		});
		// IMMEDIATE takes the write lock first, so a concurrent CLI writer waits instead of
		// failing halfway with SQLITE_BUSY.
		return append.immediate();
	}

	loadDocument(docId: string): LoadedDocument {
		const read = this.db.transaction(() => {
			const rows = this.statements.selectRows.all(docId) as UpdateRow[];
			const version = this.statements.version.get(docId) as { last_seq: number } | undefined;
			return { rows, version: version?.last_seq ?? 0 };
		});
		const { rows, version } = read();
		const updates: Uint8Array[] = [];
		const corrupt: CorruptRow[] = [];
		for (const row of rows) {
			const reason = checkRow(row);
			if (reason) corrupt.push({ seq: row.seq, reason });
			else updates.push(asBytes(row.data));
		}
		return { updates, corrupt, version };
	}

	compactDocument(docId: string, merge: (updates: Uint8Array[]) => Uint8Array): CompactionResult {
		const compact = this.db.transaction((): CompactionResult => {
			const rows = this.statements.selectRows.all(docId) as UpdateRow[];
			const valid: UpdateRow[] = [];
			let quarantinedRows = 0;
			let bytesBefore = 0;
			for (const row of rows) {
				bytesBefore += row.data.length;
				const reason = checkRow(row);
				if (reason === null) {
					valid.push(row);
					continue;
				}
				this.statements.quarantine.run(reason, Date.now(), docId, row.seq);
				this.statements.deleteRow.run(docId, row.seq);
				quarantinedRows++;
			}
			if (valid.length < 2) {
				const bytesAfter = valid.reduce((sum, row) => sum + row.data.length, 0);
				return { mergedRows: 0, quarantinedRows, bytesBefore, bytesAfter };
			}
			const merged = merge(valid.map((row) => asBytes(row.data)));
			const lastSeq = valid[valid.length - 1].seq;
			for (const row of valid) this.statements.deleteRow.run(docId, row.seq);
			this.statements.insertUpdate.run(docId, lastSeq, merged, merged.length, crc32(merged));
			return { mergedRows: valid.length, quarantinedRows, bytesBefore, bytesAfter: merged.length };
		});
		return compact.immediate();
	}

	listVersions(prefix: string): Map<string, number> {
		const upper = prefix.endsWith('/') ? prefix.slice(0, -1) + '0' : prefix + '\uffff';
		const rows = this.statements.listRange.all(prefix, upper) as {
			doc_id: string;
			last_seq: number;
		}[];
		return new Map(rows.map((row) => [row.doc_id, row.last_seq]));
	}

	deviceRevokedAt(school: string, device: string): number | null {
		const row = this.statements.revokedAt.get(school, device) as { revoked_at: number } | undefined;
		return row?.revoked_at ?? null;
	}

	revokeDevice(school: string, device: string, atSeconds: number): void {
		this.statements.revoke.run(school, device, atSeconds);
	}

	close(): void {
		if (this.db.open) this.db.close();
	}
}
