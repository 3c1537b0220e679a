import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { columnLetter, fillMergedCells, parseCellRef } from './sheet';
import { openXlsx, readXlsx } from './xlsx-read';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

interface FixtureSheet {
	name: string;
	data: string;
	state?: string;
	tail?: string;
}

/** Builds a minimal xlsx archive around hand-written sheetData, as other producers write it. */
function makeXlsx(sheets: FixtureSheet[], sharedStrings?: string): Uint8Array {
	const files: Record<string, Uint8Array> = {
		'_rels/.rels': strToU8(
			`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
		),
		'xl/workbook.xml': strToU8(
			`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>` +
				sheets
					.map(
						(s, i) =>
							`<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ''}/>`
					)
					.join('') +
				`</sheets></workbook>`
		),
		'xl/_rels/workbook.xml.rels': strToU8(
			`<Relationships xmlns="${PKG}">` +
				sheets
					.map(
						(_, i) =>
							`<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="/xl/worksheets/s${i + 1}.xml"/>`
					)
					.join('') +
				`<Relationship Id="rId99" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
		)
	};
	if (sharedStrings !== undefined) {
		files['xl/sharedStrings.xml'] = strToU8(`<sst xmlns="${MAIN}">${sharedStrings}</sst>`);
	}
	sheets.forEach((s, i) => {
		files[`xl/worksheets/s${i + 1}.xml`] = strToU8(
			`<worksheet xmlns="${MAIN}"><sheetData>${s.data}</sheetData>${s.tail ?? ''}</worksheet>`
		);
	});
	return zipSync(files);
}

describe('readXlsx', () => {
	it('reads shared, rich-text and inline strings', () => {
		const shared =
			`<si><t>plain</t></si>` +
			`<si><r><rPr><b/></rPr><t>bold </t></r><r><t xml:space="preserve">and plain</t></r></si>` +
			`<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si>` +
			`<si><t>a &amp; b &lt;c&gt; &#1046; _x000D_</t></si>`;
		const data =
			`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>` +
			`<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c>` +
			`<c r="E1" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c></row>`;
		const sheet = readXlsx(makeXlsx([{ name: 'Лист1', data }], shared));

		expect(sheet.rows[0]).toEqual(['plain', 'bold and plain', '漢字', 'a & b <c> Ж \r', 'inline']);
	});

	it('reads numbers, booleans, errors and formula results', () => {
		const data =
			`<row r="1"><c r="A1"><v>42</v></c><c r="B1" t="n"><v>-1.5E-3</v></c>` +
			`<c r="C1" t="b"><v>1</v></c><c r="D1" t="b"><v>0</v></c>` +
			`<c r="E1" t="e"><v>#N/A</v></c><c r="F1"><f>A1*2</f><v>84</v></c>` +
			`<c r="G1" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="H1" s="3"/></row>`;
		const sheet = readXlsx(makeXlsx([{ name: 'S', data }]));

		expect(sheet.rows[0]).toEqual([42, -0.0015, 'TRUE', 'FALSE', '#N/A', 84, 'xy']);
	});

	it('reads a shared index written with spaces', () => {
		const data = `<row r="1"><c r="A1" t="s"><v> 1 </v></c></row>`;
		const sheet = readXlsx(makeXlsx([{ name: 'S', data }], '<si><t>a</t></si><si><t>b</t></si>'));

		expect(sheet.rows).toEqual([['b']]);
	});

	it('places cells by reference and leaves gaps null', () => {
		const data =
			`<row r="2"><c r="C2"><v>1</v></c></row>` + `<row r="5"><c r="AB5"><v>2</v></c></row>`;
		const { rows } = readXlsx(makeXlsx([{ name: 'S', data }]));

		expect(rows).toHaveLength(5);
		expect(rows[0]).toEqual([]);
		expect(rows[1]).toEqual([null, null, 1]);
		expect(rows[4][27]).toBe(2);
		expect(rows[4]).toHaveLength(28);
	});

	it('numbers rows and cells without references in order', () => {
		const data = `<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>`;
		const { rows } = readXlsx(makeXlsx([{ name: 'S', data }]));

		expect(rows).toEqual([[1, 2], [3]]);
	});

	it('accepts namespace prefixes, single quotes and line breaks in tags', () => {
		const xml =
			`<x:row r='1'><x:c r='A1'\n t='s'><x:v>0</x:v></x:c>` +
			`<x:c r="B1" t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row>`;
		const { rows } = readXlsx(makeXlsx([{ name: 'S', data: xml }], '<x:si><x:t>a</x:t></x:si>'));

		expect(rows).toEqual([['a', 'b']]);
	});

	it('returns merged ranges and fills them on request', () => {
		const data = `<row r="1"><c r="A1"><v>7</v></c></row><row r="2"><c r="B2"><v>8</v></c></row>`;
		const tail = `<mergeCells count="1"><mergeCell ref="A1:A3"/></mergeCells>`;
		const sheet = readXlsx(makeXlsx([{ name: 'S', data, tail }]));

		expect(sheet.merges).toEqual([{ firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 0 }]);
		expect(fillMergedCells(sheet.rows, sheet.merges)).toEqual([[7], [7, 8], [7]]);
	});

	it('lists sheets and reads one by name', () => {
		const book = openXlsx(
			makeXlsx([
				{ name: 'Первый', data: `<row r="1"><c r="A1"><v>1</v></c></row>` },
				{ name: 'Скрытый', state: 'hidden', data: `<row r="1"><c r="A1"><v>2</v></c></row>` }
			])
		);

		expect(book.sheetNames).toEqual(['Первый', 'Скрытый']);
		expect(book.readSheet('Скрытый').rows).toEqual([[2]]);
		expect(book.readSheet('Скрытый').hidden).toBe(true);
		expect(book.readSheet(0).hidden).toBe(false);
	});

	it('rejects bytes that are not xlsx', () => {
		const legacy = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]);

		expect(() => readXlsx(new TextEncoder().encode('a;b\n1;2'))).toThrow(AppError);
		expect(() => readXlsx(legacy)).toThrow(/xls/);
		expect(() => readXlsx(new Uint8Array([0x50, 0x4b, 3, 4, 9, 9]))).toThrow(AppError);
	});

	it('rejects a sheet name that is not in the workbook', () => {
		const book = openXlsx(makeXlsx([{ name: 'S', data: '' }]));

		expect(() => book.readSheet('Нет такого')).toThrow(/Нет такого/);
	});
});

describe('cell references', () => {
	it('converts between letters and indexes', () => {
		expect(columnLetter(0)).toBe('A');
		expect(columnLetter(25)).toBe('Z');
		expect(columnLetter(26)).toBe('AA');
		expect(columnLetter(16383)).toBe('XFD');
		expect(parseCellRef('$AB$12')).toEqual({ row: 11, column: 27 });
		expect(parseCellRef('12AB')).toBeNull();
	});
});
