import { unzipSync, type Unzipped } from 'fflate';
import { AppError } from './errors';
import type { MergedRange, SheetRows } from './sheet';
import { parseAttributes } from './xml-text';
import { parseSharedStrings, parseWorksheet } from './xlsx-sheet-parse';

/**
 * Reads xlsx workbooks (Office Open XML spreadsheets) with fflate, in the browser, a Web
 * Worker or Node. Only cell values are read: formulas give their cached result, and styles,
 * number formats and dates stay raw (a date is its serial number).
 */

export interface XlsxSheet {
	name: string;
	/** True when the workbook marks the sheet hidden or very hidden. */
	hidden: boolean;
	rows: SheetRows;
	merges: MergedRange[];
}

export interface XlsxWorkbook {
	sheetNames: string[];
	/** Parses one sheet, by position or by name; a sheet is parsed once and then cached. */
	readSheet(sheet?: number | string): XlsxSheet;
}

interface SheetEntry {
	name: string;
	path: string;
	hidden: boolean;
}

const zipSignature = [0x50, 0x4b];
const compoundFileSignature = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
	return signature.every((byte, i) => bytes[i] === byte);
}

function unzip(bytes: Uint8Array, keep: (name: string) => boolean): Unzipped {
	try {
		return unzipSync(bytes, { filter: (file) => keep(file.name) });
	} catch (error) {
		throw new AppError(
			'import-invalid',
			'Архив xlsx повреждён или сохранён не полностью. Откройте файл в Excel и сохраните его заново.',
			{
				cause: error
			}
		);
	}
}

function decodeText(bytes: Uint8Array): string {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
	return new TextDecoder('utf-8').decode(bytes);
}

/** Resolves a relationship target against the folder of the part that owns it. */
function resolvePartPath(baseFolder: string, target: string): string {
	const joined = target.startsWith('/') ? target.slice(1) : baseFolder + target;
	const parts: string[] = [];
	for (const part of joined.split('/')) {
		if (part === '..') parts.pop();
		else if (part !== '.' && part !== '') parts.push(part);
	}
	return parts.join('/');
}

function folderOf(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash < 0 ? '' : path.slice(0, slash + 1);
}

function relsPathOf(partPath: string): string {
	const slash = partPath.lastIndexOf('/');
	return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

interface Relationship {
	type: string;
	target: string;
}

function parseRelationships(xml: string | undefined): Map<string, Relationship> {
	const relationships = new Map<string, Relationship>();
	if (!xml) return relationships;
	for (const match of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
		const attributes = parseAttributes(match[1]);
		if (attributes.TargetMode === 'External') continue;
		relationships.set(attributes.Id, { type: attributes.Type ?? '', target: attributes.Target });
	}
	return relationships;
}

/** Finds a part by path, ignoring case and backslashes, which some producers write. */
function findPart(parts: Unzipped, path: string): Uint8Array | undefined {
	if (parts[path]) return parts[path];
	const lowerPath = path.toLowerCase();
	for (const name of Object.keys(parts)) {
		if (name.replace(/\\/g, '/').toLowerCase() === lowerPath) return parts[name];
	}
	return undefined;
}

function readPartText(parts: Unzipped, path: string): string | undefined {
	const bytes = findPart(parts, path);
	return bytes ? decodeText(bytes) : undefined;
}

function listSheets(parts: Unzipped): { sheets: SheetEntry[]; sharedStringsPath?: string } {
	const rootRels = parseRelationships(readPartText(parts, '_rels/.rels'));
	const officeDocument = [...rootRels.values()].find((rel) => rel.type.endsWith('/officeDocument'));
	const workbookPath = resolvePartPath('', officeDocument?.target ?? 'xl/workbook.xml');
	const workbookXml = readPartText(parts, workbookPath);
	if (!workbookXml) {
		throw new AppError(
			'import-invalid',
			'В архиве нет книги Excel (xl/workbook.xml). Сохраните таблицу в Excel как «Книга Excel (.xlsx)».'
		);
	}

	const folder = folderOf(workbookPath);
	const rels = parseRelationships(readPartText(parts, relsPathOf(workbookPath)));
	const sheets: SheetEntry[] = [];
	for (const match of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
		const attributes = parseAttributes(match[1]);
		const rel = rels.get(attributes.id);
		if (!rel || !rel.type.endsWith('/worksheet')) continue;
		sheets.push({
			name: attributes.name ?? `Лист${sheets.length + 1}`,
			path: resolvePartPath(folder, rel.target),
			hidden: attributes.state === 'hidden' || attributes.state === 'veryHidden'
		});
	}

	const shared = [...rels.values()].find((rel) => rel.type.endsWith('/sharedStrings'));
	const sharedStringsPath = shared ? resolvePartPath(folder, shared.target) : undefined;
	return { sheets, sharedStringsPath };
}

function isWorksheetPart(name: string): boolean {
	return /(^|\/)worksheets\/[^/]+\.xml$/i.test(name.replace(/\\/g, '/'));
}

/**
 * Opens an xlsx file. The workbook's small parts are inflated at once, each worksheet only
 * when it is read. Raises AppError `import-invalid` when the bytes are not an xlsx workbook.
 */
export function openXlsx(bytes: Uint8Array): XlsxWorkbook {
	if (startsWith(bytes, compoundFileSignature)) {
		throw new AppError(
			'import-invalid',
			'Это файл старого формата xls или книга, защищённая паролем. Откройте её в Excel или LibreOffice и сохраните как xlsx без пароля или как csv.'
		);
	}
	if (!startsWith(bytes, zipSignature)) {
		throw new AppError(
			'import-invalid',
			'Файл не является таблицей xlsx. Выберите файл xlsx или csv.'
		);
	}

	const parts = unzip(bytes, (name) => /\.(xml|rels)$/i.test(name) && !isWorksheetPart(name));
	const { sheets, sharedStringsPath } = listSheets(parts);
	if (sheets.length === 0)
		throw new AppError('import-invalid', 'В книге Excel нет ни одного листа.');

	const sharedXml = sharedStringsPath ? readPartText(parts, sharedStringsPath) : undefined;
	const shared = sharedXml ? parseSharedStrings(sharedXml) : [];
	const cache = new Map<number, XlsxSheet>();

	const readSheet = (sheetRef: number | string = 0): XlsxSheet => {
		const index =
			typeof sheetRef === 'number' ? sheetRef : sheets.findIndex((s) => s.name === sheetRef);
		const entry = sheets[index];
		if (!entry) {
			throw new AppError(
				'import-invalid',
				`В книге нет листа «${String(sheetRef)}». Выберите один из листов: ${sheets.map((s) => s.name).join(', ')}.`
			);
		}
		const cached = cache.get(index);
		if (cached) return cached;

		const partPath = entry.path.toLowerCase();
		const sheetParts = unzip(bytes, (name) => name.replace(/\\/g, '/').toLowerCase() === partPath);
		const xml = readPartText(sheetParts, entry.path);
		if (xml === undefined) {
			throw new AppError(
				'import-invalid',
				`Лист «${entry.name}» указан в книге, но его нет в архиве. Откройте файл в Excel и сохраните его заново.`
			);
		}
		const { rows, merges } = parseWorksheet(xml, shared);
		const sheet: XlsxSheet = { name: entry.name, hidden: entry.hidden, rows, merges };
		cache.set(index, sheet);
		return sheet;
	};

	return { sheetNames: sheets.map((s) => s.name), readSheet };
}

/** Reads one sheet of an xlsx file (the first by default). */
export function readXlsx(bytes: Uint8Array, sheet: number | string = 0): XlsxSheet {
	return openXlsx(bytes).readSheet(sheet);
}

/** True when the bytes start like a ZIP archive, as every xlsx file does. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
	return startsWith(bytes, zipSignature);
}
