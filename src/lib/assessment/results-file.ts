import { readCsv } from '$lib/shared/csv-read';
import { AppError } from '$lib/shared/errors';
import type { SheetRows } from '$lib/shared/sheet';
import { looksLikeXlsx, openXlsx } from '$lib/shared/xlsx-read';
import { importResults, type ResultsImport, type ResultsImportOptions } from './results-import';
import { detectResultsLayout } from './results-layout';
import type { Specification } from './specification.schema';

/** Reading a results file from its bytes: xlsx by its ZIP signature, CSV otherwise. */

export interface ResultsTable {
	format: 'xlsx' | 'csv';
	/** The sheet read, for xlsx. */
	sheetName?: string;
	rows: SheetRows;
}

export interface ResultsFileOptions extends ResultsImportOptions {
	/** The xlsx sheet to read; by default the first visible sheet with a results header. */
	sheet?: number | string;
}

function hasResultsHeader(rows: SheetRows, specification: Specification): boolean {
	try {
		detectResultsLayout(rows, specification.tasks);
		return true;
	} catch {
		return false;
	}
}

/**
 * Reads the table of a results file. For a workbook without a chosen sheet, the first
 * visible sheet whose header is recognised is taken, and the first sheet when none is.
 */
export function readResultsTable(
	bytes: Uint8Array,
	specification: Specification,
	sheet?: number | string
): ResultsTable {
	if (!looksLikeXlsx(bytes)) return { format: 'csv', rows: readCsv(bytes).rows };

	const book = openXlsx(bytes);
	if (sheet !== undefined) {
		const chosen = book.readSheet(sheet);
		return { format: 'xlsx', sheetName: chosen.name, rows: chosen.rows };
	}
	for (let i = 0; i < book.sheetNames.length; i++) {
		const candidate = book.readSheet(i);
		if (!candidate.hidden && hasResultsHeader(candidate.rows, specification)) {
			return { format: 'xlsx', sheetName: candidate.name, rows: candidate.rows };
		}
	}
	const first = book.readSheet(0);
	return { format: 'xlsx', sheetName: first.name, rows: first.rows };
}

/**
 * Reads a results file (xlsx or CSV) and imports it. Raises AppError `import-invalid` when
 * the file cannot be read or has no recognisable header.
 */
export function importResultsFile(
	bytes: Uint8Array,
	specification: Specification,
	options: ResultsFileOptions = {}
): ResultsImport & { format: ResultsTable['format']; sheetName?: string } {
	if (bytes.length === 0)
		throw new AppError('import-invalid', 'Файл пуст. Выберите файл с результатами.');
	const table = readResultsTable(bytes, specification, options.sheet);
	return {
		...importResults(table.rows, specification, options),
		format: table.format,
		sheetName: table.sheetName
	};
}
