/**
 * Cells of the curriculum plan as people type them: hours with a decimal comma («0,5») and
 * deadlines as the plan form prints them («10.10» for the 10th of October). The document
 * keeps numbers and ISO forms. Text that does not parse is kept as typed, so nothing entered
 * is lost and the field's check shows what to enter instead.
 */

/** Parses hours such as `3`, `0,5` or `0.5`; undefined for an empty cell, the text if invalid. */
export function parseHours(raw: string): number | string | undefined {
	const text = raw.trim().replace(/\s+/g, '');
	if (text === '') return undefined;
	if (!/^\d+(?:[.,]\d+)?$/.test(text)) return raw.trim();
	return Number(text.replace(',', '.'));
}

/** Formats stored hours with a decimal comma; any other stored value as it is. */
export function formatHours(value: unknown): string {
	if (typeof value === 'number') return String(value).replace('.', ',');
	if (value === null || value === undefined) return '';
	return String(value);
}

/**
 * Parses a deadline: `10.10` or `10.10.` (day and month) to `10-10`, `10.10.2025` to
 * `2025-10-10`. Undefined for an empty cell; other text is returned as typed.
 */
export function parsePlanDeadline(raw: string): string | undefined {
	const text = raw.trim().replace(/^до\s+/i, '');
	if (text === '') return undefined;
	const dayMonth = /^(\d{1,2})\.(\d{1,2})\.?$/.exec(text);
	if (dayMonth) return `${dayMonth[2].padStart(2, '0')}-${dayMonth[1].padStart(2, '0')}`;
	const full = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
	if (full) return `${full[3]}-${full[2].padStart(2, '0')}-${full[1].padStart(2, '0')}`;
	return raw.trim();
}

/** Formats a stored deadline as the form prints it: `10.10` or `10.10.2025`. */
export function formatPlanDeadline(value: unknown): string {
	if (typeof value !== 'string') return '';
	const dayMonth = /^(\d{2})-(\d{2})$/.exec(value);
	if (dayMonth) return `${dayMonth[2]}.${dayMonth[1]}`;
	const full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (full) return `${full[3]}.${full[2]}.${full[1]}`;
	return value;
}

/**
 * Returns the hours a year to write after the hours a week changed from `before` to `after`,
 * or null to leave them alone. They follow the week only while they were empty or equal to
 * the old week × `weeks`, so a number someone typed on purpose is never overwritten.
 */
export function followingYearHours(
	before: number | null,
	after: number | null,
	year: number | null,
	weeks: number | null
): number | null {
	if (weeks === null || after === null) return null;
	const followed = year === null || (before !== null && Math.abs(before * weeks - year) < 1e-6);
	if (!followed) return null;
	const next = Math.round(after * weeks * 100) / 100;
	return next === year ? null : next;
}
