import type * as Y from 'yjs';
import type { DocKind } from '$lib/shared/doc-ids';
import { createLogger } from '$lib/shared/logger';
import { readRoster } from '$lib/roster/roster.ydoc';
import type { SchoolDatabase } from './db';

const log = createLogger('projections');

/**
 * Rebuilds the roster tables of one school from its roster document in one transaction,
 * so a page never reads half of an old roster and half of a new one.
 */
export async function rebuildRosterProjection(
	db: SchoolDatabase,
	school: string,
	doc: Y.Doc
): Promise<void> {
	const { roster, invalid } = readRoster(doc);
	if (invalid.length > 0)
		log.warn('roster entries failed validation and are not listed', { school, invalid });
	log.debug('rebuilding the roster projection', { school, students: roster.students.length });

	const classLabel = new Map(roster.classes.map((c) => [c.id, c.label]));
	const classTutor = new Map(roster.classes.map((c) => [c.id, c.tutorId ?? '']));
	await db.transaction('rw', db.students, db.classes, db.people, async () => {
		await db.students.where('school').equals(school).delete();
		await db.classes.where('school').equals(school).delete();
		await db.people.where('school').equals(school).delete();
		await db.classes.bulkPut(
			roster.classes.map((c) => ({
				id: c.id,
				school,
				label: c.label,
				grade: c.grade,
				tutorId: c.tutorId ?? ''
			}))
		);
		await db.people.bulkPut(
			roster.people.map((p) => ({
				id: p.id,
				school,
				fullName: p.fullName,
				role: p.role,
				subjects: p.subjects
			}))
		);
		await db.students.bulkPut(
			roster.students.map((s) => ({
				id: s.id,
				school,
				fullName: s.fullName,
				classId: s.classId,
				classLabel: classLabel.get(s.classId) ?? '',
				tutorId: s.tutorId ?? classTutor.get(s.classId) ?? ''
			}))
		);
	});
}

export type Summariser = (doc: Y.Doc) => Record<string, unknown>;

const summarisers = new Map<DocKind, Summariser>();

/** Registers how documents of one kind are summarised for list views. */
export function registerSummariser(kind: DocKind, summarise: Summariser): void {
	summarisers.set(kind, summarise);
}

/** Rebuilds the summary row of one document; kinds without a summariser have none. */
export async function rebuildSummary(db: SchoolDatabase, docId: string, doc: Y.Doc): Promise<void> {
	const row = await db.documents.get(docId);
	const summarise = row && summarisers.get(row.kind);
	if (!row || !summarise) return;

	await db.summaries.put({
		docId,
		kind: row.kind,
		school: row.school,
		owner: row.owner,
		summary: summarise(doc),
		updated: row.updated
	});
}

/** Rebuilds whatever is projected from one document: the roster tables or its summary. */
export function rebuildProjections(db: SchoolDatabase, docId: string, doc: Y.Doc): Promise<void> {
	const [school, kind] = docId.split('/');
	if (kind === 'roster') return rebuildRosterProjection(db, school, doc);
	return rebuildSummary(db, docId, doc);
}

/**
 * Keeps the projections of an open document current: rebuilds them after changes settle,
 * so typing does not rewrite tables on every keystroke. Returns the function that stops it.
 */
export function keepProjected(
	db: SchoolDatabase,
	docId: string,
	doc: Y.Doc,
	delayMs = 300
): () => void {
	let timer: ReturnType<typeof setTimeout> | null = null;
	const rebuild = () => {
		timer = null;
		rebuildProjections(db, docId, doc).catch((error: unknown) =>
			log.error('projection rebuild failed; lists may be stale', { docId, error })
		);
	};
	const onUpdate = () => {
		if (timer) clearTimeout(timer);
		timer = setTimeout(rebuild, delayMs);
	};
	doc.on('update', onUpdate);
	rebuild();
	return () => {
		doc.off('update', onUpdate);
		if (timer) clearTimeout(timer);
	};
}
