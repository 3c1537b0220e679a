import type * as Y from 'yjs';
import {
	validateSection,
	type InvalidValue,
	type PartSchema,
	type SectionValue,
	type ValidatedSection
} from '$lib/coedit/validate';
import { SectionState } from './section-state.svelte';

/**
 * A section of a Y.Doc as validated Svelte state. `value` contains every field checked against
 * its schema, with a bad value replaced by the field's empty value. `invalid` lists the bad
 * values with their paths, so a screen can show them as stored. Both follow local and remote
 * changes.
 */
export class ValidatedSectionState<P extends Record<string, PartSchema>> {
	readonly #state: SectionState<ValidatedSection<P>['layout']>;
	readonly #checked = $derived.by(() => this.#check());
	readonly #section: ValidatedSection<P>;

	constructor(doc: Y.Doc, section: ValidatedSection<P>) {
		this.#section = section;
		this.#state = new SectionState(doc, section.layout);
	}

	get value(): SectionValue<P> {
		return this.#checked.value;
	}

	get invalid(): readonly InvalidValue[] {
		return this.#checked.invalid;
	}

	destroy(): void {
		this.#state.destroy();
	}

	#check(): { value: SectionValue<P>; invalid: InvalidValue[] } {
		const invalid: InvalidValue[] = [];
		const json = this.#state.json as Record<string, unknown>;
		const value = validateSection(this.#section.id, json, this.#section.schemas, invalid);
		return { value: value as SectionValue<P>, invalid };
	}
}
