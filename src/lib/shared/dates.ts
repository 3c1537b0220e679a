/** Dates as Russian users read them, in the device's time zone. */

const time = new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit' });
const dateTime = new Intl.DateTimeFormat('ru-RU', {
	day: 'numeric',
	month: 'short',
	hour: '2-digit',
	minute: '2-digit'
});
const date = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric' });

/** Time today, or day and time for earlier moments. */
export function formatTime(ms: number, now = Date.now()): string {
	const sameDay = new Date(ms).toDateString() === new Date(now).toDateString();
	return sameDay ? time.format(ms) : dateTime.format(ms);
}

export function formatDate(value: string | number | Date): string {
	const parsed = typeof value === 'string' ? new Date(value) : value;
	return date.format(parsed);
}

/** The local calendar day as YYYY-MM-DD. */
export function localDay(ms = Date.now()): string {
	const d = new Date(ms);
	const month = String(d.getMonth() + 1).padStart(2, '0');
	const day = String(d.getDate()).padStart(2, '0');
	return `${d.getFullYear()}-${month}-${day}`;
}
