import * as Y from 'yjs';
import {
	getPartRows,
	partLayout,
	type RowJson,
	type SectionJson,
	type SectionLayout
} from './layout';
import { orderedRows, type RowMap } from './rows';
import { readPart, rowToJson } from './section-read';
import {
	validateSection,
	type InvalidValue,
	type PartSchema,
	type SectionValue,
	type ValidatedSection
} from './validate';

// Any shared type: Yjs parameterises AbstractType by its event type.
type SharedType = Y.AbstractType<any>;

export interface SectionObserver<S extends SectionLayout> {
	/** The section as plain JSON after the latest transaction. */
	readonly current: SectionJson<S>;
	stop(): void;
}

/**
 * Keeps a plain-JSON copy of a section and calls `onChange` after every transaction that
 * changed it, local or remote. Only the parts that changed are read again, and in a rows part
 * only the rows that changed, so typing into one cell of a long table costs one row's read.
 * Unchanged parts and rows keep their object identity, which lets Svelte skip them.
 */
export function observeSection<S extends SectionLayout>(
	doc: Y.Doc,
	section: S,
	onChange: (json: SectionJson<S>, transaction: Y.Transaction) => void
): SectionObserver<S> {
	const rowCache = new WeakMap<RowMap, RowJson>();
	const rootNames = new WeakMap<SharedType, string>();
	const prefix = `${section.id}/`;
	let current = {} as SectionJson<S>;
	for (const part of Object.keys(section.parts)) current = withPart(current, part, read(part));

	function read(part: string): unknown {
		if (partLayout(section, part).kind !== 'rows') return readPart(doc, section, part);
		return orderedRows(getPartRows(doc, section, part)).map((row) => {
			let json = rowCache.get(row);
			if (!json) rowCache.set(row, (json = rowToJson(row)));
			return json;
		});
	}

	function rootName(type: SharedType): string | undefined {
		let name = rootNames.get(type);
		if (name === undefined) {
			for (const [key, value] of doc.share) rootNames.set(value, key);
			name = rootNames.get(type);
		}
		return name;
	}

	function changedParts(transaction: Y.Transaction): Set<string> {
		const parts = new Set<string>();
		for (const changed of transaction.changed.keys()) {
			let type = changed as SharedType;
			let child: SharedType | null = null;
			while (type._item !== null) {
				child = type;
				type = type._item.parent as SharedType;
			}
			const name = rootName(type);
			if (!name?.startsWith(prefix)) continue;
			const part = name.slice(prefix.length).split('/')[0];
			if (!(part in section.parts)) continue;
			parts.add(part);
			if (child instanceof Y.Map) rowCache.delete(child);
		}
		return parts;
	}

	const handler = (transaction: Y.Transaction) => {
		const parts = changedParts(transaction);
		if (parts.size === 0) return;
		for (const part of parts) current = withPart(current, part, read(part));
		onChange(current, transaction);
	};
	doc.on('afterTransaction', handler);

	return {
		get current() {
			return current;
		},
		stop: () => doc.off('afterTransaction', handler)
	};
}

function withPart<S extends SectionLayout>(json: SectionJson<S>, part: string, value: unknown) {
	return { ...json, [part]: value } as SectionJson<S>;
}

/**
 * Observes a validated section: like `observeSection`, but `onChange` gets the validated value
 * and the invalid values found in it.
 */
export function observeValidatedSection<P extends Record<string, PartSchema>>(
	doc: Y.Doc,
	section: ValidatedSection<P>,
	onChange: (value: SectionValue<P>, invalid: InvalidValue[]) => void
): { readonly current: { value: SectionValue<P>; invalid: InvalidValue[] }; stop(): void } {
	const validate = (json: unknown) => {
		const invalid: InvalidValue[] = [];
		const value = validateSection(
			section.id,
			json as Record<string, unknown>,
			section.schemas,
			invalid
		);
		return { value: value as SectionValue<P>, invalid };
	};
	const observer = observeSection(doc, section.layout, (json) => {
		current = validate(json);
		onChange(current.value, current.invalid);
	});
	let current = validate(observer.current);
	return {
		get current() {
			return current;
		},
		stop: observer.stop
	};
}
