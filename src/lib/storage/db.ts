import { Dexie, type EntityTable, type Table } from 'dexie';
import yDexie from 'y-dexie';
import type * as Y from 'yjs';
import type { DocKind } from '$lib/shared/doc-ids';
import { applySchemaVersions } from './schema-versions';

/** One entry of the document registry; `content` is the Y.Doc kept by y-dexie. */
export interface DocumentRow {
	id: string;
	kind: DocKind;
	title: string;
	school: string;
	/** The person the document belongs to: a student, a teacher, or '' for school documents. */
	owner: string;
	/** Last local or remote change, ms since the epoch. */
	updated: number;
	readonly content: Y.Doc;
}

/** Sync bookkeeping per document. */
export interface SyncStateRow {
	docId: string;
	/** The relay's version last seen for this document, or 0. */
	serverVersion: number;
	/** Highest local update row id known to have reached the relay. */
	sentUntil: number;
	lastSyncedAt: number;
}

export interface SettingRow {
	key: string;
	value: unknown;
}

/** Query projections of the roster, rebuilt whenever the roster document changes. */
export interface StudentRow {
	id: string;
	school: string;
	fullName: string;
	classId: string;
	classLabel: string;
	tutorId: string;
}

export interface ClassRow {
	id: string;
	school: string;
	label: string;
	grade: number;
	tutorId: string;
}

export interface PersonRow {
	id: string;
	school: string;
	fullName: string;
	role: string;
	subjects: string[];
}

/** A short summary of a document, projected for lists (group views, route lists). */
export interface SummaryRow {
	docId: string;
	kind: DocKind;
	school: string;
	owner: string;
	summary: Record<string, unknown>;
	updated: number;
}

export type SchoolDatabase = Dexie & {
	documents: EntityTable<DocumentRow, 'id'>;
	syncState: EntityTable<SyncStateRow, 'docId'>;
	settings: EntityTable<SettingRow, 'key'>;
	students: EntityTable<StudentRow, 'id'>;
	classes: EntityTable<ClassRow, 'id'>;
	people: EntityTable<PersonRow, 'id'>;
	summaries: EntityTable<SummaryRow, 'docId'>;
};

export const DATABASE_NAME = 'school-route';

/**
 * Opens the one database of the app. y-dexie's own compaction is turned off (`gc: false`)
 * because it merges updates into a garbage-collected document, which would erase the
 * deleted content that history snapshots need; `compactDocument` merges without that.
 */
export function createDatabase(name = DATABASE_NAME, upToVersion?: number): SchoolDatabase {
	const yjsAddon = yDexie({ gc: false }) as (db: Dexie) => void;
	const db = new Dexie(name, { addons: [yjsAddon] }) as SchoolDatabase;
	applySchemaVersions(db, upToVersion);
	return db;
}

/** The name of the table where y-dexie keeps a document table's updates. */
export function updatesTableOf(
	db: SchoolDatabase
): Table<{ i: number; k: string; u: Uint8Array; f?: number }, number> {
	return db.table('$documents.content_updates');
}
