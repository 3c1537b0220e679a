import * as Y from 'yjs';

/**
 * How a co-edited document is laid out. A document is split into sections (the unit of
 * history and restore), and a section into parts. Every part is a top-level shared type named
 * `{section}/{part}`, because top-level types are found by name on every replica: two replicas
 * that create the same part offline get one type after merging. A nested type created at a key
 * by two replicas would instead keep only one of them, with the other replica's edits.
 *
 * Part kinds:
 * - `text`: one Y.Text, edited by diff so concurrent typing merges;
 * - `map`: one Y.Map of plain JSON values, last writer wins per key;
 * - `rows`: a Y.Array of Y.Map rows with stable ids and fractional positions. The columns named
 *   in `textColumns` are Y.Text created together with the row, and the others plain values;
 * - `textMap`: a family of Y.Text addressed by key, each its own top-level type
 *   `{section}/{part}/{key}`, for grids whose cells exist before anyone writes to them.
 *
 * Field paths for authorship follow the same names: `{section}/{part}` for a text,
 * `{section}/{part}/{key}` for a map value or a textMap entry, `{section}/{part}/{rowId}` for
 * a row and `{section}/{part}/{rowId}/{column}` for a cell.
 */

export type PartLayout =
	| { readonly kind: 'text' }
	| { readonly kind: 'map' }
	| { readonly kind: 'rows'; readonly textColumns: readonly string[] }
	| { readonly kind: 'textMap' };

export interface SectionLayout<P extends Record<string, PartLayout> = Record<string, PartLayout>> {
	/** Path-like id, e.g. `spheres/academic`; also the prefix of its parts' type names. */
	readonly id: string;
	readonly parts: P;
}

/** A row as plain JSON: its id and its cells (Y.Text cells as strings). */
export interface RowJson {
	id: string;
	[column: string]: unknown;
}

type PartJson<P extends PartLayout> = P extends { kind: 'text' }
	? string
	: P extends { kind: 'map' }
		? Record<string, unknown>
		: P extends { kind: 'rows' }
			? RowJson[]
			: Record<string, string>;

/** A section as plain JSON, part by part. */
export type SectionJson<S extends SectionLayout = SectionLayout> = {
	[K in keyof S['parts']]: PartJson<S['parts'][K]>;
};

/** Names under this prefix hold the authorship and history maps and are never a section. */
export const reservedPrefix = 'coedit/';

const segment = /^[A-Za-z0-9_-]+$/;
const reservedColumns = new Set(['id', 'pos']);

/**
 * Checks and returns a section layout. A section id is one or more `/`-separated segments of
 * Latin letters, digits, `-` and `_`, and a part name is one segment. Row columns must not be
 * `id` or `pos`, because every row uses them for its identity and order.
 */
export function defineSection<const P extends Record<string, PartLayout>>(
	id: string,
	parts: P
): SectionLayout<P> {
	if (!id.split('/').every((part) => segment.test(part)) || `${id}/`.startsWith(reservedPrefix)) {
		throw new Error(`Invalid section id "${id}".`);
	}
	for (const [name, part] of Object.entries(parts)) {
		if (!segment.test(name)) throw new Error(`Invalid part name "${name}" in section "${id}".`);
		if (part.kind === 'rows' && part.textColumns.some((column) => reservedColumns.has(column))) {
			throw new Error(`Part "${id}/${name}" uses a reserved column name (id or pos).`);
		}
	}
	return { id, parts };
}

/** Returns the layout of one part, or throws when the section has no such part. */
export function partLayout(section: SectionLayout, part: string): PartLayout {
	const layout = section.parts[part];
	if (!layout) throw new Error(`Section "${section.id}" has no part "${part}".`);
	return layout;
}

/** Returns the name of the top-level type of a part: `{section}/{part}`. */
export function partTypeName(section: SectionLayout, part: string): string {
	return `${section.id}/${part}`;
}

export function getPartText(doc: Y.Doc, section: SectionLayout, part: string): Y.Text {
	return doc.getText(partTypeName(section, part));
}

export function getPartMap(doc: Y.Doc, section: SectionLayout, part: string): Y.Map<unknown> {
	return doc.getMap(partTypeName(section, part));
}

export function getPartRows(
	doc: Y.Doc,
	section: SectionLayout,
	part: string
): Y.Array<Y.Map<unknown>> {
	return doc.getArray(partTypeName(section, part));
}

/** Returns the Y.Text of one textMap entry; it exists, empty, before anyone writes to it. */
export function getTextMapEntry(
	doc: Y.Doc,
	section: SectionLayout,
	part: string,
	key: string
): Y.Text {
	if (key.length === 0) throw new Error(`Empty key in "${section.id}/${part}".`);
	return doc.getText(`${partTypeName(section, part)}/${key}`);
}

/**
 * Lists the keys of a textMap part that have a type in this document. Yjs registers a
 * top-level name when it first receives content for it, so every entry anyone wrote is found.
 */
export function textMapKeys(doc: Y.Doc, section: SectionLayout, part: string): string[] {
	const prefix = `${partTypeName(section, part)}/`;
	const keys: string[] = [];
	for (const name of doc.share.keys()) {
		if (name.startsWith(prefix)) keys.push(name.slice(prefix.length));
	}
	return keys.sort();
}
