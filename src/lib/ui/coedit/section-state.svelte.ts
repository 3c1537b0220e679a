import type * as Y from 'yjs';
import { authorshipMap, lastChange, type ChangeStamp } from '$lib/coedit/authorship';
import type { SectionJson, SectionLayout } from '$lib/coedit/layout';
import { observeSection } from '$lib/coedit/observe';

/**
 * A section of a Y.Doc as Svelte state: the plain JSON is replaced after every transaction
 * that touched the section, local or remote, so components re-render only what changed.
 */
export class SectionState<S extends SectionLayout> {
	#json = $state.raw<SectionJson<S>>({} as SectionJson<S>);
	#stop: () => void;

	constructor(doc: Y.Doc, section: S) {
		const observer = observeSection(doc, section, (json) => (this.#json = json));
		this.#json = observer.current;
		this.#stop = () => observer.stop();
	}

	get json(): SectionJson<S> {
		return this.#json;
	}

	destroy(): void {
		this.#stop();
	}
}

/** The last author of each field, read again whenever the authorship map changes. */
export class AuthorshipState {
	#version = $state(0);
	readonly #doc: Y.Doc;
	readonly #onChange = () => this.#version++;

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		authorshipMap(doc).observe(this.#onChange);
	}

	stamp(path: string): ChangeStamp | null {
		void this.#version;
		return lastChange(this.#doc, path);
	}

	destroy(): void {
		authorshipMap(this.#doc).unobserve(this.#onChange);
	}
}
