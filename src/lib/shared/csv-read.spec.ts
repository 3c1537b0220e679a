import { describe, expect, it } from 'vitest';
import { decodeTextFile, parseCsvText, readCsv, sniffDelimiter } from './csv-read';

/** Encodes text as Windows-1251; covers Cyrillic letters, Ё/ё and the ASCII range only. */
function encodeCp1251(text: string): Uint8Array {
	return Uint8Array.from(text, (char) => {
		const code = char.charCodeAt(0);
		if (code < 0x80) return code;
		if (char === 'Ё') return 0xa8;
		if (char === 'ё') return 0xb8;
		if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
		throw new Error(`No Windows-1251 byte for ${char}`);
	});
}

describe('sniffDelimiter', () => {
	it('prefers semicolons over decimal commas', () => {
		expect(sniffDelimiter('Код;Балл;Доля\n1;2;0,5\n2;1;1,25')).toBe(';');
	});

	it('finds commas and tabs', () => {
		expect(sniffDelimiter('a,b,c\n1,2,3')).toBe(',');
		expect(sniffDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
	});

	it('ignores delimiters inside quotes', () => {
		expect(sniffDelimiter('"a;b;c",d\n"e;f;g",h\n"x",y')).toBe(',');
	});
});

describe('parseCsvText', () => {
	it('reads quoted fields with quotes and line breaks', () => {
		const rows = parseCsvText('"Фамилия ""Имя""";"две\nстроки";x\r\n1;"";3', ';');

		expect(rows).toEqual([
			['Фамилия "Имя"', 'две\nстроки', 'x'],
			['1', '', '3']
		]);
	});

	it('keeps record numbers for empty lines and handles CR endings', () => {
		expect(parseCsvText('a;b\r\rc;\r', ';')).toEqual([['a', 'b'], [], ['c']]);
	});

	it('turns empty fields into null and trims trailing empties', () => {
		expect(parseCsvText(';x;;\n', ';')).toEqual([[null, 'x']]);
	});
});

describe('decodeTextFile', () => {
	it('decodes UTF-8 with and without a byte order mark', () => {
		const plain = new TextEncoder().encode('класс;балл');
		const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...plain]);

		expect(decodeTextFile(plain)).toEqual({ text: 'класс;балл', encoding: 'utf-8' });
		expect(decodeTextFile(withBom)).toEqual({ text: 'класс;балл', encoding: 'utf-8' });
	});

	it('falls back to Windows-1251 for invalid UTF-8', () => {
		const decoded = decodeTextFile(encodeCp1251('Наименование класса;Ёлка;ёж'));

		expect(decoded.encoding).toBe('windows-1251');
		expect(decoded.text).toBe('Наименование класса;Ёлка;ёж');
	});

	it('decodes UTF-16 text as Excel saves it', () => {
		const text = 'Код\tПол';
		const bytes = new Uint8Array(2 + text.length * 2);
		bytes.set([0xff, 0xfe]);
		for (let i = 0; i < text.length; i++) {
			bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
			bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
		}

		expect(decodeTextFile(bytes)).toEqual({ text, encoding: 'utf-16le' });
	});
});

describe('readCsv', () => {
	it('reads a Windows-1251 protocol saved by Excel', () => {
		const table = readCsv(encodeCp1251('Код;Вариант;Итого баллов\r\n50001;1;11\r\n'));

		expect(table.delimiter).toBe(';');
		expect(table.encoding).toBe('windows-1251');
		expect(table.rows).toEqual([
			['Код', 'Вариант', 'Итого баллов'],
			['50001', '1', '11']
		]);
	});

	it('strips a byte order mark from text input', () => {
		expect(readCsv('\uFEFFa,b\n1,2').rows[0]).toEqual(['a', 'b']);
	});
});
