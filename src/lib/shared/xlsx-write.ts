import { zipSync, strToU8 } from 'fflate';
import { columnLetter, type CellValue } from './sheet';
import { escapeSpreadsheetText, escapeXml } from './xml-text';

/**
 * Writes xlsx workbooks with fflate: values only, strings in a shared string table, an
 * optional bold header row and frozen header, and optional column widths. The parts are
 * the minimal set that Excel and LibreOffice open (ECMA-376 part 1, SpreadsheetML).
 */

export interface SheetToWrite {
	/** Shown on the tab; see `sheetNamesFor` for how invalid names are repaired. */
	name: string;
	rows: readonly (readonly CellValue[])[];
	/** Makes the first row bold and freezes it. */
	headerRow?: boolean;
	/** Column widths in characters of the default font, by column index. */
	columnWidths?: readonly number[];
}

const MAX_SHEET_NAME = 31;
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
const MAX_CELL_TEXT = 32_767;

/**
 * Returns valid, distinct sheet names. Excel rejects names longer than 31 characters,
 * names with any of `[]:*?/\`, names that start or end with an apostrophe, and names that
 * differ only in case, so such characters become `_` and repeats get a number.
 */
export function sheetNamesFor(names: readonly string[]): string[] {
	const used = new Set<string>();
	return names.map((name, index) => {
		let base = name
			.replace(/[[\]:*?/\\]/g, '_')
			.replace(/^'+|'+$/g, '')
			.trim();
		if (base === '') base = `Лист${index + 1}`;
		base = base.slice(0, MAX_SHEET_NAME);

		let candidate = base;
		for (let n = 2; used.has(candidate.toLowerCase()); n++) {
			const suffix = ` (${n})`;
			candidate = base.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
		}
		used.add(candidate.toLowerCase());
		return candidate;
	});
}

class SharedStrings {
	private readonly indexes = new Map<string, number>();
	private readonly items: string[] = [];
	count = 0;

	indexOf(text: string): number {
		this.count++;
		let index = this.indexes.get(text);
		if (index === undefined) {
			index = this.items.length;
			this.items.push(text);
			this.indexes.set(text, index);
		}
		return index;
	}

	toXml(): string {
		const items = this.items.map((text) => {
			const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
			return `<si><t${space}>${escapeSpreadsheetText(text)}</t></si>`;
		});
		return (
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
			`<sst xmlns="${MAIN_NS}" count="${this.count}" uniqueCount="${this.items.length}">` +
			items.join('') +
			`</sst>`
		);
	}
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const BOLD_STYLE = 1;

function cellXml(value: CellValue, ref: string, style: number, strings: SharedStrings): string {
	const styleAttribute = style ? ` s="${style}"` : '';
	if (typeof value === 'number') {
		// Excel has no NaN or infinity; write them as text so that nothing is silently lost.
		if (!Number.isFinite(value)) return cellXml(String(value), ref, style, strings);
		return `<c r="${ref}"${styleAttribute}><v>${value}</v></c>`;
	}
	const text = String(value);
	if (text.length > MAX_CELL_TEXT) {
		throw new RangeError(
			`Cell ${ref} has ${text.length} characters; xlsx allows ${MAX_CELL_TEXT}.`
		);
	}
	return `<c r="${ref}"${styleAttribute} t="s"><v>${strings.indexOf(text)}</v></c>`;
}

function columnsXml(widths: readonly number[] | undefined): string {
	if (!widths || widths.length === 0) return '';
	const columns = widths
		.map((width, i) =>
			width > 0 ? `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>` : ''
		)
		.join('');
	return columns ? `<cols>${columns}</cols>` : '';
}

function worksheetXml(sheet: SheetToWrite, strings: SharedStrings): string {
	if (sheet.rows.length > MAX_ROWS) {
		throw new RangeError(
			`Sheet "${sheet.name}" has ${sheet.rows.length} rows; xlsx allows ${MAX_ROWS}.`
		);
	}
	const rowsXml: string[] = [];
	sheet.rows.forEach((row, r) => {
		if (row.length > MAX_COLUMNS) {
			throw new RangeError(
				`Row ${r + 1} of sheet "${sheet.name}" has ${row.length} columns; xlsx allows ${MAX_COLUMNS}.`
			);
		}
		const style = sheet.headerRow && r === 0 ? BOLD_STYLE : 0;
		const cells: string[] = [];
		row.forEach((value, c) => {
			if (value === null || value === undefined || value === '') return;
			cells.push(cellXml(value, `${columnLetter(c)}${r + 1}`, style, strings));
		});
		if (cells.length > 0) rowsXml.push(`<row r="${r + 1}">${cells.join('')}</row>`);
	});

	const frozenHeader = sheet.headerRow
		? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`
		: '';
	return (
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
		`<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
		frozenHeader +
		columnsXml(sheet.columnWidths) +
		`<sheetData>${rowsXml.join('')}</sheetData>` +
		`</worksheet>`
	);
}

const stylesXml =
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
	`<styleSheet xmlns="${MAIN_NS}">` +
	`<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
	`</styleSheet>`;

function contentTypesXml(sheetCount: number): string {
	const sheets = Array.from(
		{ length: sheetCount },
		(_, i) =>
			`<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
	).join('');
	return (
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		sheets +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
		`</Types>`
	);
}

function workbookXml(names: readonly string[]): string {
	const sheets = names
		.map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
		.join('');
	return (
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
		`<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${sheets}</sheets></workbook>`
	);
}

function workbookRelsXml(sheetCount: number): string {
	const base = `${REL_NS}`;
	const sheets = Array.from(
		{ length: sheetCount },
		(_, i) =>
			`<Relationship Id="rId${i + 1}" Type="${base}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
	).join('');
	return (
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
		`<Relationships xmlns="${PACKAGE_REL_NS}">${sheets}` +
		`<Relationship Id="rId${sheetCount + 1}" Type="${base}/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId${sheetCount + 2}" Type="${base}/sharedStrings" Target="sharedStrings.xml"/>` +
		`</Relationships>`
	);
}

const rootRelsXml =
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
	`<Relationships xmlns="${PACKAGE_REL_NS}">` +
	`<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
	`</Relationships>`;

/**
 * Writes the sheets as an xlsx file. Numbers are written as numbers, other values as
 * shared strings, and null or empty strings leave the cell empty. Raises RangeError when
 * there are no sheets or a sheet exceeds the xlsx limits: 1,048,576 rows, 16,384 columns,
 * 32,767 characters in a cell.
 */
export function writeXlsx(sheets: readonly SheetToWrite[]): Uint8Array {
	if (sheets.length === 0) throw new RangeError('An xlsx workbook needs at least one sheet.');

	const names = sheetNamesFor(sheets.map((sheet) => sheet.name));
	const strings = new SharedStrings();
	const worksheets = sheets.map((sheet) => strToU8(worksheetXml(sheet, strings)));

	// [Content_Types].xml goes first: Excel does not need that, but some stream readers do.
	const files: Record<string, Uint8Array> = {
		'[Content_Types].xml': strToU8(contentTypesXml(sheets.length)),
		'_rels/.rels': strToU8(rootRelsXml),
		'xl/workbook.xml': strToU8(workbookXml(names)),
		'xl/_rels/workbook.xml.rels': strToU8(workbookRelsXml(sheets.length)),
		'xl/styles.xml': strToU8(stylesXml),
		'xl/sharedStrings.xml': strToU8(strings.toXml())
	};
	worksheets.forEach((xml, i) => {
		files[`xl/worksheets/sheet${i + 1}.xml`] = xml;
	});
	return zipSync(files, { level: 6 });
}
