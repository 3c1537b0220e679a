/**
 * Number formats of the analysis screens, in Russian: a decimal comma and a no-break space
 * before the percent sign, as in «60,6 %».
 */

const percentFormat = new Intl.NumberFormat('ru-RU', {
	minimumFractionDigits: 1,
	maximumFractionDigits: 1
});
const decimalFormat = new Intl.NumberFormat('ru-RU', {
	minimumFractionDigits: 2,
	maximumFractionDigits: 2
});
const integerFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });

/** Formats a share 0–1 as a percentage with one decimal, or «—» when it is not a number. */
export function percent(share: number): string {
	return Number.isFinite(share) ? `${percentFormat.format(share * 100)}\u00a0%` : '—';
}

/** Formats a difference of shares with its sign: «+3,2 %», «−1,0 %». */
export function percentDelta(share: number): string {
	if (!Number.isFinite(share)) return '—';
	let sign = '';
	if (share > 0) sign = '+';
	if (share < 0) sign = '−';
	return `${sign}${percentFormat.format(Math.abs(share) * 100)}\u00a0%`;
}

/** Formats a statistic such as a correlation with two decimals, or «—». */
export function decimal(value: number | null): string {
	return value !== null && Number.isFinite(value) ? decimalFormat.format(value) : '—';
}

export function integer(value: number): string {
	return integerFormat.format(value);
}

/** Rounds a share to a percentage with one decimal, for xlsx exports that keep numbers. */
export function percentNumber(share: number): number | null {
	return Number.isFinite(share) ? Math.round(share * 1000) / 10 : null;
}

/**
 * Picks a background colour for a solve rate against its threshold: red well below, amber just
 * below, green at or above. The 0.15 band is a reading aid, not a norm.
 */
export function rateColour(rate: number, threshold: number): string {
	if (!Number.isFinite(rate)) return 'transparent';
	if (rate >= threshold) return '#d7efdf';
	if (rate >= threshold - 0.15) return '#fbeccb';
	return '#f8d4d1';
}
