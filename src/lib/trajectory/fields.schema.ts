import { z } from 'zod';

/**
 * Field schemas shared by the trajectory, the curriculum plan and the tutor's diary. Each one
 * accepts a missing value (undefined) and gives its empty value, so an empty field is never
 * reported as invalid. Messages are in Russian and tell what to enter.
 */

/** Free text; an empty string when missing. */
export const textField = z.string({ error: 'Ожидается текст.' }).default('');

function isCalendarDate(value: string): boolean {
	const [year, month, day] = value.split('-').map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

const dateMessage = 'Укажите дату в виде ГГГГ-ММ-ДД, например 2025-05-25.';

/** A calendar date `YYYY-MM-DD`, or null. */
export const dateField = z
	.string({ error: dateMessage })
	.regex(/^\d{4}-\d{2}-\d{2}$/, dateMessage)
	.refine(isCalendarDate, 'Такой даты нет в календаре. Проверьте день и месяц.')
	.nullable()
	.default(null);

const monthMessage = 'Укажите дату (ГГГГ-ММ-ДД) или месяц (ГГГГ-ММ), например 2019-05.';

/**
 * A date `YYYY-MM-DD` or just a month `YYYY-MM`, or null: the forms record events such as
 * «Май 2019» by month. Both sort and compare as strings by their prefix.
 */
export const dateOrMonthField = z
	.string({ error: monthMessage })
	.regex(/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/, monthMessage)
	.refine((value) => value.length === 7 || isCalendarDate(value), monthMessage)
	.nullable()
	.default(null);

/** A school mark from 2 to 5, or null. */
export const markField = z
	.number({ error: 'Отметка — число от 2 до 5.' })
	.int('Отметка — целое число от 2 до 5.')
	.min(2, 'Отметка — целое число от 2 до 5.')
	.max(5, 'Отметка — целое число от 2 до 5.')
	.nullable()
	.default(null);

/** Creates a schema of a whole number within `[min, max]`, or null; `what` names it in messages. */
export function intField(min: number, max: number, what: string) {
	const message = `${what}: целое число от ${min} до ${max}.`;
	return z
		.number({ error: message })
		.int(message)
		.min(min, message)
		.max(max, message)
		.nullable()
		.default(null);
}

/** A yes/no flag, false when missing. */
export const flagField = z.boolean({ error: 'Ожидается «да» или «нет».' }).default(false);

/** Creates a schema of one of `values`, or null; its message lists the labels to choose from. */
export function choiceField<const T extends readonly [string, ...string[]]>(
	values: T,
	labels: Record<T[number], string>
) {
	const message = `Выберите одно из значений: ${values.map((value) => labels[value as T[number]]).join(', ')}.`;
	return z.enum(values, { error: message }).nullable().default(null);
}
