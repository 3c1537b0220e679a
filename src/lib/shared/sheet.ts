/**
 * A table read from a spreadsheet or a CSV file, in a shape shared by the readers and the
 * importers: `rows[i]` is sheet row i + 1, and `rows[i][j]` is column j (0 is `A`).
 * Rows are ragged: a row ends at its last non-empty cell, and missing cells are null.
 */

export type CellValue = string | number | null;

export type SheetRows = CellValue[][];

/** A merged range, 0-based and inclusive on both ends. */
export interface MergedRange {
	firstRow: number;
	firstColumn: number;
	lastRow: number;
	lastColumn: number;
}

/** Formats a 0-based column index as its spreadsheet letters: 0 → `A`, 27 → `AB`. */
export function columnLetter(index: number): string {
	let letters = '';
	let rest = index + 1;
	while (rest > 0) {
		const digit = (rest - 1) % 26;
		letters = String.fromCharCode(65 + digit) + letters;
		rest = Math.floor((rest - 1) / 26);
	}
	return letters;
}

/**
 * Parses a cell reference such as `AB12` or `$C$3` into 0-based row and column.
 * Returns null when the text is not a reference.
 */
export function parseCellRef(ref: string): { row: number; column: number } | null {
	const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
	if (!match) return null;

	let column = 0;
	for (const char of match[1].toUpperCase()) column = column * 26 + (char.charCodeAt(0) - 64);
	return { row: Number(match[2]) - 1, column: column - 1 };
}

/** Parses a range such as `A1:C3` (or a single cell) into a MergedRange. */
export function parseRangeRef(ref: string): MergedRange | null {
	const [start, end = start] = ref.split(':');
	const first = parseCellRef(start);
	const last = parseCellRef(end);
	if (!first || !last) return null;
	return {
		firstRow: Math.min(first.row, last.row),
		firstColumn: Math.min(first.column, last.column),
		lastRow: Math.max(first.row, last.row),
		lastColumn: Math.max(first.column, last.column)
	};
}

/**
 * Returns a copy of the rows in which every cell of a merged range contains the value of
 * the range's top-left cell, as a person sees it on screen.
 */
export function fillMergedCells(rows: SheetRows, merges: readonly MergedRange[]): SheetRows {
	const filled = rows.map((row) => row.slice());
	for (const range of merges) {
		const value = filled[range.firstRow]?.[range.firstColumn] ?? null;
		if (value === null) continue;

		for (let r = range.firstRow; r <= range.lastRow; r++) {
			while (filled.length <= r) filled.push([]);
			const row = filled[r];
			while (row.length <= range.lastColumn) row.push(null);
			for (let c = range.firstColumn; c <= range.lastColumn; c++) row[c] = value;
		}
	}
	return filled;
}
