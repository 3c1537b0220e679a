import type { Role } from '$lib/shared/access';

/** The person behind a change, as other editors of the document see them. */
export interface Editor {
	/** Roster id of the person. */
	personId: string;
	/** Name shown beside their changes, e.g. «Иванова М. П.». */
	name: string;
	role: Role;
}

/**
 * Transaction origin of every change made through an `EditSession`. Observers and providers
 * tell local edits (an `EditOrigin`) from updates that arrived from storage or the network,
 * which carry their own origins. One instance per session, so an `Y.UndoManager` can track it.
 */
export class EditOrigin {
	constructor(readonly editor: Editor) {}
}

/** Returns the editor of a transaction made through an edit session, or null for any other. */
export function editorOf(origin: unknown): Editor | null {
	return origin instanceof EditOrigin ? origin.editor : null;
}
