import * as Y from 'yjs';
import { positionBetween } from './positions';

/**
 * Rows of a `rows` part: Y.Maps in a Y.Array. The array order is only the order of arrival.
 * The visible order is by the `pos` key (a fractional position), ties broken by id. So a move
 * rewrites one value and keeps the row, with whatever another replica types into it.
 */

export type RowMap = Y.Map<unknown>;
export type RowArray = Y.Array<RowMap>;

const idAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Returns a random 16-character row id (about 95 bits). `crypto.getRandomValues` works in
 * insecure contexts too, unlike `crypto.randomUUID`, so a tablet on a plain-http school
 * network can still add rows.
 */
export function newRowId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	let id = '';
	for (const byte of bytes) id += idAlphabet[byte % idAlphabet.length];
	return id;
}

export function rowId(row: RowMap): string {
	const id = row.get('id');
	return typeof id === 'string' ? id : '';
}

const positionKey = /^[0-9a-z]*[1-9a-z]$/;

/** Returns the row's position, or '' (the start) when it is missing or malformed. */
export function rowPosition(row: RowMap): string {
	const pos = row.get('pos');
	return typeof pos === 'string' && positionKey.test(pos) ? pos : '';
}

function compareRows(a: RowMap, b: RowMap): number {
	const posA = rowPosition(a);
	const posB = rowPosition(b);
	if (posA !== posB) return posA < posB ? -1 : 1;
	const idA = rowId(a);
	const idB = rowId(b);
	if (idA === idB) return 0;
	return idA < idB ? -1 : 1;
}

/** Returns the rows in their visible order; entries that are not Y.Maps are skipped. */
export function orderedRows(rows: RowArray): RowMap[] {
	const maps = rows.toArray().filter((row): row is RowMap => row instanceof Y.Map);
	return maps.sort(compareRows);
}

export function findRow(rows: RowArray, id: string): { row: RowMap; index: number } | null {
	let index = 0;
	for (const row of rows) {
		if (row instanceof Y.Map && rowId(row) === id) return { row, index };
		index++;
	}
	return null;
}

/**
 * Returns the position for a row placed at `index` of the visible order of `others` (the
 * rows without the one being placed). Rows right of the slot that share the left neighbour's
 * position, which happens after two replicas insert at the same place, get new positions
 * after the new row, in their current order.
 */
export function positionAt(others: RowMap[], index: number): string {
	const at = Math.max(0, Math.min(index, others.length));
	const before = at > 0 ? rowPosition(others[at - 1]) : '';
	let firstGreater = at;
	while (firstGreater < others.length && rowPosition(others[firstGreater]) <= before) {
		firstGreater++;
	}
	const after = firstGreater < others.length ? rowPosition(others[firstGreater]) : null;

	const placed = positionBetween(before, after);
	let previous = placed;
	for (let i = at; i < firstGreater; i++) {
		previous = positionBetween(previous, after);
		others[i].set('pos', previous);
	}
	return placed;
}

/** Creates a row map with its id, position, Y.Text for each text column and plain values. */
export function createRow(
	id: string,
	pos: string,
	cells: Record<string, unknown>,
	textColumns: readonly string[]
): RowMap {
	const row: RowMap = new Y.Map();
	row.set('id', id);
	row.set('pos', pos);
	for (const column of textColumns) {
		const value = cells[column];
		row.set(column, new Y.Text(typeof value === 'string' ? value : ''));
	}
	for (const [column, value] of Object.entries(cells)) {
		if (column === 'id' || column === 'pos' || textColumns.includes(column)) continue;
		if (value !== undefined) row.set(column, value);
	}
	return row;
}
