/**
 * Returns the school year of a day as `YYYY/YYYY`. A Russian school year starts on
 * 1 September, so January–August belong to the year that began the September before.
 */
export function academicYearOf(day: Date): string {
	const year = day.getFullYear();
	const start = day.getMonth() >= 8 ? year : year - 1;
	return `${start}/${start + 1}`;
}
