import { z } from 'zod';

/** Calendar date `YYYY-MM-DD`; zod checks month lengths and leap years. */
export const isoDateSchema = z.iso.date(
	'Дата должна быть в формате ГГГГ-ММ-ДД, например 2025-09-01'
);

/** Moment with a UTC offset, as `Date.toISOString()` writes it. */
export const isoDateTimeSchema = z.iso.datetime('Время записи должно быть в формате ISO 8601');

/**
 * Row id: random for rows people add, derived from the source for rows the app adds on a
 * person's request, so that two devices adding the same row produce the same id.
 */
export const rowIdSchema = z
	.string()
	.regex(/^[A-Za-z0-9_~.-]{1,80}$/, 'Идентификатор строки: латинские буквы, цифры и знаки _ ~ . -');

/** Person id from the roster. */
export const personIdSchema = z
	.string()
	.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Идентификатор: латинские буквы, цифры, - и _');

/** Share of a group, 0–1. */
export const shareSchema = z.number().min(0, 'Доля не меньше 0').max(1, 'Доля не больше 1');

const textError = 'Ожидается текст';

/** Free text typed by a person: never limited in length, never trimmed. */
export const freeTextSchema = z.string(textError).default('');

/** A single-line value such as a name or a position. */
export const lineSchema = z.string(textError).max(300, 'Не длиннее 300 символов').default('');

/** Hours as the programme's documents state them, usually academic hours. */
export const hoursSchema = z
	.number('Количество часов — число')
	.positive('Количество часов больше нуля')
	.max(10_000, 'Количество часов не больше 10 000: проверьте, не лишний ли ноль');
