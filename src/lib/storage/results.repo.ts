import type { Table } from 'dexie';
import { AppError } from '$lib/shared/errors';
import { createLogger } from '$lib/shared/logger';
import type { SchoolDatabase } from './db';
import { procedureClassRepository, procedureRepository } from './repository';
import { joinSlices, sliceRows, type ClassSlice } from './results.codec';
import { storedResultsSchema, type ResultsScope, type StoredResults } from './results.schema';
import {
	applyCorrections,
	readClassResults,
	readProcedureMeta,
	writeClassResults,
	writeProcedureMeta
} from './results.ydoc';

const log = createLogger('results');

/** The table of imported results, keyed by procedure id (schema version 3). */
export function resultsTable(db: SchoolDatabase): Table<StoredResults, string> {
	return db.table('results');
}

/** A procedure as the list of procedures shows it. */
export interface ResultsSummary {
	procedureId: string;
	school: string;
	title: string;
	scope: ResultsScope;
	importedAt: number;
	students: number;
	schools: number;
	/** Origin of the entry: this device's table, or synced documents only. */
	source: 'table' | 'documents';
}

/** Stores one imported matrix with its specification and report, replacing an older one. */
export async function saveResults(db: SchoolDatabase, entry: StoredResults): Promise<void> {
	const valid = storedResultsSchema.parse(entry);
	try {
		await resultsTable(db).put(valid);
	} catch (error) {
		throw new AppError('storage-failed', `procedure ${entry.procedureId}`, { cause: error });
	}
}

/** Reads one procedure's results from the table, or null when the device has none. */
export async function loadResults(
	db: SchoolDatabase,
	procedureId: string
): Promise<StoredResults | null> {
	const row = await resultsTable(db).get(procedureId);
	if (!row) return null;

	const parsed = storedResultsSchema.safeParse(row);
	if (!parsed.success) {
		log.error('stored results failed validation', { procedureId, issues: parsed.error.issues });
		throw new AppError(
			'validation-failed',
			'Сохранённые результаты этой процедуры повреждены. Удалите процедуру и загрузите файл заново.'
		);
	}
	return parsed.data;
}

export async function deleteResults(db: SchoolDatabase, procedureId: string): Promise<void> {
	await resultsTable(db).delete(procedureId);
}

/**
 * Lists the procedures the device holds: entries of the results table and school procedures
 * that arrived as documents only. Newest first.
 */
export async function listResults(db: SchoolDatabase, school: string): Promise<ResultsSummary[]> {
	const summaries: ResultsSummary[] = [];
	await resultsTable(db).each((row) => {
		if (row.scope === 'school' && row.school !== school) return;
		summaries.push({
			procedureId: row.procedureId,
			school: row.school,
			title: row.title,
			scope: row.scope,
			importedAt: row.importedAt,
			students: row.matrix.studentCount,
			schools: row.matrix.schools.length,
			source: 'table'
		});
	});
	const known = new Set(summaries.map((item) => item.procedureId));
	for (const row of await procedureRepository.list(db, school)) {
		const procedureId = row.id.split('/')[2];
		if (known.has(procedureId)) continue;
		const meta = await readMetaOf(db, school, procedureId);
		if (!meta) continue;
		summaries.push({
			procedureId,
			school,
			title: meta.title,
			scope: 'school',
			importedAt: meta.importedAt,
			students: meta.classes.reduce((sum, item) => sum + item.students, 0),
			schools: 1,
			source: 'documents'
		});
	}
	return summaries.sort((a, b) => b.importedAt - a.importedAt);
}

async function readMetaOf(db: SchoolDatabase, school: string, procedure: string) {
	const opened = await procedureRepository.open(db, { school, procedure });
	try {
		return readProcedureMeta(opened.doc);
	} catch (error) {
		log.warn('procedure document is damaged and is not listed', { procedure, error });
		return null;
	} finally {
		opened.release();
	}
}

/**
 * Writes a school's own procedure to its documents: the specification and report to the
 * procedure document, and each class's rows to that class's document as one binary value.
 * `classIds` maps each class label of the matrix to its roster class id. Rows of a label
 * without an id are not written, and such labels are returned for the caller to show.
 */
export async function publishResults(
	db: SchoolDatabase,
	entry: StoredResults,
	classIds: ReadonlyMap<string, string>,
	by: string
): Promise<{ written: string[]; skipped: string[] }> {
	const { matrix, school, procedureId: procedure } = entry;
	const rowsByClass = new Map<number, number[]>();
	for (let s = 0; s < matrix.studentCount; s++) {
		const rows = rowsByClass.get(matrix.classIndex[s]) ?? [];
		rows.push(s);
		rowsByClass.set(matrix.classIndex[s], rows);
	}
	const written: string[] = [];
	const skipped: string[] = [];
	const classes: { id: string; label: string; students: number }[] = [];
	for (const [classNumber, rows] of rowsByClass) {
		const label = matrix.classes[classNumber];
		const className = classIds.get(label);
		if (!className) {
			skipped.push(label);
			continue;
		}
		const slice = sliceRows(matrix, rows, school, label);
		const opened = await procedureClassRepository.open(db, { school, procedure, className });
		try {
			writeClassResults(opened.doc, slice, entry.importedAt, by);
		} finally {
			opened.release();
		}
		classes.push({ id: className, label, students: rows.length });
		written.push(label);
	}
	const opened = await procedureRepository.open(db, { school, procedure });
	try {
		const meta = { ...entry, classes };
		writeProcedureMeta(opened.doc, meta, by);
	} finally {
		opened.release();
	}
	await procedureRepository.ensure(db, { school, procedure }, entry.title);
	return { written, skipped };
}

/**
 * Assembles a school procedure from the documents on this device: the procedure document
 * and whichever class documents the relay let the device receive, with their corrections
 * applied. Returns null when the procedure document is still empty.
 */
export async function loadFromDocuments(
	db: SchoolDatabase,
	school: string,
	procedure: string
): Promise<StoredResults | null> {
	const opened = await procedureRepository.open(db, { school, procedure });
	let meta;
	try {
		meta = readProcedureMeta(opened.doc);
	} finally {
		opened.release();
	}
	if (!meta) return null;

	const slices = await readClassSlices(db, school, procedure);
	const positionCount = meta.spec.tasks.length;
	return {
		procedureId: procedure,
		school,
		title: meta.title,
		scope: 'school',
		importedAt: meta.importedAt,
		spec: meta.spec,
		matrix: joinSlices(slices, positionCount),
		report: meta.report
	};
}

async function readClassSlices(
	db: SchoolDatabase,
	school: string,
	procedure: string
): Promise<ClassSlice[]> {
	const prefix = procedureRepository.idOf({ school, procedure }) + '/class/';
	const rows = (await procedureClassRepository.list(db, school)).filter((row) =>
		row.id.startsWith(prefix)
	);
	rows.sort((a, b) => a.id.localeCompare(b.id));
	const slices: ClassSlice[] = [];
	for (const row of rows) {
		const className = row.id.slice(prefix.length);
		const opened = await procedureClassRepository.open(db, { school, procedure, className });
		try {
			const results = readClassResults(opened.doc);
			if (!results) continue;
			if (results.invalidCorrections.length > 0) {
				log.warn('cell corrections failed validation and were not applied', {
					id: row.id,
					keys: results.invalidCorrections
				});
			}
			slices.push(applyCorrections(results.slice, results.corrections));
		} finally {
			opened.release();
		}
	}
	return slices;
}
