import * as Y from 'yjs';
import { roles, type Role } from '$lib/shared/access';
import { createLogger } from '$lib/shared/logger';
import {
	decodeRanges,
	encodeRanges,
	mergeRanges,
	rangesFromDeleteSet,
	subtractRanges,
	toDeleteSet,
	type DeletedRanges
} from './delete-ranges';
import type { Editor } from './identity';

/**
 * Dated history kept in the document, so every replica lists the same changes. It is a
 * top-level Y.Map of chunks, each written once and never rewritten (with gc disabled every
 * rewritten value would stay in the document). A chunk covers a run of one person's changes
 * on one replica on one day: the sections they changed, the replica's own Yjs clock after the
 * last of them and the items its local transactions deleted meanwhile.
 *
 * Because each replica records its own clock, the state at the end of a day is exact: every
 * replica's items up to its last recorded clock of that day or earlier, minus the deletions
 * recorded by then. Items and deletions a closed session left unrecorded are recorded, dated
 * that day, by the next session opened on the document. Replicas that never appear in a
 * chunk (an import, a setup script) count as done before any day. Reading an old state needs
 * the deleted content, so documents must be created with `gc: false`.
 */

const log = createLogger('coedit-history');

export const historyTypeName = 'coedit/history';

export interface HistoryChunk {
	/** Local calendar day of the editing device, `YYYY-MM-DD`. */
	day: string;
	personId: string;
	name: string;
	role: Role;
	clientId: number;
	/** Section ids changed in this chunk, sorted; empty for a chunk of deletions only. */
	sections: string[];
	/** Times of the first and last change the chunk covers, ISO 8601 UTC. */
	firstAt: string;
	lastAt: string;
	/**
	 * Yjs clocks the chunk covers, as `[clientId, clock]` pairs: the replica's own clock after
	 * the last covered change, and in a recovery chunk those of replicas left unrecorded.
	 */
	clocks: [number, number][];
	/** `encodeRanges` of the items the replica's local transactions deleted in this chunk. */
	deletions: Uint8Array;
}

/** Returns the local calendar day of `date` as `YYYY-MM-DD`. */
export function localDay(date: Date): string {
	const month = String(date.getMonth() + 1).padStart(2, '0');
	const day = String(date.getDate()).padStart(2, '0');
	return `${date.getFullYear()}-${month}-${day}`;
}

export function historyMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(historyTypeName);
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

function isClockList(value: unknown): value is [number, number][] {
	return (
		Array.isArray(value) &&
		value.every(
			(pair) =>
				Array.isArray(pair) && pair.length === 2 && pair.every((n) => Number.isSafeInteger(n))
		)
	);
}

function toChunk(value: unknown): HistoryChunk | null {
	if (typeof value !== 'object' || value === null) return null;
	const chunk = value as Record<string, unknown>;
	const strings = ['day', 'personId', 'name', 'firstAt', 'lastAt'] as const;
	if (!strings.every((key) => typeof chunk[key] === 'string')) return null;
	if (!dayPattern.test(chunk.day as string) || !roles.includes(chunk.role as Role)) return null;
	if (!Number.isInteger(chunk.clientId) || !isClockList(chunk.clocks)) return null;
	if (!(chunk.deletions instanceof Uint8Array)) return null;
	if (!Array.isArray(chunk.sections) || !chunk.sections.every((s) => typeof s === 'string')) {
		return null;
	}
	return chunk as unknown as HistoryChunk;
}

/** Returns every well-formed chunk; malformed ones are skipped. */
export function historyChunks(doc: Y.Doc): HistoryChunk[] {
	const chunks: HistoryChunk[] = [];
	historyMap(doc).forEach((value) => {
		const chunk = toChunk(value);
		if (chunk) chunks.push(chunk);
	});
	return chunks;
}

export interface ChunkContent {
	day: string;
	sections: Iterable<string>;
	firstAt: Date;
	lastAt: Date;
	deletions: DeletedRanges;
	/** Clocks of other replicas to record, for a recovery chunk. */
	otherClocks?: [number, number][];
}

/**
 * Writes one chunk for this replica. Call it inside the transaction of the last change it
 * covers, or after it, before this replica changes anything else.
 */
export function writeHistoryChunk(doc: Y.Doc, editor: Editor, content: ChunkContent): void {
	const clock = Y.getState(doc.store, doc.clientID);
	// The chunk itself is one more item (a map value takes one clock), and it covers itself, so
	// that the next session finds nothing of this replica left unrecorded.
	const covered = clock + 1;
	const clocks: [number, number][] = [[doc.clientID, covered], ...(content.otherClocks ?? [])];
	const chunk: HistoryChunk = {
		day: content.day,
		personId: editor.personId,
		name: editor.name,
		role: editor.role,
		clientId: doc.clientID,
		sections: [...new Set(content.sections)].sort(),
		firstAt: content.firstAt.toISOString(),
		lastAt: content.lastAt.toISOString(),
		clocks,
		deletions: encodeRanges(content.deletions)
	};
	// The own clock before this write is unique, so keys never collide or get rewritten.
	historyMap(doc).set(`${content.day}/${editor.personId}/${doc.clientID}/${clock}`, chunk);
}

function decodeChunkDeletions(chunk: HistoryChunk): DeletedRanges | null {
	try {
		return decodeRanges(chunk.deletions);
	} catch (error) {
		log.warn('skipped the deletions of a history chunk that cannot be decoded', {
			day: chunk.day,
			personId: chunk.personId,
			error: String(error)
		});
		return null;
	}
}

/**
 * Returns the deletions in the document that no chunk records: those of sessions closed
 * before they wrote their last chunk. A new session records them so later days see them.
 */
export function unrecordedDeletions(doc: Y.Doc): DeletedRanges {
	const recorded = historyChunks(doc)
		.map(decodeChunkDeletions)
		.filter((ranges): ranges is DeletedRanges => ranges !== null);
	const current = rangesFromDeleteSet(Y.createDeleteSetFromStructStore(doc.store));
	return subtractRanges(current, mergeRanges(recorded));
}

/**
 * Returns `[clientId, clock]` for every replica that has recorded chunks but has items past
 * its last recorded clock: a session closed before it wrote its last chunk.
 */
export function unrecordedClocks(doc: Y.Doc): [number, number][] {
	const recorded = new Map<number, number>();
	for (const chunk of historyChunks(doc)) {
		for (const [client, clock] of chunk.clocks) {
			recorded.set(client, Math.max(clock, recorded.get(client) ?? 0));
		}
	}
	const leftover: [number, number][] = [];
	for (const [client, clock] of recorded) {
		const state = Y.getState(doc.store, client);
		if (state > clock && client !== doc.clientID) leftover.push([client, state]);
	}
	return leftover;
}

/**
 * Returns the snapshot of the document at the end of `day`, or null when no chunk was
 * recorded on or before that day. Clocks this replica has not received yet are capped at what
 * it has, so the snapshot can be read here.
 */
export function snapshotAtEndOfDay(doc: Y.Doc, day: string): Y.Snapshot | null {
	const stateVector = new Map<number, number>();
	const recordingClients = new Set<number>();
	const deletions: DeletedRanges[] = [];
	let found = false;
	for (const chunk of historyChunks(doc)) {
		for (const [client] of chunk.clocks) recordingClients.add(client);
		if (chunk.day > day) continue;
		found = true;
		const ranges = decodeChunkDeletions(chunk);
		if (ranges) deletions.push(ranges);
		for (const [client, recorded] of chunk.clocks) {
			const clock = Math.min(recorded, Y.getState(doc.store, client));
			if (clock > (stateVector.get(client) ?? 0)) stateVector.set(client, clock);
		}
	}
	if (!found) return null;
	for (const client of doc.store.clients.keys()) {
		if (!recordingClients.has(client)) stateVector.set(client, Y.getState(doc.store, client));
	}
	closeCausally(doc, stateVector);
	return Y.createSnapshot(toDeleteSet(mergeRanges(deletions)), stateVector);
}

/**
 * Raises `stateVector` until every included item's left and right origins and parent are
 * included too. A replica's items are dated by its own chunks, so items a closed session left
 * unrecorded get a later day than the changes other replicas built on them meanwhile. Without
 * this, Yjs would hold those later changes back as missing their dependencies.
 */
function closeCausally(doc: Y.Doc, stateVector: Map<number, number>): void {
	// Returns whether `id` was missing and is included now. A dependency this replica lacks
	// cannot be included, so the cap at the local state also ends the loop.
	const include = (id: Y.ID | null): boolean => {
		if (id === null) return false;
		const current = stateVector.get(id.client) ?? 0;
		const wanted = Math.min(id.clock + 1, Y.getState(doc.store, id.client));
		if (wanted <= current) return false;
		stateVector.set(id.client, wanted);
		return true;
	};
	let raised = true;
	while (raised) {
		raised = false;
		for (const [client, structs] of doc.store.clients) {
			const limit = stateVector.get(client) ?? 0;
			for (const struct of structs) {
				if (struct.id.clock >= limit) break;
				if (!(struct instanceof Y.Item)) continue;
				const parent = struct.parent instanceof Y.AbstractType ? struct.parent._item : null;
				const left = include(struct.origin);
				const right = include(struct.rightOrigin);
				const above = include(parent?.id ?? null);
				if (left || right || above) raised = true;
			}
		}
	}
}

/**
 * Returns a separate document holding `doc` as it was at the end of `day` (changes to the copy
 * never reach `doc`), or null when no change was recorded on or before that day.
 * Throws when `doc` was created with gc on.
 */
export function docAtEndOfDay(doc: Y.Doc, day: string): Y.Doc | null {
	if (doc.gc) {
		throw new Error('Reading an earlier state needs a document created with { gc: false }.');
	}
	const snapshot = snapshotAtEndOfDay(doc, day);
	return snapshot ? Y.createDocFromSnapshot(doc, snapshot, new Y.Doc({ gc: false })) : null;
}

export interface PersonChanges {
	personId: string;
	name: string;
	role: Role;
	/** Sections changed that day, sorted. */
	sections: string[];
	firstAt: string;
	lastAt: string;
}

export interface DayChanges {
	day: string;
	/** Sorted by the time of their first change that day, then by name. */
	people: PersonChanges[];
}

/**
 * Lists who changed which sections, grouped by day (newest first) and person, combining the
 * chunks of one person from all replicas. With `section`, only changes to that section (or
 * below it, `section/...`) are listed.
 */
export function listChanges(doc: Y.Doc, section?: string): DayChanges[] {
	const days = new Map<string, Map<string, PersonChanges>>();
	for (const chunk of historyChunks(doc)) {
		const sections = chunk.sections.filter(
			(id) => section === undefined || id === section || id.startsWith(`${section}/`)
		);
		if (sections.length === 0) continue;
		let people = days.get(chunk.day);
		if (!people) days.set(chunk.day, (people = new Map()));
		const known = people.get(chunk.personId);
		if (!known) {
			const { personId, name, role, firstAt, lastAt } = chunk;
			people.set(personId, { personId, name, role, sections, firstAt, lastAt });
			continue;
		}
		known.sections = [...new Set([...known.sections, ...sections])].sort();
		if (Date.parse(chunk.firstAt) < Date.parse(known.firstAt)) known.firstAt = chunk.firstAt;
		if (Date.parse(chunk.lastAt) > Date.parse(known.lastAt)) known.lastAt = chunk.lastAt;
	}
	return [...days.entries()]
		.sort(([a], [b]) => b.localeCompare(a))
		.map(([day, people]) => ({
			day,
			people: [...people.values()].sort(
				(a, b) =>
					Date.parse(a.firstAt) - Date.parse(b.firstAt) || a.name.localeCompare(b.name, 'ru')
			)
		}));
}
