import type { RowJson } from '$lib/coedit/layout';

/**
 * Typed access to the parts of a section read as plain JSON. A part the document does not
 * have yet, or of another kind, reads as empty, so a screen does not fail on a document
 * without that part.
 */

type Json = Readonly<Record<string, unknown>>;

export function textOf(json: Json, part: string): string {
	const value = json[part];
	return typeof value === 'string' ? value : '';
}

export function rowsOf(json: Json, part: string): RowJson[] {
	const value = json[part];
	return Array.isArray(value) ? (value as RowJson[]) : [];
}

export function mapOf(json: Json, part: string): Record<string, unknown> {
	const value = json[part];
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
}
