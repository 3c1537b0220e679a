import * as Y from 'yjs';
import { createLogger } from '$lib/shared/logger';
import { recordAuthorship } from './authorship';
import { HistoryRecorder } from './history-recorder';
import { EditOrigin, type Editor } from './identity';
import {
	getPartMap,
	getPartRows,
	getPartText,
	getTextMapEntry,
	partLayout,
	partTypeName,
	type SectionLayout
} from './layout';
import { isPlainJson, jsonEqual } from './plain-json';
import { createRow, findRow, newRowId, orderedRows, positionAt, rowId } from './rows';
import { setTextByDiff } from './text-diff';

const log = createLogger('coedit');

export interface EditSessionOptions {
	/** Clock of the device; tests pass a fake one. */
	now?: () => Date;
	/**
	 * Minimum time in ms between two history chunks of this session, apart from the chunk a
	 * day's or a section's first change writes at once. A timer writes the pending chunk this
	 * long after the previous one. If the tab closes before that, the next session dates the
	 * latest changes. Each chunk stays in the document for good.
	 */
	chunkIntervalMs?: number;
	/** Time in ms within which repeated changes by one person keep the first authorship stamp. */
	authorshipResolutionMs?: number;
}

export interface RowPlacement {
	/** Index in the visible order; the end when omitted. */
	index?: number;
	/** Id for the new row (restoring a deleted one); a new random id when omitted. */
	id?: string;
	/** Exact position key, used instead of `index` when restoring a row. */
	position?: string;
}

type Kind = 'text' | 'map' | 'rows' | 'textMap';

/**
 * The one way to change a co-edited document. Every change runs in a transaction whose
 * origin is this session's `EditOrigin`, and in that transaction the session records who
 * changed which field (authorship) and which section (history). Changes applied to the
 * document by other means, such as updates from the network, are recorded by the replica
 * that made them. Do not call its methods inside a `doc.transact` of another origin: Yjs
 * would reuse that transaction and its origin.
 */
export class EditSession {
	readonly doc: Y.Doc;
	readonly editor: Editor;
	readonly origin: EditOrigin;
	readonly #now: () => Date;
	readonly #authorshipResolutionMs: number;
	readonly #history: HistoryRecorder;
	#depth = 0;
	#paths = new Set<string>();
	#sections = new Set<string>();
	#destroyed = false;

	/**
	 * Opens a session for `editor`. Open it after the document has loaded from storage: it
	 * records, dated today, the items and deletions that no history chunk covers, which a
	 * session closed before its last chunk leaves behind.
	 */
	constructor(doc: Y.Doc, editor: Editor, options: EditSessionOptions = {}) {
		this.doc = doc;
		this.editor = editor;
		this.origin = new EditOrigin(editor);
		this.#now = options.now ?? (() => new Date());
		this.#authorshipResolutionMs = options.authorshipResolutionMs ?? 60_000;
		const interval = options.chunkIntervalMs ?? 5 * 60_000;
		this.#history = new HistoryRecorder(doc, this.origin, this.#now, interval);
	}

	/** Runs `change` as one transaction; nested calls join the outer one. */
	transact<T>(change: () => T): T {
		if (this.#destroyed) throw new Error('This edit session was destroyed; open a new one.');
		if (this.#depth > 0) return change();

		let result: T | undefined;
		this.doc.transact((transaction) => {
			this.#history.beforeChange(transaction);
			this.#depth++;
			try {
				result = change();
			} finally {
				this.#depth--;
				this.#record(transaction);
			}
		}, this.origin);
		return result as T;
	}

	/** Replaces a text part by diff. Returns whether the text changed. */
	setText(section: SectionLayout, part: string, value: string): boolean {
		this.#expect(section, part, 'text');
		return this.transact(() => {
			const changed = setTextByDiff(getPartText(this.doc, section, part), value);
			if (changed) this.#touch(section, partTypeName(section, part));
			return changed;
		});
	}

	/** Replaces one entry of a textMap part by diff. Returns whether it changed. */
	setTextEntry(section: SectionLayout, part: string, key: string, value: string): boolean {
		this.#expect(section, part, 'textMap');
		return this.transact(() => {
			const changed = setTextByDiff(getTextMapEntry(this.doc, section, part, key), value);
			if (changed) this.#touch(section, `${partTypeName(section, part)}/${key}`);
			return changed;
		});
	}

	/** Sets (or with `undefined` removes) one value of a map part. Returns whether it changed. */
	setValue(section: SectionLayout, part: string, key: string, value: unknown): boolean {
		this.#expect(section, part, 'map');
		assertPlainValue(value, `${partTypeName(section, part)}/${key}`);
		return this.transact(() => {
			const map = getPartMap(this.doc, section, part);
			if (value === undefined ? !map.has(key) : jsonEqual(map.get(key), value)) return false;
			if (value === undefined) map.delete(key);
			else map.set(key, value);
			this.#touch(section, `${partTypeName(section, part)}/${key}`);
			return true;
		});
	}

	/** Inserts a row with the given cells and returns its id. */
	insertRow(
		section: SectionLayout,
		part: string,
		cells: Record<string, unknown> = {},
		placement: RowPlacement = {}
	): string {
		const layout = this.#expect(section, part, 'rows');
		const listPath = partTypeName(section, part);
		for (const [column, value] of Object.entries(cells)) {
			if (!layout.textColumns.includes(column)) assertPlainValue(value, `${listPath}/${column}`);
		}
		return this.transact(() => {
			const rows = getPartRows(this.doc, section, part);
			const id = placement.id ?? newRowId();
			if (findRow(rows, id)) throw new Error(`Row "${id}" already exists in ${listPath}.`);
			const ordered = orderedRows(rows);
			const pos = placement.position ?? positionAt(ordered, placement.index ?? ordered.length);
			rows.push([createRow(id, pos, cells, layout.textColumns)]);
			this.#touch(section, listPath, `${listPath}/${id}`);
			for (const column of Object.keys(cells)) this.#touch(section, `${listPath}/${id}/${column}`);
			return id;
		});
	}

	/** Moves a row to `index` of the visible order. Returns false when the row is gone. */
	moveRow(section: SectionLayout, part: string, id: string, index: number): boolean {
		this.#expect(section, part, 'rows');
		return this.transact(() => {
			const rows = getPartRows(this.doc, section, part);
			const found = findRow(rows, id);
			if (!found) return this.#missingRow(section, part, id);
			const others = orderedRows(rows).filter((row) => rowId(row) !== id);
			found.row.set('pos', positionAt(others, index));
			this.#touch(section, partTypeName(section, part), `${partTypeName(section, part)}/${id}`);
			return true;
		});
	}

	/** Sets a row's position key directly, keeping its content; used by restore. */
	setRowPosition(section: SectionLayout, part: string, id: string, position: string): boolean {
		this.#expect(section, part, 'rows');
		return this.transact(() => {
			const found = findRow(getPartRows(this.doc, section, part), id);
			if (!found) return this.#missingRow(section, part, id);
			if (found.row.get('pos') === position) return false;
			found.row.set('pos', position);
			this.#touch(section, partTypeName(section, part), `${partTypeName(section, part)}/${id}`);
			return true;
		});
	}

	/** Deletes a row. Returns false when it was already gone. */
	deleteRow(section: SectionLayout, part: string, id: string): boolean {
		this.#expect(section, part, 'rows');
		return this.transact(() => {
			const rows = getPartRows(this.doc, section, part);
			const found = findRow(rows, id);
			if (!found) return false;
			rows.delete(found.index, 1);
			this.#touch(section, partTypeName(section, part), `${partTypeName(section, part)}/${id}`);
			return true;
		});
	}

	/**
	 * Sets one cell: a text column by diff, any other column to a plain value (`undefined`
	 * removes it). Returns whether it changed; false too when another editor deleted the row.
	 */
	setCell(
		section: SectionLayout,
		part: string,
		id: string,
		column: string,
		value: unknown
	): boolean {
		const layout = this.#expect(section, part, 'rows');
		const path = `${partTypeName(section, part)}/${id}/${column}`;
		if (column === 'id' || column === 'pos') throw new Error(`Column "${column}" is reserved.`);
		const isText = layout.textColumns.includes(column);
		if (isText && typeof value !== 'string') throw new TypeError(`${path} takes a string.`);
		if (!isText) assertPlainValue(value, path);

		return this.transact(() => {
			const found = findRow(getPartRows(this.doc, section, part), id);
			if (!found) return this.#missingRow(section, part, id);
			const changed = isText
				? setRowText(found.row, column, value as string)
				: setRowValue(found.row, column, value);
			if (changed) this.#touch(section, path, `${partTypeName(section, part)}/${id}`);
			return changed;
		});
	}

	/** Writes the pending history chunk now, e.g. when the page is hidden or closed. */
	flush(): void {
		if (!this.#destroyed) this.#history.flush();
	}

	/** Flushes the pending chunk and detaches; the session cannot be used after. */
	destroy(): void {
		this.#history.stop();
		this.#destroyed = true;
	}

	#expect<K extends Kind>(
		section: SectionLayout,
		part: string,
		kind: K
	): Extract<ReturnType<typeof partLayout>, { kind: K }> {
		const layout = partLayout(section, part);
		if (layout.kind !== kind) {
			throw new Error(`Part "${section.id}/${part}" is ${layout.kind}, not ${kind}.`);
		}
		return layout as Extract<ReturnType<typeof partLayout>, { kind: K }>;
	}

	#touch(section: SectionLayout, ...paths: string[]): void {
		this.#sections.add(section.id);
		for (const path of paths) this.#paths.add(path);
	}

	#missingRow(section: SectionLayout, part: string, id: string): false {
		log.warn('row not found, probably deleted by another editor; the change was not applied', {
			part: partTypeName(section, part),
			rowId: id
		});
		return false;
	}

	#record(transaction: Y.Transaction): void {
		const paths = this.#paths;
		const sections = this.#sections;
		this.#paths = new Set();
		this.#sections = new Set();
		if (paths.size === 0) return;

		const now = this.#now();
		recordAuthorship(this.doc, paths, this.editor, now, this.#authorshipResolutionMs);
		this.#history.recordChange(transaction, sections, now);
	}
}

function assertPlainValue(value: unknown, path: string): void {
	if (value !== undefined && !isPlainJson(value)) {
		throw new TypeError(`${path}: only plain JSON values can be stored.`);
	}
}

function setRowText(row: Y.Map<unknown>, column: string, value: string): boolean {
	const text = row.get(column);
	if (text instanceof Y.Text) return setTextByDiff(text, value);
	// NOTE: a row written before this column became a text column has no Y.Text yet. Creating
	// it here is a nested type set at a key, so if two replicas do it offline one text is lost.
	row.set(column, new Y.Text(value));
	return true;
}

function setRowValue(row: Y.Map<unknown>, column: string, value: unknown): boolean {
	if (value === undefined ? !row.has(column) : jsonEqual(row.get(column), value)) return false;
	if (value === undefined) row.delete(column);
	else row.set(column, value);
	return true;
}
