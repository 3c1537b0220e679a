/**
 * Fractional position keys: strings that sort between any two others, so a row can be moved
 * by rewriting one key instead of deleting and re-inserting it (which would drop the edits
 * another replica makes to the row meanwhile). Keys use the digits 0–9a–z, compare as plain
 * strings and never end with '0', which keeps a key strictly between any two neighbours.
 */

const digits = '0123456789abcdefghijklmnopqrstuvwxyz';
const base = digits.length;

function digitValue(key: string, index: number): number {
	const value = digits.indexOf(key[index]);
	if (value < 0) throw new Error(`Invalid position key "${key}": unexpected "${key[index]}".`);
	return value;
}

function midpoint(low: string, high: string | null): string {
	if (high !== null) {
		// A shared prefix (with `low` padded by zeros) stays; the midpoint goes after it.
		let shared = 0;
		while (shared < high.length && (low[shared] ?? '0') === high[shared]) shared++;
		if (shared > 0) return high.slice(0, shared) + midpoint(low.slice(shared), high.slice(shared));
	}
	const lowDigit = low.length > 0 ? digitValue(low, 0) : 0;
	// Appending steps by one digit, so keys of a list built by appends stay short.
	if (high === null && lowDigit + 1 < base) return digits[lowDigit + 1];
	const highDigit = high !== null ? digitValue(high, 0) : base;
	if (highDigit - lowDigit > 1) return digits[Math.round((lowDigit + highDigit) / 2)];
	// Adjacent first digits: a longer `high` has its first digit alone strictly between.
	if (high !== null && high.length > 1) return high[0];
	return digits[lowDigit] + midpoint(low.slice(1), null);
}

/**
 * Returns a key that sorts strictly after `before` and strictly before `after`. An empty
 * `before` means the start of the list and a null `after` its end.
 * Throws when `before` does not sort before `after`.
 */
export function positionBetween(before: string, after: string | null): string {
	if (after !== null && before >= after) {
		throw new Error(`Position "${before}" must sort before "${after}".`);
	}
	if (before.endsWith('0') || after?.endsWith('0')) {
		throw new Error(`Position keys must not end with "0": "${before}", "${after}".`);
	}
	return midpoint(before, after);
}

/** Returns `count` increasing keys spread over the whole range, for a list built at once. */
export function spreadPositions(count: number): string[] {
	const keys: string[] = [];
	let previous = '';
	for (let i = 0; i < count; i++) {
		previous = positionBetween(previous, null);
		keys.push(previous);
	}
	return keys;
}
