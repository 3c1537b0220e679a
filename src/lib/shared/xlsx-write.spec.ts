import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openXlsx } from './xlsx-read';
import { sheetNamesFor, writeXlsx } from './xlsx-write';

describe('writeXlsx', () => {
	it('round-trips several sheets through the reader', () => {
		const bytes = writeXlsx([
			{
				name: 'Результаты',
				headerRow: true,
				rows: [
					['Код', 'Балл', 'Комментарий'],
					['50001', 11, 'тире — и «кавычки»'],
					['50002', 0.5, null],
					[null, -3, '  пробелы  ']
				]
			},
			{ name: 'Второй', rows: [[1, 2, 3]], columnWidths: [12, 0, 30] }
		]);
		const book = openXlsx(bytes);

		expect(book.sheetNames).toEqual(['Результаты', 'Второй']);
		expect(book.readSheet(0).rows).toEqual([
			['Код', 'Балл', 'Комментарий'],
			['50001', 11, 'тире — и «кавычки»'],
			['50002', 0.5],
			[null, -3, '  пробелы  ']
		]);
		expect(book.readSheet(1).rows).toEqual([[1, 2, 3]]);
	});

	it('keeps markup, control characters and escape look-alikes as text', () => {
		const tricky = ['<b>&amp;</b>', 'tab\there', 'bell\u0007', 'literal _x0041_ text', 'a\nb'];
		const bytes = writeXlsx([{ name: 'S', rows: [tricky] }]);

		expect(openXlsx(bytes).readSheet(0).rows[0]).toEqual(tricky);
	});

	it('writes numbers as numbers and the header in bold', () => {
		const files = unzipSync(writeXlsx([{ name: 'S', headerRow: true, rows: [['h'], [7]] }]));
		const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
		const styles = strFromU8(files['xl/styles.xml']);

		expect(sheet).toContain('<c r="A2"><v>7</v></c>');
		expect(sheet).toContain('<c r="A1" s="1" t="s">');
		expect(styles).toContain('<font><b/>');
		expect(Object.keys(files)[0]).toBe('[Content_Types].xml');
	});

	it('writes non-finite numbers as text', () => {
		const bytes = writeXlsx([{ name: 'S', rows: [[NaN, Infinity]] }]);

		expect(openXlsx(bytes).readSheet(0).rows[0]).toEqual(['NaN', 'Infinity']);
	});

	it('rejects an empty workbook and oversized cells', () => {
		expect(() => writeXlsx([])).toThrow(RangeError);
		expect(() => writeXlsx([{ name: 'S', rows: [['x'.repeat(32_768)]] }])).toThrow(/allows 32767/);
	});
});

describe('sheetNamesFor', () => {
	it('repairs invalid and repeated names', () => {
		const names = sheetNamesFor(['5А/5Б', 'Итоги', 'итоги', "'", 'x'.repeat(40)]);

		expect(names).toEqual(['5А_5Б', 'Итоги', 'итоги (2)', 'Лист4', 'x'.repeat(31)]);
	});
});
