import type * as Y from 'yjs';
import { findRow, getPartRows, type EditSession, type SectionLayout } from '$lib/coedit';
import { AppError } from '$lib/shared/errors';
import {
	roadmapSectionIds,
	roadmapSections,
	throughoutKinds,
	type RoadmapRow,
	type RoadmapRowKind,
	type RoadmapSectionId
} from './roadmap.schema';
import {
	deficitRows,
	linkKey,
	linksMap,
	parseLinkKey,
	roadmapTextKeys,
	routeSections,
	sectionPart,
	sectionRows
} from './teacher-route.layout';
import {
	deficitGroups,
	type CompetenceResult,
	type Deficit,
	type DeficitGroup,
	type Dismissal
} from './teacher-route.schema';

/*
 * Edits of single rows: deficits, competence results of the diagnostics, roadmap activities.
 * Rows are found by id, so a screen needs no index. An edit of a row that another device
 * deleted meanwhile changes nothing and returns false.
 */

/** Finds the group of a deficit, or null when no group has it. */
export function findDeficitGroup(doc: Y.Doc, id: string): DeficitGroup | null {
	return deficitGroups.find((group) => findRow(deficitRows(doc, group), id)) ?? null;
}

/** Finds the roadmap section of an activity, or null when no section has it. */
export function findRoadmapSection(doc: Y.Doc, id: string): RoadmapSectionId | null {
	return roadmapSectionIds.find((section) => findRow(sectionRows(doc, section), id)) ?? null;
}

export type NewDeficit = Omit<Deficit, 'id'> & { id?: string };

/**
 * Appends a deficit to a group and returns its id. A deficit whose id is already in the
 * route is left as it is, and its id is returned.
 */
export function addDeficit(session: EditSession, group: DeficitGroup, deficit: NewDeficit): string {
	const { id, ...cells } = deficit;
	if (id && findDeficitGroup(session.doc, id)) return id;
	return session.insertRow(routeSections.deficits, group, withoutUndefined(cells), { id });
}

export function setDeficitText(session: EditSession, id: string, text: string): boolean {
	const group = findDeficitGroup(session.doc, id);
	return group !== null && session.setCell(routeSections.deficits, group, id, 'text', text);
}

/**
 * Deletes a deficit and its links to roadmap rows. Removing a deficit that came from the
 * analysis records its proposal as dismissed, so the same proposal is not offered again.
 * Returns false when no deficit has this id.
 */
export function removeDeficit(session: EditSession, id: string, now: Date = new Date()): boolean {
	const group = findDeficitGroup(session.doc, id);
	if (!group) return false;
	const proposalKey = findRow(deficitRows(session.doc, group), id)?.row.get('proposalKey');

	session.transact(() => {
		deleteAllCopies(session, routeSections.deficits, group, id);
		for (const key of linksMap(session.doc).keys()) {
			if (parseLinkKey(key)?.deficitId === id)
				session.setValue(routeSections.roadmap, 'links', key, undefined);
		}
		if (typeof proposalKey === 'string') {
			const dismissal: Dismissal = { at: now.toISOString(), by: session.editor.personId };
			session.setValue(routeSections.proposals, 'dismissed', proposalKey, dismissal);
		}
	});
	return true;
}

export function addCompetenceResult(
	session: EditSession,
	values: Omit<CompetenceResult, 'id'>
): string {
	return session.insertRow(routeSections.diagnostics, 'results', values);
}

export function updateCompetenceResult(
	session: EditSession,
	id: string,
	patch: Partial<Omit<CompetenceResult, 'id'>>
): boolean {
	if (!findRow(getPartRows(session.doc, routeSections.diagnostics, 'results'), id)) return false;
	session.transact(() => {
		for (const [column, value] of Object.entries(patch)) {
			session.setCell(routeSections.diagnostics, 'results', id, column, value ?? '');
		}
	});
	return true;
}

export function removeCompetenceResult(session: EditSession, id: string): boolean {
	return session.deleteRow(routeSections.diagnostics, 'results', id);
}

export type RoadmapRowFields = Partial<Omit<RoadmapRow, 'id' | 'kind'>>;

/**
 * Appends an activity of `kind` to its section, links it to `fields.deficitIds`, and returns
 * its id. A kind whose deadline in the form is the whole term of the route starts with
 * `throughout` set. `id` is for rows the app derives from a source: a row with an id already
 * in the roadmap is left as it is. Throws `validation-failed` when the kind belongs to
 * another section.
 */
export function addRoadmapRow(
	session: EditSession,
	section: RoadmapSectionId,
	kind: RoadmapRowKind,
	fields: RoadmapRowFields = {},
	id?: string
): string {
	const kinds: readonly string[] = roadmapSections[section].kinds;
	if (!kinds.includes(kind)) {
		throw new AppError(
			'validation-failed',
			`Вид мероприятия ${kind} не относится к разделу ${section}.`
		);
	}
	if (id && findRoadmapSection(session.doc, id)) return id;

	const { deficitIds = [], ...cells } = fields;
	return session.transact(() => {
		const values = { throughout: throughoutKinds.has(kind), ...withoutUndefined(cells), kind };
		const rowId = session.insertRow(routeSections.roadmap, sectionPart(section), values, { id });
		for (const deficitId of deficitIds) linkDeficit(session, rowId, deficitId);
		return rowId;
	});
}

/** Changes fields of an activity; a field set to `undefined` is cleared. */
export function updateRoadmapRow(
	session: EditSession,
	id: string,
	patch: Omit<RoadmapRowFields, 'deficitIds'>
): boolean {
	const section = findRoadmapSection(session.doc, id);
	if (!section) return false;
	session.transact(() => {
		for (const [column, value] of Object.entries(patch)) {
			const cell = roadmapTextKeys.includes(column) ? (value ?? '') : value;
			session.setCell(routeSections.roadmap, sectionPart(section), id, column, cell);
		}
	});
	return true;
}

export function removeRoadmapRow(session: EditSession, id: string): boolean {
	const section = findRoadmapSection(session.doc, id);
	if (!section) return false;
	session.transact(() => {
		deleteAllCopies(session, routeSections.roadmap, sectionPart(section), id);
		for (const key of linksMap(session.doc).keys()) {
			if (parseLinkKey(key)?.rowId === id)
				session.setValue(routeSections.roadmap, 'links', key, undefined);
		}
	});
	return true;
}

/** Sets the completion mark: the date and the details of the confirming document. */
export function markRoadmapRowDone(
	session: EditSession,
	id: string,
	done: { date: string; document: string }
): boolean {
	return updateRoadmapRow(session, id, { doneDate: done.date, doneDocument: done.document });
}

export function clearRoadmapRowDone(session: EditSession, id: string): boolean {
	return updateRoadmapRow(session, id, { doneDate: undefined, doneDocument: '' });
}

/** Links a deficit to an activity. Returns false when either of them is not in the route. */
export function linkDeficit(session: EditSession, rowId: string, deficitId: string): boolean {
	if (!findRoadmapSection(session.doc, rowId) || !findDeficitGroup(session.doc, deficitId))
		return false;
	session.setValue(routeSections.roadmap, 'links', linkKey(rowId, deficitId), true);
	return true;
}

export function unlinkDeficit(session: EditSession, rowId: string, deficitId: string): boolean {
	return session.setValue(routeSections.roadmap, 'links', linkKey(rowId, deficitId), undefined);
}

/**
 * Deletes every row with this id from a part. Two devices that add a row with one derived id
 * offline, such as an accepted proposal, leave two copies of it.
 */
function deleteAllCopies(session: EditSession, section: SectionLayout, part: string, id: string) {
	let deleted = session.deleteRow(section, part, id);
	while (deleted) deleted = session.deleteRow(section, part, id);
}

export function withoutUndefined(values: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
