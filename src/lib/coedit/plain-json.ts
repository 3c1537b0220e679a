/** Values a `map` part or a plain row cell may hold: what Yjs stores as JSON. */
export type PlainJson =
	string | number | boolean | null | PlainJson[] | { [key: string]: PlainJson };

/** Checks that `value` is plain JSON: no undefined, NaN, functions, class instances or Y types. */
export function isPlainJson(value: unknown): value is PlainJson {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
	if (typeof value === 'number') return Number.isFinite(value);
	if (Array.isArray(value)) return value.every(isPlainJson);
	if (typeof value !== 'object') return false;
	const prototype = Object.getPrototypeOf(value);
	if (prototype !== Object.prototype && prototype !== null) return false;
	return Object.values(value).every(isPlainJson);
}

/** Compares two plain JSON values by content; object key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a) && Array.isArray(b)) {
		return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
	}
	const keysA = Object.keys(a);
	const keysB = Object.keys(b);
	if (keysA.length !== keysB.length) return false;
	const objectB = b as Record<string, unknown>;
	return keysA.every(
		(key) => key in objectB && jsonEqual((a as Record<string, unknown>)[key], objectB[key])
	);
}
