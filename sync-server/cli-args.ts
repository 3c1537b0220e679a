/** Argument helpers shared by the relay's CLI commands. */

/** A mistake in the command line; the CLI prints it with the usage text and exits with 2. */
export class UsageError extends Error {}

export function required(values: Record<string, string | undefined>, name: string): string {
	const value = values[name];
	if (!value) throw new UsageError(`Missing --${name}.`);
	return value;
}

/** Reads a positive whole number option, or returns `fallback` when it is absent. */
export function positiveInteger(
	values: Record<string, string | undefined>,
	name: string,
	fallback: number,
	max: number
): number {
	const text = values[name];
	if (text === undefined) return fallback;
	const value = Number(text);
	if (!Number.isInteger(value) || value < 1 || value > max) {
		throw new UsageError(`Invalid --${name} "${text}"; use a whole number from 1 to ${max}.`);
	}
	return value;
}
