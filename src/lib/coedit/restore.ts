import type * as Y from 'yjs';
import type { EditSession } from './edit-session';
import { docAtEndOfDay } from './history';
import {
	partLayout,
	textMapKeys,
	type RowJson,
	type SectionJson,
	type SectionLayout
} from './layout';
import { readPart, readPositionedRows, readSection } from './section-read';

/**
 * Reads a section as it was at the end of `day` (`YYYY-MM-DD`), or returns null when the
 * history records no change on or before that day.
 */
export function readSectionAt<S extends SectionLayout>(
	doc: Y.Doc,
	section: S,
	day: string
): SectionJson<S> | null {
	const past = docAtEndOfDay(doc, day);
	if (!past) return null;
	try {
		return readSection(past, section);
	} finally {
		past.destroy();
	}
}

export type RestoreResult = 'restored' | 'unchanged' | 'no-history';

/**
 * Makes a section read as it did at the end of `day`, as a new change by the session's editor.
 * Earlier history stays as it was. The restore itself appears in the history and in the
 * authorship of every field it changes. Deleted rows come back with their ids.
 */
export function restoreSection(
	session: EditSession,
	section: SectionLayout,
	day: string
): RestoreResult {
	const past = docAtEndOfDay(session.doc, day);
	if (!past) return 'no-history';
	let changed = false;
	try {
		session.transact(() => {
			for (const part of Object.keys(section.parts)) {
				if (restorePart(session, past, section, part)) changed = true;
			}
		});
	} finally {
		past.destroy();
	}
	return changed ? 'restored' : 'unchanged';
}

function restorePart(
	session: EditSession,
	past: Y.Doc,
	section: SectionLayout,
	part: string
): boolean {
	const layout = partLayout(section, part);
	const doc = session.doc;
	switch (layout.kind) {
		case 'text':
			return session.setText(section, part, readPart(past, section, part) as string);
		case 'map': {
			const before = readPart(past, section, part) as Record<string, unknown>;
			const now = readPart(doc, section, part) as Record<string, unknown>;
			let changed = false;
			for (const key of new Set([...Object.keys(before), ...Object.keys(now)])) {
				if (session.setValue(section, part, key, before[key])) changed = true;
			}
			return changed;
		}
		case 'textMap': {
			const before = readPart(past, section, part) as Record<string, string>;
			let changed = false;
			for (const key of new Set([...Object.keys(before), ...textMapKeys(doc, section, part)])) {
				if (session.setTextEntry(section, part, key, before[key] ?? '')) changed = true;
			}
			return changed;
		}
		case 'rows':
			return restoreRows(session, past, section, part, layout.textColumns);
	}
}

function restoreRows(
	session: EditSession,
	past: Y.Doc,
	section: SectionLayout,
	part: string,
	textColumns: readonly string[]
): boolean {
	const before = readPositionedRows(past, section, part);
	const now = new Map(readPositionedRows(session.doc, section, part).map((r) => [r.row.id, r.row]));
	const keep = new Set(before.map(({ row }) => row.id));
	let changed = false;

	for (const id of now.keys()) {
		if (!keep.has(id) && session.deleteRow(section, part, id)) changed = true;
	}
	for (const { row, pos } of before) {
		const current = now.get(row.id);
		if (!current) {
			session.insertRow(section, part, cellsOf(row), { id: row.id, position: pos });
			changed = true;
			continue;
		}
		if (session.setRowPosition(section, part, row.id, pos)) changed = true;
		for (const column of new Set([...Object.keys(row), ...Object.keys(current)])) {
			if (column === 'id') continue;
			const value = textColumns.includes(column) ? textOf(row[column]) : row[column];
			if (session.setCell(section, part, row.id, column, value)) changed = true;
		}
	}
	return changed;
}

function textOf(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

function cellsOf(row: RowJson): Record<string, unknown> {
	const { id: _id, ...cells } = row;
	return cells;
}
