import { AppError } from './errors';
import type { CellValue, SheetRows } from './sheet';

/**
 * Reads CSV files as Excel and LibreOffice save them in Russia. Fields are separated by `;`
 * (the default where the decimal separator is a comma), `,` or tab. A quoted field uses
 * `""` for a quote. Lines end in CRLF, LF or CR, and the text is UTF-8, UTF-16 or
 * Windows-1251, with or without a byte order mark.
 */

export type CsvDelimiter = ';' | ',' | '\t';
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';

export interface CsvTable {
	/** Records in file order; `rows[i]` is record i + 1. Empty fields are null. */
	rows: SheetRows;
	delimiter: CsvDelimiter;
	/** The encoding found in the bytes, or null when the caller passed decoded text. */
	encoding: TextEncodingName | null;
}

const candidates: readonly CsvDelimiter[] = [';', ',', '\t'];

/**
 * Decodes file bytes. A byte order mark decides the encoding when there is one. Otherwise
 * valid UTF-8 is read as UTF-8, and anything else as Windows-1251, the Russian Windows
 * code page.
 */
export function decodeTextFile(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
	}
	if (bytes[0] === 0xff && bytes[1] === 0xfe) {
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
	}
	if (bytes[0] === 0xfe && bytes[1] === 0xff) {
		return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
	}

	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		// Not valid UTF-8: the file was saved in the Windows code page.
	}
	try {
		return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
	} catch (error) {
		throw new AppError(
			'import-invalid',
			'Кодировка файла не распознана. Сохраните таблицу как «CSV UTF-8» и загрузите снова.',
			{ cause: error }
		);
	}
}

/** Counts the delimiter outside quoted sections of one line. */
function countOutsideQuotes(line: string, delimiter: string): number {
	let count = 0;
	let quoted = false;
	for (const char of line) {
		if (char === '"') quoted = !quoted;
		else if (!quoted && char === delimiter) count++;
	}
	return count;
}

/**
 * Picks the delimiter that splits the first lines most consistently: for each candidate,
 * the share of lines that have its most common count, as long as that count is above zero.
 * Ties go to the larger count, then to the order `;`, `,`, tab.
 */
export function sniffDelimiter(text: string): CsvDelimiter {
	const lines = text
		.split(/\r\n|\n|\r/, 50)
		.filter((line) => line.trim() !== '')
		.slice(0, 20);
	let best: { delimiter: CsvDelimiter; share: number; mode: number } = {
		delimiter: ';',
		share: 0,
		mode: 0
	};

	for (const delimiter of candidates) {
		const frequency = new Map<number, number>();
		for (const line of lines) {
			const count = countOutsideQuotes(line, delimiter);
			frequency.set(count, (frequency.get(count) ?? 0) + 1);
		}
		let mode = 0;
		let modeLines = 0;
		for (const [count, linesWithCount] of frequency) {
			if (
				count > 0 &&
				(linesWithCount > modeLines || (linesWithCount === modeLines && count > mode))
			) {
				mode = count;
				modeLines = linesWithCount;
			}
		}
		const share = lines.length > 0 ? modeLines / lines.length : 0;
		if (share > best.share || (share === best.share && share > 0 && mode > best.mode)) {
			best = { delimiter, share, mode };
		}
	}
	return best.delimiter;
}

function trimTrailingNulls(row: CellValue[]): CellValue[] {
	let end = row.length;
	while (end > 0 && row[end - 1] === null) end--;
	return end === row.length ? row : row.slice(0, end);
}

/** Reads one quoted field starting just after its opening quote; returns text and next index. */
function readQuotedField(text: string, from: number): { value: string; next: number } {
	let value = '';
	let position = from;
	for (;;) {
		const quote = text.indexOf('"', position);
		if (quote < 0) return { value: value + text.slice(position), next: text.length };
		value += text.slice(position, quote);
		if (text[quote + 1] !== '"') return { value, next: quote + 1 };
		value += '"';
		position = quote + 2;
	}
}

/**
 * Splits CSV text into records. A quote opens a quoted field only at the field's start;
 * text after the closing quote, up to the delimiter, is kept as typed.
 */
export function parseCsvText(text: string, delimiter: CsvDelimiter): SheetRows {
	const rows: SheetRows = [];
	let row: CellValue[] = [];
	let position = 0;

	while (position < text.length) {
		let value: string;
		let quoted = false;
		if (text[position] === '"') {
			const field = readQuotedField(text, position + 1);
			value = field.value;
			position = field.next;
			quoted = true;
		} else {
			value = '';
		}

		let end = position;
		while (end < text.length) {
			const char = text[end];
			if (char === delimiter || char === '\n' || char === '\r') break;
			end++;
		}
		value += text.slice(position, end);
		row.push(value === '' && !quoted ? null : value);

		const stop = text[end];
		position = end + 1;
		if (stop === '\r' && text[position] === '\n') position++;
		if (stop !== delimiter) {
			rows.push(trimTrailingNulls(row));
			row = [];
		} else if (position === text.length) {
			row.push(null);
		}
	}

	if (row.length > 0) rows.push(trimTrailingNulls(row));
	return rows;
}

/** Reads a CSV file from its bytes, or from text already decoded. */
export function readCsv(input: Uint8Array | string, delimiter?: CsvDelimiter): CsvTable {
	const { text, encoding } =
		typeof input === 'string'
			? { text: input.replace(/^\uFEFF/, ''), encoding: null }
			: decodeTextFile(input);
	const chosen = delimiter ?? sniffDelimiter(text);
	return { rows: parseCsvText(text, chosen), delimiter: chosen, encoding };
}
