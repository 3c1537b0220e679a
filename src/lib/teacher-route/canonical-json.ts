/**
 * Serialises a JSON value with object keys sorted at every depth, so that two equal values
 * give the same string whatever order their keys were set in. `undefined` properties are
 * left out, as `JSON.stringify` does.
 */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value === null || typeof value !== 'object') return value;

	const sorted: Record<string, unknown> = {};
	for (const key of Object.keys(value).sort()) {
		const item = (value as Record<string, unknown>)[key];
		if (item !== undefined) sorted[key] = sortKeys(item);
	}
	return sorted;
}
