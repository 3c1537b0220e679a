import { columnLetter, type CellValue } from '$lib/shared/sheet';

/**
 * Problems found while importing a file. Each names the sheet row and column, carries the
 * value as it was in the file, and states in Russian what is wrong and what to do. A problem
 * never removes a row: the row is imported with the cell read as described in the message.
 */

export const importProblemCodes = [
	'unknown-cell-code',
	'invalid-points',
	'points-above-max',
	'total-mismatch',
	'total-above-max',
	'total-missing',
	'invalid-total',
	'unknown-column',
	'column-without-header',
	'duplicate-column',
	'task-column-missing',
	'header-max-mismatch',
	'duplicate-student-code',
	'student-code-missing',
	'unknown-variant',
	'unknown-journal-mark',
	'unknown-sex',
	'absent-with-scores',
	'too-many-problems'
] as const;

export type ImportProblemCode = (typeof importProblemCodes)[number];

/** Codes of the problems a specification table can have. */
export const specProblemCodes = ['spec-conflict', 'unknown-skill-code'] as const;

export type SpecProblemCode = (typeof specProblemCodes)[number];

export interface ProblemColumn {
	/** 0-based column index. */
	index: number;
	/** Spreadsheet letters, e.g. `Q`. */
	letter: string;
	/** Header text as written in the file; empty when the column has none. */
	header: string;
}

export interface ImportProblem<Code extends string = ImportProblemCode> {
	/** 1-based sheet row, as the spreadsheet shows it. */
	row: number;
	column: ProblemColumn | null;
	code: Code;
	message: string;
	value: CellValue;
}

export function problemColumn(index: number, header: CellValue | undefined): ProblemColumn {
	return { index, letter: columnLetter(index), header: header == null ? '' : String(header) };
}

/**
 * Collects problems up to a limit and counts every one, so that a file with a wrong layout
 * cannot fill memory with hundreds of thousands of messages. When the limit is reached, one
 * `too-many-problems` item is added, and `counts` still has the exact numbers.
 */
export class ProblemLog {
	readonly items: ImportProblem[] = [];
	readonly counts: Partial<Record<ImportProblemCode, number>> = {};
	truncated = false;

	constructor(private readonly limit: number) {}

	add(problem: ImportProblem): void {
		this.counts[problem.code] = (this.counts[problem.code] ?? 0) + 1;
		if (this.items.length < this.limit) {
			this.items.push(problem);
			return;
		}
		if (!this.truncated) {
			this.truncated = true;
			this.items.push({
				row: problem.row,
				column: null,
				code: 'too-many-problems',
				message: `Найдено больше ${this.limit} замечаний; дальше показаны только их количества по видам. Проверьте, что выбран файл этой работы.`,
				value: null
			});
		}
	}
}

/** Formats a cell value for a message: text in «quotes», numbers as they are. */
export function quoteValue(value: CellValue): string {
	if (value === null) return 'пусто';
	return typeof value === 'number' ? String(value) : `«${value}»`;
}
