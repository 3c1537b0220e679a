import * as Y from 'yjs';
import {
	getPartMap,
	getPartRows,
	getPartText,
	getTextMapEntry,
	partLayout,
	textMapKeys,
	type PartLayout,
	type RowJson,
	type SectionJson,
	type SectionLayout
} from './layout';
import { orderedRows, rowId, rowPosition, type RowMap } from './rows';

/** Converts one row to plain JSON: Y.Text cells become strings, `pos` is left out. */
export function rowToJson(row: RowMap): RowJson {
	const json: RowJson = { id: rowId(row) };
	row.forEach((value, key) => {
		if (key === 'id' || key === 'pos') return;
		json[key] = value instanceof Y.AbstractType ? value.toJSON() : value;
	});
	return json;
}

/** A row with its position, for code that must keep or restore the order. */
export interface PositionedRow {
	row: RowJson;
	pos: string;
}

export function readPositionedRows(
	doc: Y.Doc,
	section: SectionLayout,
	part: string
): PositionedRow[] {
	return orderedRows(getPartRows(doc, section, part)).map((row) => ({
		row: rowToJson(row),
		pos: rowPosition(row)
	}));
}

function readTextMap(doc: Y.Doc, section: SectionLayout, part: string): Record<string, string> {
	const entries: Record<string, string> = {};
	for (const key of textMapKeys(doc, section, part)) {
		const value = getTextMapEntry(doc, section, part, key).toString();
		if (value.length > 0) entries[key] = value;
	}
	return entries;
}

/** Reads one part as plain JSON; empty textMap entries are left out. */
export function readPart(doc: Y.Doc, section: SectionLayout, part: string): unknown {
	const layout: PartLayout = partLayout(section, part);
	switch (layout.kind) {
		case 'text':
			return getPartText(doc, section, part).toString();
		case 'map':
			return getPartMap(doc, section, part).toJSON();
		case 'rows':
			return orderedRows(getPartRows(doc, section, part)).map(rowToJson);
		case 'textMap':
			return readTextMap(doc, section, part);
	}
}

/** Reads every part of a section as plain JSON, without validating the values. */
export function readSection<S extends SectionLayout>(doc: Y.Doc, section: S): SectionJson<S> {
	const json: Record<string, unknown> = {};
	for (const part of Object.keys(section.parts)) json[part] = readPart(doc, section, part);
	return json as SectionJson<S>;
}
