import {
	getPartMap,
	getPartRows,
	orderedRows,
	rowId,
	rowToJson,
	type EditSession
} from '$lib/coedit';
import { AppError } from '$lib/shared/errors';
import { roadmapSectionIds } from './roadmap.schema';
import { withoutUndefined } from './route-rows.ydoc';
import { personIdSchema } from './route-values.schema';
import {
	blocks,
	linkKey,
	linksMap,
	parseLinkKey,
	roadmapTextKeys,
	routeSections,
	sectionPart,
	type BlockName,
	type BlockPlainKey,
	type BlockTextKey,
	type BlockValues
} from './teacher-route.layout';
import {
	deficitGroups,
	routeFormatVersion,
	signOffRoles,
	teacherRouteSchema,
	type TeacherRoute
} from './teacher-route.schema';

export { readTeacherRoute, type InvalidValue, type ReadResult } from './read-route';

/*
 * Setting up a route and editing its blocks. Every change goes through an `EditSession`, which
 * records who changed which field and keeps the dated history; reading takes the Y.Doc.
 */

/** Initial values of a new route. The names prefill empty fields of block 1. */
export interface RouteInit {
	schoolId: string;
	teacherId: string;
	fullName?: string;
	school?: string;
	position?: string;
	subjectArea?: string;
}

/**
 * Sets up the route of one teacher. Idempotent, also across replicas: it only sets plain map
 * values that are absent, so two devices that both set up the route offline merge into one
 * route with no duplicated block, section or text. Throws `validation-failed` for an invalid
 * id and when the document already belongs to another teacher or school.
 */
export function initTeacherRoute(
	session: EditSession,
	init: RouteInit,
	now: Date = new Date()
): void {
	for (const key of ['schoolId', 'teacherId'] as const) {
		if (!personIdSchema.safeParse(init[key]).success) {
			const message = `Идентификатор ${key} «${init[key]}» недопустим: нужны латинские буквы, цифры, - или _.`;
			throw new AppError('validation-failed', message);
		}
	}
	const meta = getPartMap(session.doc, routeSections.route, 'meta');
	for (const key of ['schoolId', 'teacherId'] as const) {
		const current = meta.get(key);
		if (current !== undefined && current !== init[key]) {
			throw new AppError(
				'validation-failed',
				`Документ маршрута принадлежит другому учителю или школе (${key}: ${String(current)}).`
			);
		}
	}

	session.transact(() => {
		const values = {
			version: routeFormatVersion,
			schoolId: init.schoolId,
			teacherId: init.teacherId,
			createdAt: now.toISOString()
		};
		for (const [key, value] of Object.entries(values)) {
			if (!meta.has(key)) session.setValue(routeSections.route, 'meta', key, value);
		}
		const personal = getPartMap(session.doc, routeSections.personal, 'fields');
		for (const key of ['fullName', 'school', 'position', 'subjectArea'] as const) {
			if (init[key] && !personal.get(key))
				session.setValue(routeSections.personal, 'fields', key, init[key]);
		}
	});
}

/**
 * Sets one plain field of a block. The value is stored as given, valid or not, so nothing a
 * person entered is lost: a screen may store the typed string of a number or date field that
 * does not parse, and `readTeacherRoute` lists it. `undefined` clears the field.
 */
export function setRouteField<B extends BlockName, K extends BlockPlainKey<B>>(
	session: EditSession,
	block: B,
	key: K,
	value: BlockValues<B>[K] | string | undefined
): boolean {
	return session.setValue(blocks[block].section, 'fields', String(key), value);
}

/** Replaces a free-text field by diff, so a concurrent edit elsewhere in it survives. */
export function setRouteText<B extends BlockName>(
	session: EditSession,
	block: B,
	key: BlockTextKey<B>,
	value: string
): boolean {
	return session.setText(blocks[block].section, key, value);
}

export function setGoal(session: EditSession, value: string): boolean {
	return session.setText(routeSections.personal, 'goal', value);
}

/**
 * Writes a whole route into the document, for restoring a backup or importing a file.
 * Only what differs is changed, texts by diff, so writing what `readTeacherRoute` returned
 * changes nothing. Rows are matched by id: missing rows are deleted, new rows are inserted
 * after their predecessor in `route`, and existing rows keep their place.
 * Throws `validation-failed`, naming the first invalid field, when `route` is not valid.
 */
export function writeTeacherRoute(session: EditSession, route: TeacherRoute): void {
	const parsed = teacherRouteSchema.safeParse(route);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new AppError('validation-failed', `Поле ${issue.path.join('.')}: ${issue.message}`);
	}
	const valid = parsed.data;

	session.transact(() => {
		writeMap(session, routeSections.route, 'meta', valid.meta);
		writeBlock(session, 'personal', valid.personal);
		setGoal(session, valid.goal);
		for (const group of deficitGroups) {
			syncRows(session, routeSections.deficits, group, valid.deficits[group], ['text']);
		}
		const { results, ...diagnostics } = valid.diagnostics;
		writeBlock(session, 'diagnostics', diagnostics);
		syncRows(session, routeSections.diagnostics, 'results', results, ['competence', 'result']);

		const { sections, ...roadmap } = valid.roadmap;
		writeBlock(session, 'roadmap', roadmap);
		for (const section of roadmapSectionIds) {
			const rows = sections[section].map(({ deficitIds: _links, ...row }) => row);
			syncRows(session, routeSections.roadmap, sectionPart(section), rows, roadmapTextKeys);
		}
		writeLinks(
			session,
			roadmapSectionIds.flatMap((section) => sections[section])
		);

		writeBlock(session, 'closing', valid.closing);
		const signatures = Object.fromEntries(
			signOffRoles.map((role) => [role, valid.signatures[role]])
		);
		writeMap(session, routeSections.signatures, 'records', signatures);
		writeMap(session, routeSections.proposals, 'dismissed', valid.dismissedProposals, true);
	});
}

function writeBlock<B extends BlockName>(
	session: EditSession,
	block: B,
	values: BlockValues<B>
): void {
	const layout = blocks[block];
	const texts: readonly string[] = layout.texts;
	const record = values as Record<string, unknown>;
	const plain: Record<string, unknown> = {};
	for (const key of Object.keys(layout.schema.shape)) {
		if (texts.includes(key)) session.setText(layout.section, key, String(record[key] ?? ''));
		else plain[key] = record[key];
	}
	writeMap(session, layout.section, 'fields', plain);
}

/** Sets each key of `values`; with `exact`, keys of the map missing from `values` are deleted. */
function writeMap(
	session: EditSession,
	section: (typeof routeSections)[keyof typeof routeSections],
	part: string,
	values: Record<string, unknown>,
	exact = false
): void {
	if (exact) {
		for (const key of getPartMap(session.doc, section, part).keys()) {
			if (!(key in values)) session.setValue(section, part, key, undefined);
		}
	}
	for (const [key, value] of Object.entries(values)) session.setValue(section, part, key, value);
}

/** Makes a rows part hold `rows` by id: deletes the rest, updates cells, inserts new rows. */
function syncRows(
	session: EditSession,
	section: (typeof routeSections)[keyof typeof routeSections],
	part: string,
	rows: readonly { id: string }[],
	textColumns: readonly string[]
): void {
	const targetIds = new Set(rows.map((row) => row.id));
	const array = getPartRows(session.doc, section, part);
	for (const row of orderedRows(array)) {
		if (!targetIds.has(rowId(row))) session.deleteRow(section, part, rowId(row));
	}

	let index = 0;
	for (const row of rows) {
		const cells = row as Record<string, unknown>;
		const visible = orderedRows(array).map(rowId);
		const at = visible.indexOf(row.id);
		if (at < 0) {
			const { id, ...rest } = cells;
			session.insertRow(section, part, withoutUndefined(rest), { index, id: String(id) });
			index++;
			continue;
		}
		const current = rowToJson(orderedRows(array)[at]);
		for (const column of new Set([...Object.keys(current), ...Object.keys(cells)])) {
			if (column === 'id') continue;
			const value = textColumns.includes(column) ? String(cells[column] ?? '') : cells[column];
			session.setCell(section, part, row.id, column, value);
		}
		index = at + 1;
	}
}

function writeLinks(
	session: EditSession,
	rows: readonly { id: string; deficitIds: string[] }[]
): void {
	const targetKeys = new Set(
		rows.flatMap((row) => row.deficitIds.map((id) => linkKey(row.id, id)))
	);
	for (const key of linksMap(session.doc).keys()) {
		if (parseLinkKey(key) && !targetKeys.has(key))
			session.setValue(routeSections.roadmap, 'links', key, undefined);
	}
	for (const key of targetKeys) session.setValue(routeSections.roadmap, 'links', key, true);
}
