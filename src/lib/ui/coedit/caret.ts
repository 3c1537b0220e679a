/**
 * Computes where the caret goes when text changes under it: positions before the first changed
 * character stay, positions after it move by the change in length. So a remote edit earlier
 * in the field shifts the caret with the text, and one later leaves it in place.
 */
export function shiftCaret(before: string, after: string, caret: number): number {
	let prefix = 0;
	const shortest = Math.min(before.length, after.length);
	while (prefix < shortest && before[prefix] === after[prefix]) prefix++;
	if (caret <= prefix) return caret;
	return Math.max(prefix, Math.min(after.length, caret + after.length - before.length));
}

/**
 * Keeps, as a Svelte action, an input's or textarea's content equal to `value`, which comes
 * from the document. Changes arriving while the user types keep the caret where it belongs.
 */
export function remoteValue(field: HTMLInputElement | HTMLTextAreaElement, value: string) {
	const apply = (next: string) => {
		if (field.value === next) return;
		const focused = document.activeElement === field;
		const start = field.selectionStart ?? 0;
		const end = field.selectionEnd ?? 0;
		const before = field.value;
		field.value = next;
		if (focused)
			field.setSelectionRange(shiftCaret(before, next, start), shiftCaret(before, next, end));
	};
	apply(value);
	return { update: apply };
}
