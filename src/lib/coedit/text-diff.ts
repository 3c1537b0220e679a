import type * as Y from 'yjs';

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Replaces the content of `text` with `next` by deleting and inserting only the range between
 * their common prefix and suffix, so that another replica's concurrent typing elsewhere in the
 * text survives the merge. Offsets are UTF-16 code units, as in Y.Text, and a surrogate pair is
 * never split. Returns whether anything changed. Call it inside a transaction to group it.
 */
export function setTextByDiff(text: Y.Text, next: string): boolean {
	const current = text.toString();
	if (current === next) return false;

	const shorter = Math.min(current.length, next.length);
	let start = 0;
	while (start < shorter && current.charCodeAt(start) === next.charCodeAt(start)) start++;
	let end = 0;
	while (
		end < shorter - start &&
		current.charCodeAt(current.length - 1 - end) === next.charCodeAt(next.length - 1 - end)
	) {
		end++;
	}
	if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
	if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--;

	const removed = current.length - start - end;
	const inserted = next.slice(start, next.length - end);
	if (removed > 0) text.delete(start, removed);
	if (inserted.length > 0) text.insert(start, inserted);
	return true;
}
