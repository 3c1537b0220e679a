const rules = new Intl.PluralRules('ru-RU');

/**
 * Chooses the Russian word form for a count: `plural(23, ['участник', 'участника',
 * 'участников'])` is «участника». The forms are for one, few (2–4) and many.
 */
export function plural(
	count: number,
	forms: readonly [one: string, few: string, many: string]
): string {
	const rule = rules.select(count);
	if (rule === 'one') return forms[0];
	if (rule === 'few') return forms[1];
	return forms[2];
}
