import { parseRangeRef, type CellValue, type MergedRange, type SheetRows } from './sheet';
import { decodeSpreadsheetText, parseAttributes } from './xml-text';

/**
 * Parsers for the two large parts of an xlsx file: the shared string table and a worksheet.
 * A regional export contains about 630,000 cells, so the worksheet is scanned with indexOf and
 * character codes rather than a DOM or a general XML parser. The scanner accepts any
 * namespace prefix (`<x:c>`), because some producers write one.
 */

const textElementPattern = /<(?:\w+:)?t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g;
const phoneticRunPattern = /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g;
const stringItemPattern = /<(?:\w+:)?si(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g;

/**
 * Joins the `<t>` texts of a string item: plain text or rich-text runs. Phonetic runs
 * (`<rPh>`, East Asian reading hints) are not part of the cell's text and are skipped.
 */
function stringItemText(itemXml: string): string {
	const body = itemXml.includes('rPh') ? itemXml.replace(phoneticRunPattern, '') : itemXml;
	let text = '';
	for (const match of body.matchAll(textElementPattern)) text += match[1] ?? '';
	return decodeSpreadsheetText(text);
}

export function parseSharedStrings(xml: string): string[] {
	const strings: string[] = [];
	for (const match of xml.matchAll(stringItemPattern)) strings.push(stringItemText(match[1] ?? ''));
	return strings;
}

const SLASH = 47;
const EXCLAMATION = 33;
const QUESTION = 63;
const COLON = 58;

function isNameChar(code: number): boolean {
	// SpreadsheetML element names are ASCII: letters, digits, '_', '-', '.' and ':' for prefixes.
	return (
		(code >= 97 && code <= 122) ||
		(code >= 65 && code <= 90) ||
		(code >= 48 && code <= 58) ||
		code === 95 ||
		code === 45 ||
		code === 46
	);
}

/** Decodes the column letters at the start of a reference such as `AB12`. */
function columnOfRef(ref: string): number {
	let column = 0;
	for (let i = 0; i < ref.length; i++) {
		const code = ref.charCodeAt(i) | 0x20;
		if (code < 97 || code > 122) break;
		column = column * 26 + (code - 96);
	}
	return column - 1;
}

function rowOfRef(ref: string): number {
	let i = 0;
	while (i < ref.length && ref.charCodeAt(i) > 57) i++;
	return Number(ref.slice(i)) - 1;
}

/** An attribute the cursor looks up, with the position of its next occurrence. */
class AttributeKey {
	readonly text: string;
	nextAt = -1;

	constructor(readonly name: string) {
		this.text = ` ${name}="`;
	}
}

/**
 * A cursor over the worksheet XML. `nextTag` moves to the next start or end tag and leaves
 * its bounds in the fields, so that the hot loop allocates nothing per tag.
 */
class TagCursor {
	/** Index of the tag's `<`. */
	start = 0;
	/** Index just past the tag's `>`. */
	end = 0;
	/** Bounds of the local name, after any `prefix:`. */
	nameStart = 0;
	nameEnd = 0;
	closing = false;
	selfClosing = false;

	constructor(readonly xml: string) {}

	/** Moves to the next tag at or after `from`; false at the end of the text. */
	nextTag(from: number): boolean {
		const xml = this.xml;
		let start = xml.indexOf('<', from);
		while (start >= 0) {
			const next = xml.charCodeAt(start + 1);
			if (next !== EXCLAMATION && next !== QUESTION) break;
			const close = xml.startsWith('<!--', start)
				? xml.indexOf('-->', start)
				: xml.indexOf('>', start);
			if (close < 0) return false;
			start = xml.indexOf('<', close + 1);
		}
		if (start < 0) return false;

		this.start = start;
		this.closing = xml.charCodeAt(start + 1) === SLASH;
		let position = start + (this.closing ? 2 : 1);
		this.nameStart = position;
		while (isNameChar(xml.charCodeAt(position))) {
			if (xml.charCodeAt(position) === COLON) this.nameStart = position + 1;
			position++;
		}
		this.nameEnd = position;
		const end = xml.indexOf('>', position);
		if (end < 0) return false;
		this.selfClosing = xml.charCodeAt(end - 1) === SLASH;
		this.end = end + 1;
		return true;
	}

	isNamed(name: string): boolean {
		return (
			this.nameEnd - this.nameStart === name.length && this.xml.startsWith(name, this.nameStart)
		);
	}

	/**
	 * Reads an attribute of the current start tag, or null when it has none of that name.
	 * The next occurrence of each key is remembered, so a sheet whose cells mostly lack an
	 * attribute is scanned once rather than once per cell.
	 */
	attribute(key: AttributeKey): string | null {
		const xml = this.xml;
		let found = key.nextAt;
		if (found < this.nameEnd) {
			found = xml.indexOf(key.text, this.nameEnd);
			if (found < 0) found = xml.length;
			key.nextAt = found;
		}
		if (found < this.end) {
			const valueStart = found + key.text.length;
			return xml.slice(valueStart, xml.indexOf('"', valueStart));
		}
		return this.hasUnusualSpacing() ? (this.slowAttributes()[key.name] ?? null) : null;
	}

	/** True when the tag has tabs, line breaks or single quotes, which the fast path misses. */
	private hasUnusualSpacing(): boolean {
		for (let i = this.nameEnd; i < this.end; i++) {
			const code = this.xml.charCodeAt(i);
			if (code === 9 || code === 10 || code === 13 || code === 39) return true;
		}
		return false;
	}

	private slowAttributes(): Record<string, string> {
		return parseAttributes(this.xml.slice(this.start, this.end));
	}

	/** Returns the index just past the end of the current element, nested ones included. */
	skipElement(): number {
		if (this.selfClosing) return this.end;
		const name = this.xml.slice(this.nameStart, this.nameEnd);
		let depth = 1;
		while (depth > 0 && this.nextTag(this.end)) {
			if (this.isNamed(name) && !this.selfClosing) depth += this.closing ? -1 : 1;
		}
		return depth > 0 ? this.xml.length : this.end;
	}
}

/** Parses the decimal digits of xml[start, end), or returns -1 when there are none or others. */
function parseIndex(xml: string, start: number, end: number): number {
	if (end <= start || end - start > 9) return -1;
	let value = 0;
	for (let i = start; i < end; i++) {
		const digit = xml.charCodeAt(i) - 48;
		if (digit < 0 || digit > 9) return -1;
		value = value * 10 + digit;
	}
	return value;
}

/**
 * The value of one `<c>` element. Its `<v>` text is kept as bounds into the XML rather than
 * a substring, because most values are shared-string indexes that need no substring.
 */
class CellReader {
	/** Bounds of the `<v>` text; start is -1 when the cell has no `<v>`. */
	private rawStart = -1;
	private rawEnd = -1;
	private inlineText: string | null = null;

	constructor(
		private readonly cursor: TagCursor,
		private readonly shared: readonly string[]
	) {}

	/** Reads the cell under the cursor; returns its value and the index past its end tag. */
	read(type: string | null): { value: CellValue; next: number } {
		const next = this.readContent();
		return { value: this.inlineText ?? this.convert(type), next };
	}

	private readContent(): number {
		const cursor = this.cursor;
		const xml = cursor.xml;
		this.rawStart = -1;
		this.inlineText = null;
		if (cursor.selfClosing) return cursor.end;

		let position = cursor.end;
		while (cursor.nextTag(position)) {
			position = cursor.end;
			if (cursor.closing) {
				if (cursor.isNamed('c')) return position;
				continue;
			}

			if (cursor.isNamed('v')) {
				this.rawStart = cursor.end;
				this.rawEnd = cursor.selfClosing ? cursor.end : xml.indexOf('<', cursor.end);
				position = this.rawEnd;
				// The usual end of an unprefixed cell; checking it here saves two tag scans per cell.
				if (xml.startsWith('</v></c>', position)) return position + 8;
			} else if (cursor.isNamed('is')) {
				const bodyStart = cursor.end;
				position = cursor.skipElement();
				this.inlineText = stringItemText(xml.slice(bodyStart, position));
			} else {
				position = cursor.skipElement();
			}
		}
		return position;
	}

	private convert(type: string | null): CellValue {
		if (this.rawStart < 0) return null;
		const xml = this.cursor.xml;
		if (type === 's') {
			let index = parseIndex(xml, this.rawStart, this.rawEnd);
			if (index < 0) index = Number(xml.slice(this.rawStart, this.rawEnd).trim());
			return this.shared[index] ?? null;
		}

		const raw = xml.slice(this.rawStart, this.rawEnd);
		switch (type) {
			case 'b':
				return raw.trim() === '1' ? 'TRUE' : 'FALSE';
			case 'str':
			case 'e':
			case 'd':
			case 'inlineStr':
				return decodeSpreadsheetText(raw);
			default: {
				if (raw === '') return null;
				const number = Number(raw);
				return Number.isNaN(number) ? decodeSpreadsheetText(raw) : number;
			}
		}
	}
}

function placeCell(rows: SheetRows, row: number, column: number, value: CellValue): void {
	while (rows.length <= row) rows.push([]);
	const cells = rows[row];
	while (cells.length < column) cells.push(null);
	cells[column] = value;
}

function parseMerges(xml: string, from: number): MergedRange[] {
	const merges: MergedRange[] = [];
	const tail = xml.slice(from);
	for (const match of tail.matchAll(/<(?:\w+:)?mergeCell\b([^>]*)>/g)) {
		const range = parseRangeRef(parseAttributes(match[1]).ref ?? '');
		if (range) merges.push(range);
	}
	return merges;
}

/** Parses a worksheet part into ragged rows of values and its merged ranges. */
export function parseWorksheet(
	xml: string,
	shared: readonly string[]
): { rows: SheetRows; merges: MergedRange[] } {
	const rows: SheetRows = [];
	const cursor = new TagCursor(xml);
	const cells = new CellReader(cursor, shared);
	const refKey = new AttributeKey('r');
	const typeKey = new AttributeKey('t');
	let rowIndex = -1;
	let columnIndex = -1;
	let position = 0;

	while (cursor.nextTag(position)) {
		position = cursor.end;
		if (cursor.closing) {
			if (cursor.isNamed('sheetData')) break;
			continue;
		}

		if (cursor.isNamed('row')) {
			const ref = cursor.attribute(refKey);
			rowIndex = ref === null ? rowIndex + 1 : Number(ref) - 1;
			columnIndex = -1;
		} else if (cursor.isNamed('c')) {
			const ref = cursor.attribute(refKey);
			const type = cursor.attribute(typeKey);
			if (ref !== null) {
				columnIndex = columnOfRef(ref);
				if (rowIndex < 0) rowIndex = rowOfRef(ref);
			} else {
				columnIndex += 1;
			}
			const { value, next } = cells.read(type);
			position = next;
			if (value !== null) placeCell(rows, Math.max(rowIndex, 0), columnIndex, value);
		}
	}

	return { rows, merges: parseMerges(xml, position) };
}
