import { getContext, setContext } from 'svelte';
import type * as Y from 'yjs';
import type { EditSession } from '$lib/coedit/edit-session';

/** The document a form edits, shared with its field components through Svelte context. */
export interface CoeditContext {
	doc: Y.Doc;
	/** Null when the user may only read the document (a parent, or a read-only role). */
	session: EditSession | null;
}

const key = Symbol('coedit');

export function provideCoedit(context: CoeditContext): void {
	setContext(key, context);
}

export function useCoedit(): CoeditContext {
	const context = getContext<CoeditContext | undefined>(key);
	if (!context) throw new Error('A co-edit field was rendered outside a co-edited document form.');
	return context;
}
