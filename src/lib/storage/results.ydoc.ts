import * as Y from 'yjs';
import { CellState } from '$lib/assessment/result-matrix';
import { specificationSchema, type Specification } from '$lib/assessment/specification.schema';
import { AppError } from '$lib/shared/errors';
import { decodeClassSlice, encodeClassSlice, type ClassSlice } from './results.codec';
import {
	cellCorrectionSchema,
	importReportSchema,
	type CellCorrection,
	type ImportReport
} from './results.schema';

/**
 * Bindings of a school's own procedure to its documents.
 *
 * `{school}/procedure/{id}`: Y.Map `meta` with JSON values (title, specification, import
 * report, import time) and Y.Map `classes`, class id → `{ label, students }`.
 *
 * `{school}/procedure/{id}/class/{classId}`: Y.Map `results` whose `slice` is the class's
 * rows as ONE binary value (results.codec.ts), so a class of 30 students is one Yjs item and
 * not 480. Y.Map `corrections` overlays later corrections of single cells, keyed
 * `{row}:{column}` within the slice; the slice itself is never rewritten in place.
 */

export interface ProcedureMeta {
	title: string;
	spec: Specification;
	importedAt: number;
	report: ImportReport;
	classes: { id: string; label: string; students: number }[];
}

const classEntry = (value: unknown): { label: string; students: number } | null => {
	const entry = value as { label?: unknown; students?: unknown } | null;
	if (typeof entry?.label !== 'string' || typeof entry.students !== 'number') return null;
	return { label: entry.label, students: entry.students };
};

export function writeProcedureMeta(doc: Y.Doc, meta: ProcedureMeta, origin: unknown = null): void {
	const spec = specificationSchema.parse(meta.spec);
	const report = importReportSchema.parse(meta.report);
	doc.transact(() => {
		const map = doc.getMap('meta');
		map.set('title', meta.title);
		map.set('spec', spec);
		map.set('importedAt', meta.importedAt);
		map.set('report', report);
		const classes = doc.getMap('classes');
		for (const item of meta.classes) {
			classes.set(item.id, { label: item.label, students: item.students });
		}
	}, origin);
}

/**
 * Reads the procedure's metadata, or null while the document is empty (it has not arrived
 * from the relay yet). Raises `validation-failed` for a damaged one.
 */
export function readProcedureMeta(doc: Y.Doc): ProcedureMeta | null {
	const map = doc.getMap('meta');
	if (!map.has('spec')) return null;

	const spec = specificationSchema.safeParse(map.get('spec'));
	const report = importReportSchema.safeParse(map.get('report'));
	if (!spec.success || !report.success) {
		throw new AppError(
			'validation-failed',
			'Спецификация или отчёт об импорте этой процедуры повреждены. Загрузите результаты заново.'
		);
	}
	const classes: ProcedureMeta['classes'] = [];
	doc.getMap('classes').forEach((value, id) => {
		const entry = classEntry(value);
		if (entry) classes.push({ id, ...entry });
	});
	classes.sort((a, b) => a.label.localeCompare(b.label, 'ru'));
	return {
		title: String(map.get('title') ?? ''),
		spec: spec.data,
		importedAt: Number(map.get('importedAt') ?? 0),
		report: report.data,
		classes
	};
}

export function writeClassResults(
	doc: Y.Doc,
	slice: ClassSlice,
	importedAt: number,
	origin: unknown = null
): void {
	doc.transact(() => {
		const results = doc.getMap('results');
		results.set('slice', encodeClassSlice(slice));
		results.set('importedAt', importedAt);
		// A new import replaces the class's rows, so corrections of the old rows no longer apply.
		doc.getMap('corrections').clear();
	}, origin);
}

export interface ClassResults {
	slice: ClassSlice;
	corrections: Map<string, CellCorrection>;
	/** Keys of corrections that failed validation and were not applied. */
	invalidCorrections: string[];
}

/** Reads the class's slice and its corrections, or null while the document has no slice. */
export function readClassResults(doc: Y.Doc): ClassResults | null {
	const bytes = doc.getMap('results').get('slice');
	if (!(bytes instanceof Uint8Array)) return null;

	const slice = decodeClassSlice(bytes);
	const corrections = new Map<string, CellCorrection>();
	const invalidCorrections: string[] = [];
	doc.getMap('corrections').forEach((value, key) => {
		const parsed = cellCorrectionSchema.safeParse(value);
		const cell = parseCellKey(key);
		const fits = cell && cell.row < slice.studentCodes.length && cell.column < slice.positionCount;
		if (parsed.success && fits) corrections.set(key, parsed.data);
		else invalidCorrections.push(key);
	});
	return { slice, corrections, invalidCorrections };
}

export function cellKey(row: number, column: number): string {
	return `${row}:${column}`;
}

function parseCellKey(key: string): { row: number; column: number } | null {
	const match = /^(\d+):(\d+)$/.exec(key);
	return match ? { row: Number(match[1]), column: Number(match[2]) } : null;
}

/** Records a correction of one cell of the class's slice. */
export function setCellCorrection(
	doc: Y.Doc,
	row: number,
	column: number,
	correction: CellCorrection,
	origin: unknown = null
): void {
	const valid = cellCorrectionSchema.parse(correction);
	if (valid.state !== CellState.points && valid.points !== 0) {
		throw new AppError(
			'validation-failed',
			'Баллы ставятся только в ячейку с баллами; для «X», «не пройд.» и пустой ячейки укажите 0.'
		);
	}
	doc.transact(() => doc.getMap('corrections').set(cellKey(row, column), valid), origin);
}

/** Returns a copy of the slice with the corrections applied; the input is not changed. */
export function applyCorrections(
	slice: ClassSlice,
	corrections: ReadonlyMap<string, CellCorrection>
): ClassSlice {
	if (corrections.size === 0) return slice;
	const points = slice.points.slice();
	const states = slice.states.slice();
	for (const [key, correction] of corrections) {
		const cell = parseCellKey(key);
		if (!cell) continue;
		const at = cell.row * slice.positionCount + cell.column;
		points[at] = correction.state === CellState.points ? correction.points : 0;
		states[at] = correction.state;
	}
	return { ...slice, points, states };
}
