import type { z } from 'zod';
import type { RowJson } from './layout';

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
	| { kind: 'rows'; shape: FieldShape };

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
