import type * as Y from 'yjs';
import type { z } from 'zod';
import {
	getPartRows,
	jsonEqual,
	orderedRows,
	readPart,
	rowToJson,
	validateFields,
	type FieldShape,
	type InvalidValue,
	type RowJson,
	type SectionLayout
} from '$lib/coedit';
import {
	roadmapRowSchema,
	roadmapSectionIds,
	roadmapSections,
	type RoadmapRow
} from './roadmap.schema';
import { rowIdSchema } from './route-values.schema';
import {
	blocks,
	linksMap,
	parseLinkKey,
	routeSections,
	sectionPart,
	type BlockName,
	type BlockValues
} from './teacher-route.layout';
import {
	competenceResultSchema,
	deficitGroups,
	deficitSchema,
	dismissalSchema,
	routeFormatVersion,
	routeMetaSchema,
	signOffSchema,
	type CompetenceResult,
	type Deficit,
	type Dismissal,
	type TeacherRoute
} from './teacher-route.schema';

export type { InvalidValue };

export interface ReadResult {
	route: TeacherRoute;
	/**
	 * Values that failed validation, and pairs of dates in the wrong order. Each value stays
	 * in the document untouched, and `route` has the field's default in its place. The screen
	 * shows `value` with `message` at `path`, which is the path the authorship records use.
	 */
	invalid: InvalidValue[];
}

/** Reads the whole route from its document, validating every field on its own. */
export function readTeacherRoute(doc: Y.Doc): ReadResult {
	const invalid: InvalidValue[] = [];
	const deficits = readDeficits(doc, invalid);
	const deficitOrder = deficitGroups.flatMap((group) => deficits[group].map((d) => d.id));

	const route: TeacherRoute = {
		meta: readMeta(doc, invalid),
		personal: readBlock(doc, 'personal', invalid),
		goal: readPart(doc, routeSections.personal, 'goal') as string,
		deficits,
		diagnostics: {
			...readBlock(doc, 'diagnostics', invalid),
			results: readRows<CompetenceResult>(doc, routeSections.diagnostics, 'results', {
				schema: competenceResultSchema,
				required: [],
				seen: new Map(),
				invalid
			})
		},
		roadmap: {
			...readBlock(doc, 'roadmap', invalid),
			sections: readSections(doc, deficitOrder, invalid)
		},
		closing: readBlock(doc, 'closing', invalid),
		signatures: readSignatures(doc, invalid),
		dismissedProposals: readDismissed(doc, invalid)
	};
	checkDateOrder(route.roadmap.start, route.roadmap.end, 'roadmap/fields/end', invalid);
	return { route, invalid };
}

function readBlock<B extends BlockName>(doc: Y.Doc, block: B, invalid: InvalidValue[]) {
	const layout = blocks[block];
	const texts: readonly string[] = layout.texts;
	const shape: FieldShape = {};
	for (const [key, schema] of Object.entries(layout.schema.shape)) {
		if (!texts.includes(key)) shape[key] = schema as z.ZodType;
	}
	const fields = readPart(doc, layout.section, 'fields') as Record<string, unknown>;
	const values = validateFields(shape, fields, `${layout.section.id}/fields`, invalid);
	for (const key of texts) values[key] = readPart(doc, layout.section, key);
	return values as BlockValues<B>;
}

function readMeta(doc: Y.Doc, invalid: InvalidValue[]): TeacherRoute['meta'] {
	const raw = readPart(doc, routeSections.route, 'meta');
	const parsed = routeMetaSchema.safeParse(raw);
	if (!parsed.success) {
		const message = 'Маршрут не создан: не указаны школа и учитель. Создайте маршрут заново.';
		invalid.push({ path: 'route/meta', value: raw, message });
		return { version: routeFormatVersion, schoolId: '', teacherId: '' };
	}
	if (parsed.data.version > routeFormatVersion) {
		invalid.push({
			path: 'route/meta/version',
			value: parsed.data.version,
			message:
				'Маршрут сохранён более новой версией приложения. Обновите приложение на этом устройстве.'
		});
	}
	return parsed.data;
}

interface RowReading {
	schema: z.ZodObject;
	/** Fields without which a row cannot be shown; a row failing one is listed and skipped. */
	required: readonly string[];
	/** Ids already read, with their content, shared by parts whose ids are unique together. */
	seen: Map<string, RowJson>;
	invalid: InvalidValue[];
	/** Returns a message to list and skip a row that is valid field by field. */
	reject?: (row: RowJson) => string | null;
}

/**
 * Reads the rows of a part in their visible order. Two rows with one id are the same row
 * added on two devices (rows the app derives from a source have derived ids): the first is
 * kept, and a later one is listed only when its content differs.
 */
function readRows<T extends { id: string }>(
	doc: Y.Doc,
	section: SectionLayout,
	part: string,
	reading: RowReading
): T[] {
	const { schema, required, seen, invalid } = reading;
	const path = `${section.id}/${part}`;
	const rows: T[] = [];
	for (const raw of orderedRows(getPartRows(doc, section, part)).map(rowToJson)) {
		if (!rowIdSchema.safeParse(raw.id).success) {
			invalid.push({ path, value: raw, message: 'У строки нет идентификатора; она не показана.' });
			continue;
		}
		const rowPath = `${path}/${raw.id}`;
		const earlier = seen.get(raw.id);
		if (earlier) {
			const message = 'Строка добавлена дважды на разных устройствах; показан первый вариант.';
			if (!jsonEqual(earlier, raw)) invalid.push({ path: rowPath, value: raw, message });
			continue;
		}
		seen.set(raw.id, raw);

		const shape: FieldShape = {};
		for (const [key, field] of Object.entries(schema.shape))
			if (key !== 'id') shape[key] = field as z.ZodType;
		const values = validateFields(shape, raw, rowPath, invalid);
		// validateFields reads a failed field with no default as null.
		const missing = required.some((key) => values[key] === null);
		const rejection = missing ? null : (reading.reject?.(raw) ?? null);
		if (rejection) invalid.push({ path: rowPath, value: raw, message: rejection });
		if (missing || rejection) continue;
		rows.push({ ...values, id: raw.id } as T);
	}
	return rows;
}

function readDeficits(doc: Y.Doc, invalid: InvalidValue[]): TeacherRoute['deficits'] {
	const seen = new Map<string, RowJson>();
	const result = {} as TeacherRoute['deficits'];
	for (const group of deficitGroups) {
		result[group] = readRows<Deficit>(doc, routeSections.deficits, group, {
			schema: deficitSchema,
			required: ['source'],
			seen,
			invalid
		});
		for (const row of result[group]) {
			if (row.source !== 'analysis' || row.evidence) continue;
			invalid.push({
				path: `deficits/${group}/${row.id}/evidence`,
				value: undefined,
				message: 'У дефицита из анализа результатов нет данных анализа.'
			});
		}
	}
	return result;
}

/** `deficitOrder` lists the route's deficit ids; a row's links follow that order. */
function readSections(
	doc: Y.Doc,
	deficitOrder: readonly string[],
	invalid: InvalidValue[]
): TeacherRoute['roadmap']['sections'] {
	const linked = readLinks(doc);
	// Links live in their own map, not in the row.
	const schema = roadmapRowSchema.omit({ deficitIds: true });
	const seen = new Map<string, RowJson>();
	const sections = {} as TeacherRoute['roadmap']['sections'];
	for (const section of roadmapSectionIds) {
		const kinds: readonly unknown[] = roadmapSections[section].kinds;
		const rows = readRows<Omit<RoadmapRow, 'deficitIds'>>(
			doc,
			routeSections.roadmap,
			sectionPart(section),
			{
				schema,
				required: ['kind'],
				seen,
				invalid,
				reject: (row) =>
					kinds.includes(row.kind) ? null : `Вид мероприятия не относится к разделу ${section}.`
			}
		);
		sections[section] = rows.map((row) => {
			const ids = linked.get(row.id);
			const path = `roadmap/${sectionPart(section)}/${row.id}/end`;
			checkDateOrder(row.start, row.end, path, invalid);
			return { ...row, deficitIds: ids ? deficitOrder.filter((id) => ids.has(id)) : [] };
		});
	}
	return sections;
}

/**
 * Returns the deficit ids linked to each row. A link whose row or deficit was deleted on
 * another device meanwhile is left out without a message, because it contains nothing a person
 * typed.
 */
function readLinks(doc: Y.Doc): Map<string, Set<string>> {
	const linked = new Map<string, Set<string>>();
	linksMap(doc).forEach((value, key) => {
		const link = parseLinkKey(key);
		if (value !== true || !link) return;
		const ids = linked.get(link.rowId) ?? new Set<string>();
		ids.add(link.deficitId);
		linked.set(link.rowId, ids);
	});
	return linked;
}

function checkDateOrder(
	start: string | undefined,
	end: string | undefined,
	path: string,
	invalid: InvalidValue[]
): void {
	if (!start || !end || start <= end) return;
	const message = `Дата окончания ${end} раньше даты начала ${start}. Исправьте одну из дат.`;
	invalid.push({ path, value: end, message });
}

function readSignatures(doc: Y.Doc, invalid: InvalidValue[]): TeacherRoute['signatures'] {
	const records = readPart(doc, routeSections.signatures, 'records') as Record<string, unknown>;
	const shape = { deputy: signOffSchema.optional(), teacher: signOffSchema.optional() };
	return validateFields(
		shape,
		records,
		'signatures/records',
		invalid
	) as TeacherRoute['signatures'];
}

function readDismissed(doc: Y.Doc, invalid: InvalidValue[]): Record<string, Dismissal> {
	const records = readPart(doc, routeSections.proposals, 'dismissed') as Record<string, unknown>;
	const dismissed: Record<string, Dismissal> = {};
	for (const [key, raw] of Object.entries(records)) {
		const parsed = dismissalSchema.safeParse(raw);
		if (parsed.success) dismissed[key] = parsed.data;
		else
			invalid.push({
				path: `proposals/dismissed/${key}`,
				value: raw,
				message: 'Запись об отклонённом предложении повреждена.'
			});
	}
	return dismissed;
}
