/**
 * Dates as people type them in the trajectory's tables. The document stores ISO forms
 * (`YYYY-MM-DD`, or `YYYY-MM` for an event known only by its month, such as «Май 2019»), and
 * the screen shows and accepts the Russian forms `25.05.2019`, `05.2019` and `май 2019`.
 */

const monthPrefixes: Record<string, number> = {
	янв: 1,
	фев: 2,
	мар: 3,
	апр: 4,
	май: 5,
	мая: 5,
	июн: 6,
	июл: 7,
	авг: 8,
	сен: 9,
	окт: 10,
	ноя: 11,
	дек: 12
};

const monthNames = [
	'январь',
	'февраль',
	'март',
	'апрель',
	'май',
	'июнь',
	'июль',
	'август',
	'сентябрь',
	'октябрь',
	'ноябрь',
	'декабрь'
];

function pad(value: string | number): string {
	return String(value).padStart(2, '0');
}

/**
 * Converts typed text into the stored form. Returns undefined for an empty field (the value is
 * removed) and the text unchanged when it is no known form, so that nothing typed is lost and
 * the field's check can report what to enter.
 */
export function parseDateOrMonth(raw: string): string | undefined {
	const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
	if (text === '') return undefined;

	const full = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
	if (full) return `${full[3]}-${pad(full[2])}-${pad(full[1])}`;

	const month = /^(\d{1,2})[./](\d{4})$/.exec(text);
	if (month) return `${month[2]}-${pad(month[1])}`;

	const named = /^([а-яё]+)\.? (\d{4})(?: г\.?)?$/.exec(text);
	const number = named ? monthPrefixes[named[1].slice(0, 3)] : undefined;
	if (named && number) return `${named[2]}-${pad(number)}`;

	return raw.trim();
}

/** Returns the stored value in the Russian form: `25.05.2019`, `май 2019`; other text as is. */
export function formatDateOrMonth(value: unknown): string {
	if (typeof value !== 'string') return '';
	const full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (full) return `${full[3]}.${full[2]}.${full[1]}`;
	const month = /^(\d{4})-(\d{2})$/.exec(value);
	const name = month ? monthNames[Number(month[2]) - 1] : undefined;
	if (month && name) return `${name} ${month[1]}`;
	return value;
}
