import type * as Y from 'yjs';
import { authorshipMap, latestChange, type ChangeStamp } from '$lib/coedit/authorship';

/**
 * The latest change under a group of sections, for the header of a collapsed section. It is
 * read again whenever the authorship map changes, which an edit session does at most once
 * a minute per field and person by default, so scanning the map here stays cheap.
 */
export class LatestChanges {
	#version = $state(0);
	readonly #doc: Y.Doc;
	readonly #onChange = () => this.#version++;

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		authorshipMap(doc).observe(this.#onChange);
	}

	/** Returns the most recent change at or below any of the section ids, or null. */
	latest(sectionIds: readonly string[]): ChangeStamp | null {
		void this.#version;
		let found: ChangeStamp | null = null;
		for (const id of sectionIds) {
			const stamp = latestChange(this.#doc, id);
			if (stamp && (!found || Date.parse(stamp.at) > Date.parse(found.at))) found = stamp;
		}
		return found;
	}

	destroy(): void {
		authorshipMap(this.#doc).unobserve(this.#onChange);
	}
}
