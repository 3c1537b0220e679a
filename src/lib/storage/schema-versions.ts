import type { Dexie, Transaction } from 'dexie';

/**
 * Every schema the database has had, oldest first. A new version is appended here with
 * an upgrade that carries existing data forward; a version is never edited once released,
 * and data is never cleared to change the schema.
 */
interface SchemaVersion {
	version: number;
	stores: Record<string, string | null>;
	upgrade?: (tx: Transaction) => Promise<void>;
}

export const schemaVersions: SchemaVersion[] = [
	{
		version: 1,
		stores: {
			documents: 'id, kind, school, updated, content: Y.Doc',
			syncState: 'docId',
			settings: 'key',
			students: 'id, school, classId',
			classes: 'id, school, grade',
			people: 'id, school, role'
		}
	},
	{
		// Adds the owner index to the registry and the summaries projection; owners of
		// documents created before are derived from their ids.
		version: 2,
		stores: {
			documents: 'id, kind, school, owner, updated, content: Y.Doc',
			students: 'id, school, classId, tutorId',
			summaries: 'docId, kind, school, owner'
		},
		upgrade: async (tx) => {
			await tx
				.table('documents')
				.toCollection()
				.modify((row: { id: string; owner?: string; title?: string }) => {
					row.owner ??= ownerFromId(row.id);
					row.title ??= '';
				});
			await tx
				.table('students')
				.toCollection()
				.modify((row: { tutorId?: string }) => {
					row.tutorId ??= '';
				});
		}
	},
	{
		// Adds the imported results: one matrix with its specification and import report per
		// procedure. Nothing existed before, so there is nothing to carry forward.
		version: 3,
		stores: {
			results: 'procedureId, school, importedAt'
		}
	}
];

export const latestSchemaVersion = schemaVersions[schemaVersions.length - 1].version;

function ownerFromId(id: string): string {
	const parts = id.split('/');
	const personal = ['trajectory', 'diary', 'teacher-route'];
	return parts.length === 3 && personal.includes(parts[1]) ? parts[2] : '';
}

/** Declares the versions up to `upTo` (all by default); tests open older ones. */
export function applySchemaVersions(db: Dexie, upTo = latestSchemaVersion): void {
	for (const step of schemaVersions) {
		if (step.version > upTo) break;
		const version = db.version(step.version).stores(step.stores);
		if (step.upgrade) version.upgrade(step.upgrade);
	}
}
