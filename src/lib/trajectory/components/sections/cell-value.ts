import type { z } from 'zod';
import { formatDateOrMonth, parseDateOrMonth } from './date-text';

/**
 * Editor of one value of a trajectory table. `text` and `longtext` are strings in a one-line
 * field and in a text area. `number` is typed digits, and `mark` is a school mark picked from
 * 2–5. `select` is one of `options`, and `checkbox` is a yes/no flag. `date` is a calendar date
 * from the date picker, and `month` is a date or just a month, typed in Russian.
 */
export type CellKind =
	'text' | 'longtext' | 'number' | 'mark' | 'select' | 'checkbox' | 'date' | 'month';

export interface ChoiceOption {
	value: string;
	label: string;
}

export const markOptions: readonly ChoiceOption[] = ['2', '3', '4', '5'].map((mark) => ({
	value: mark,
	label: mark
}));

/** Turns a label map of the model into the options of a select, in the map's order. */
export function optionsOf(labels: Record<string, string>): ChoiceOption[] {
	return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

/**
 * Converts what a person entered into the value to store. Returns undefined when the field was
 * cleared, so the value is removed. A number that does not parse is stored as typed, so nothing
 * entered is lost and the field's check reports it.
 */
export function parseCellInput(kind: CellKind, raw: string | boolean): unknown {
	if (kind === 'checkbox') return raw === true;
	const text = String(raw);
	switch (kind) {
		case 'text':
		case 'longtext':
			return text;
		case 'month':
			return parseDateOrMonth(text);
		case 'number':
		case 'mark': {
			if (text.trim() === '') return undefined;
			const number = Number(text.trim().replace(',', '.'));
			return Number.isFinite(number) ? number : text;
		}
		case 'select':
		case 'date':
			return text === '' ? undefined : text;
	}
}

/** Returns the value as the field's input shows it. */
export function cellInputText(kind: CellKind, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (kind === 'month') return formatDateOrMonth(value);
	return typeof value === 'string' ? value : String(value);
}

/** Returns the value as read-only text: the option's label, «да» for a set flag. */
export function cellReadableText(
	kind: CellKind,
	value: unknown,
	options: readonly ChoiceOption[] = []
): string {
	if (kind === 'checkbox') return value === true ? 'да' : '';
	if (kind === 'date' && typeof value === 'string') return formatDateOrMonth(value);
	if (kind === 'select') {
		return options.find((option) => option.value === value)?.label ?? cellInputText(kind, value);
	}
	return cellInputText(kind, value);
}

/**
 * Checks a stored value against the field's schema and returns the Russian message of the
 * first problem, or null when the value is valid or missing.
 */
export function cellProblem(schema: z.ZodType | undefined, value: unknown): string | null {
	if (!schema || value === undefined) return null;
	const result = schema.safeParse(value);
	return result.success
		? null
		: (result.error.issues[0]?.message ?? 'Значение не прошло проверку.');
}
