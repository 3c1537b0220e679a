import * as Y from 'yjs';
import { roles, type Role } from '$lib/shared/access';
import type { Editor } from './identity';

/**
 * Authorship: the last author of each field, kept in the document itself (a top-level Y.Map
 * keyed by field path) so every replica shows the same authors. Changes to different paths are different
 * keys, so concurrent edits of different fields keep their own authors after a merge. For one
 * path edited concurrently, Yjs keeps one of the two stamps (the same one on every replica).
 */

export const authorshipTypeName = 'coedit/authorship';

export interface ChangeStamp {
	personId: string;
	name: string;
	role: Role;
	/** ISO 8601 time of the change, UTC, as the editing device's clock had it. */
	at: string;
}

export function authorshipMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(authorshipTypeName);
}

function toStamp(value: unknown): ChangeStamp | null {
	if (typeof value !== 'object' || value === null) return null;
	const { personId, name, role, at } = value as Record<string, unknown>;
	if (typeof personId !== 'string' || typeof name !== 'string' || typeof at !== 'string') {
		return null;
	}
	if (!roles.includes(role as Role) || Number.isNaN(Date.parse(at))) return null;
	return { personId, name, role: role as Role, at };
}

/** Returns the last change of the field at `path`, or null when it was never changed. */
export function lastChange(doc: Y.Doc, path: string): ChangeStamp | null {
	return toStamp(authorshipMap(doc).get(path));
}

/**
 * Returns the most recent change at `prefix` or below it (`prefix/...`), with its path; with
 * no prefix, the latest change anywhere in the document. Null when there is none.
 */
export function latestChange(doc: Y.Doc, prefix?: string): (ChangeStamp & { path: string }) | null {
	let latest: (ChangeStamp & { path: string }) | null = null;
	authorshipMap(doc).forEach((value, path) => {
		if (prefix !== undefined && path !== prefix && !path.startsWith(`${prefix}/`)) return;
		const stamp = toStamp(value);
		if (stamp && (!latest || Date.parse(stamp.at) > Date.parse(latest.at))) {
			latest = { ...stamp, path };
		}
	});
	return latest;
}

/**
 * Writes `editor` as the last author of each path. A path whose stamp already names the same
 * person from less than `resolutionMs` ago is left as it is. With gc disabled every rewritten
 * value stays in the document, so a rewrite per keystroke would add a stamp per key pressed.
 * The stored time is therefore up to `resolutionMs` older than the last change.
 */
export function recordAuthorship(
	doc: Y.Doc,
	paths: Iterable<string>,
	editor: Editor,
	now: Date,
	resolutionMs: number
): void {
	const map = authorshipMap(doc);
	const at = now.toISOString();
	for (const path of paths) {
		const previous = toStamp(map.get(path));
		const age = previous ? now.getTime() - Date.parse(previous.at) : Infinity;
		const recent = previous?.personId === editor.personId && age >= 0 && age < resolutionMs;
		if (recent) continue;
		map.set(path, { personId: editor.personId, name: editor.name, role: editor.role, at });
	}
}
