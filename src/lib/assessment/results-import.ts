import { createLogger } from '$lib/shared/logger';
import type { CellValue, SheetRows } from '$lib/shared/sheet';
import { isBlank } from './cell-values';
import {
	applyClassMapping,
	proposeClassMapping,
	type ClassLabelProposal,
	type RawClassLabels
} from './class-labels';
import { problemColumn, type ImportProblem, type ImportProblemCode } from './import-problems';
import type { ResultMatrix } from './result-matrix';
import { detectResultsLayout, type ResultsLayout, type ResultsLayoutKind } from './results-layout';
import { RowImporter } from './results-rows';
import type { Specification } from './specification.schema';

/**
 * Imports assessment results from table rows (xlsx or CSV) into a ResultMatrix. Every
 * student row is kept, whatever is wrong with it, and every doubt becomes an ImportProblem.
 * Matrix column p is the task with the p-th smallest position in the specification.
 */

const log = createLogger('results-import');

export interface ResultsImportOptions {
	/** School identifier for a protocol without a `логин школы` column; empty by default. */
	school?: string;
	/** Called with the fraction of rows done, from 0 to 1, about every 2,000 rows. */
	onProgress?: (fraction: number) => void;
	/** Stops the import with the signal's AbortError between rows. */
	signal?: AbortSignal;
	/** Problems kept in full before only their counts grow; 10,000 by default. */
	maxProblems?: number;
}

export interface ResultsImport {
	layout: ResultsLayoutKind;
	/** 1-based sheet row of the header. */
	headerRow: number;
	matrix: ResultMatrix;
	/** 1-based sheet row of each student, in matrix order. */
	sheetRows: Uint32Array;
	rawClasses: RawClassLabels;
	/** Proposed class labels, for a person to confirm before `applyClassMapping`. */
	classMapping: ClassLabelProposal[];
	problems: ImportProblem[];
	/** Exact number of problems of each code, including any beyond `maxProblems`. */
	problemCounts: Partial<Record<ImportProblemCode, number>>;
	problemsTruncated: boolean;
}

const PROGRESS_EVERY = 2048;

function studentRowIndexes(rows: SheetRows, layout: ResultsLayout): number[] {
	const { students } = layout;
	const columns = [
		students.studentCode,
		students.variant,
		students.total,
		students.className,
		students.journalMark,
		students.sex,
		...layout.tasks.map((task) => task.column)
	].filter((column): column is number => column !== undefined);

	const indexes: number[] = [];
	for (let r = layout.headerRow + 1; r < rows.length; r++) {
		const row = rows[r];
		if (row && columns.some((column) => !isBlank(row[column] ?? null))) indexes.push(r);
	}
	return indexes;
}

/** Reports each column that has data below an empty header, once, with the row count. */
function reportHeaderlessColumns(
	rows: SheetRows,
	layout: ResultsLayout,
	importer: RowImporter,
	studentRows: number[]
): void {
	const header = layout.header;
	const blankInHeader = header.flatMap((value, column) => (isBlank(value ?? null) ? [column] : []));
	const firstSeen = new Map<number, { row: number; value: CellValue; count: number }>();
	const note = (r: number, column: number, value: CellValue) => {
		if (isBlank(value)) return;
		const seen = firstSeen.get(column);
		if (seen) seen.count++;
		else firstSeen.set(column, { row: r, value, count: 1 });
	};

	for (const r of studentRows) {
		const row = rows[r];
		for (const column of blankInHeader) note(r, column, row[column] ?? null);
		for (let column = header.length; column < row.length; column++) note(r, column, row[column]);
	}

	for (const [column, seen] of [...firstSeen].sort((a, b) => a[0] - b[0])) {
		const message = `У столбца нет заголовка, но в нём есть значения (строк: ${seen.count}, первая — ${seen.row + 1}). Столбец не загружен; подпишите его, если он нужен.`;
		importer.problems.add({
			row: seen.row + 1,
			column: problemColumn(column, null),
			code: 'column-without-header',
			message,
			value: seen.value
		});
	}
}

/**
 * Imports results from the rows of one sheet. Raises AppError `import-invalid` when no
 * header row is recognised; every other doubt becomes a problem in the result.
 */
export function importResults(
	rows: SheetRows,
	specification: Specification,
	options: ResultsImportOptions = {}
): ResultsImport {
	const tasks = [...specification.tasks].sort((a, b) => a.position - b.position);
	const layout = detectResultsLayout(rows, tasks);
	const studentRows = studentRowIndexes(rows, layout);
	const importer = new RowImporter(
		layout,
		tasks,
		studentRows.length,
		options.school ?? '',
		options.maxProblems ?? 10_000
	);

	studentRows.forEach((r, s) => {
		if (s % PROGRESS_EVERY === 0) {
			options.signal?.throwIfAborted();
			options.onProgress?.(s / studentRows.length);
		}
		importer.importRow(rows[r], r, s);
	});
	reportHeaderlessColumns(rows, layout, importer, studentRows);

	importer.matrix.schools = importer.schools.values;
	const rawClasses: RawClassLabels = {
		labels: importer.rawClasses.values,
		index: importer.rawClassIndex
	};
	const classMapping = proposeClassMapping(rawClasses, specification.grade);
	const proposed = new Map(classMapping.map((entry) => [entry.raw, entry.normalised]));
	const matrix = applyClassMapping(importer.matrix, rawClasses, proposed);
	options.onProgress?.(1);

	log.info('results imported', {
		layout: layout.kind,
		students: matrix.studentCount,
		problems: importer.problems.counts
	});
	return {
		layout: layout.kind,
		headerRow: layout.headerRow + 1,
		matrix,
		sheetRows: Uint32Array.from(studentRows, (r) => r + 1),
		rawClasses,
		classMapping,
		problems: importer.problems.items,
		problemCounts: importer.problems.counts,
		problemsTruncated: importer.problems.truncated
	};
}
