import type * as Y from 'yjs';
import type { z } from 'zod';
import { defineSection, type PartLayout, type RowJson, type SectionLayout } from './layout';
import { readSection } from './section-read';

/**
 * Field-by-field validation of a section read from a document. A value that fails its schema
 * is listed with its path and raw value, and the validated copy gets the field's empty value.
 * So one bad cell never hides its row or section, and the screen can show the bad value as it
 * is. Nothing is removed from the document.
 */

export interface InvalidValue {
	/** Field path, as in authorship: `{section}/{part}/{rowId}/{column}` for a cell. */
	path: string;
	value: unknown;
	/** Russian message: the problem and the fix. */
	message: string;
}

/** Field schemas by name; each must accept `undefined` (through a default) for a missing value. */
export type FieldShape = Record<string, z.ZodType>;

export type PartSchema =
	| { kind: 'text' }
	| { kind: 'textMap' }
	/** A map part with known keys. */
	| { kind: 'fields'; shape: FieldShape }
	/** A map part whose keys are ids, each value checked by `value`. */
	| { kind: 'entries'; value: z.ZodType }
	/** A rows part; `textColumns` name the cells kept as Y.Text, each with a string schema. */
	| { kind: 'rows'; shape: FieldShape; textColumns: readonly string[] };

type Output<S extends FieldShape> = { -readonly [K in keyof S]: z.output<S[K]> };

/** The validated plain value of one part. */
export type PartValue<P extends PartSchema> = P extends { kind: 'text' }
	? string
	: P extends { kind: 'textMap' }
		? Record<string, string>
		: P extends { kind: 'fields'; shape: infer S extends FieldShape }
			? Output<S>
			: P extends { kind: 'entries'; value: infer V extends z.ZodType }
				? Record<string, z.output<V>>
				: P extends { kind: 'rows'; shape: infer S extends FieldShape }
					? ({ id: string } & Output<S>)[]
					: never;

/** The validated plain value of a section; mutable, so screens can keep it as state. */
export type SectionValue<P extends Record<string, PartSchema>> = {
	-readonly [K in keyof P]: PartValue<P[K]>;
};

/** A section defined once: its Yjs layout and the schemas its values are checked with. */
export interface ValidatedSection<
	P extends Record<string, PartSchema> = Record<string, PartSchema>
> {
	readonly id: string;
	readonly layout: SectionLayout;
	readonly schemas: P;
}

function partLayoutOf(schema: PartSchema): PartLayout {
	switch (schema.kind) {
		case 'text':
		case 'textMap':
			return { kind: schema.kind };
		case 'fields':
		case 'entries':
			return { kind: 'map' };
		case 'rows':
			return { kind: 'rows', textColumns: schema.textColumns };
	}
}

/** Defines a section by its part schemas; the Yjs layout follows from them. */
export function defineValidatedSection<const P extends Record<string, PartSchema>>(
	id: string,
	schemas: P
): ValidatedSection<P> {
	const parts: Record<string, PartLayout> = {};
	for (const [name, schema] of Object.entries(schemas)) {
		if (schema.kind === 'rows') {
			const missing = schema.textColumns.filter((column) => !(column in schema.shape));
			if (missing.length > 0) {
				throw new Error(`Text columns without a schema in ${id}/${name}: ${missing.join(', ')}.`);
			}
		}
		parts[name] = partLayoutOf(schema);
	}
	return { id, layout: defineSection(id, parts), schemas };
}

/** Reads a section from `doc` and validates it, adding each bad value to `invalid`. */
export function readValidatedSection<P extends Record<string, PartSchema>>(
	doc: Y.Doc,
	section: ValidatedSection<P>,
	invalid: InvalidValue[]
): SectionValue<P> {
	const json = readSection(doc, section.layout) as Record<string, unknown>;
	return validateSection(section.id, json, section.schemas, invalid) as SectionValue<P>;
}

function emptyValue(schema: z.ZodType): unknown {
	const result = schema.safeParse(undefined);
	return result.success ? result.data : null;
}

function issueMessage(error: z.ZodError): string {
	return error.issues[0]?.message ?? 'Значение не прошло проверку.';
}

/** Validates each field of `shape` in `raw`; unknown keys are ignored. */
export function validateFields(
	shape: FieldShape,
	raw: Record<string, unknown>,
	basePath: string,
	invalid: InvalidValue[]
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, schema] of Object.entries(shape)) {
		const result = schema.safeParse(raw[key]);
		if (result.success) {
			out[key] = result.data;
			continue;
		}
		invalid.push({
			path: `${basePath}/${key}`,
			value: raw[key],
			message: issueMessage(result.error)
		});
		out[key] = emptyValue(schema);
	}
	return out;
}

function asRecord(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
}

function validatePart(
	schema: PartSchema,
	raw: unknown,
	path: string,
	invalid: InvalidValue[]
): unknown {
	switch (schema.kind) {
		case 'text':
			return typeof raw === 'string' ? raw : '';
		case 'textMap':
			return asRecord(raw);
		case 'fields':
			return validateFields(schema.shape, asRecord(raw), path, invalid);
		case 'entries': {
			const out: Record<string, unknown> = {};
			for (const [key, value] of Object.entries(asRecord(raw))) {
				const result = schema.value.safeParse(value);
				if (result.success) out[key] = result.data;
				else invalid.push({ path: `${path}/${key}`, value, message: issueMessage(result.error) });
			}
			return out;
		}
		case 'rows': {
			const rows = Array.isArray(raw) ? (raw as RowJson[]) : [];
			return rows.map((row) => ({
				id: row.id,
				...validateFields(schema.shape, row, `${path}/${row.id}`, invalid)
			}));
		}
	}
}

/** Validates a section's plain JSON part by part against `schemas`. */
export function validateSection(
	sectionId: string,
	json: Record<string, unknown>,
	schemas: Record<string, PartSchema>,
	invalid: InvalidValue[]
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [part, schema] of Object.entries(schemas)) {
		out[part] = validatePart(schema, json[part], `${sectionId}/${part}`, invalid);
	}
	return out;
}

/**
 * Checks one value against its field schema before or after it is written, e.g. while a
 * person types. Returns the invalid value with its message, or null when it is valid.
 * Text parts and textMap entries accept any string.
 */
export function validateField(
	section: ValidatedSection,
	part: string,
	field: string | null,
	value: unknown
): InvalidValue | null {
	const schema = section.schemas[part];
	if (!schema) throw new Error(`Section "${section.id}" has no part "${part}".`);
	const path = field === null ? `${section.id}/${part}` : `${section.id}/${part}/${field}`;
	let fieldSchema: z.ZodType | undefined;
	if (schema.kind === 'fields' || schema.kind === 'rows') fieldSchema = schema.shape[field ?? ''];
	else if (schema.kind === 'entries') fieldSchema = schema.value;
	if (!fieldSchema) {
		return typeof value === 'string' ? null : { path, value, message: 'Ожидается текст.' };
	}
	const result = fieldSchema.safeParse(value);
	return result.success ? null : { path, value, message: issueMessage(result.error) };
}
