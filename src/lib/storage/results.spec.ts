import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import * as Y from 'yjs';
import { CellState, MISSING, type ResultMatrix } from '$lib/assessment/result-matrix';
import type { Specification } from '$lib/assessment/specification.schema';
import { AppError } from '$lib/shared/errors';
import { createDatabase, type SchoolDatabase } from './db';
import { procedureClassRepository, procedureRepository } from './repository';
import { decodeClassSlice, encodeClassSlice, joinSlices, sliceRows } from './results.codec';
import {
	listResults,
	loadFromDocuments,
	loadResults,
	publishResults,
	resultsTable,
	saveResults
} from './results.repo';
import type { StoredResults } from './results.schema';
import { readClassResults, setCellCorrection } from './results.ydoc';

const opened: SchoolDatabase[] = [];

function freshDatabase(upTo?: number, name = `results-${crypto.randomUUID()}`): SchoolDatabase {
	const db = createDatabase(name, upTo);
	opened.push(db);
	return db;
}

afterEach(async () => {
	for (const db of opened.splice(0)) {
		db.close();
		await Dexie.delete(db.name);
	}
});

/** A row of the factory: class label and cells (number, 'x', 'nt', '' or 'absent'). */
type RowInput = {
	className: string;
	cells: (number | 'x' | 'nt' | '')[] | 'absent';
	journal?: number;
};

function matrixOf(rows: RowInput[], positionCount = 3): ResultMatrix {
	const n = rows.length;
	const P = positionCount;
	const classes: string[] = [];
	const matrix: ResultMatrix = {
		studentCount: n,
		positionCount: P,
		points: new Uint8Array(n * P),
		states: new Uint8Array(n * P),
		studentCodes: rows.map((_, i) => `code-${i + 1}`),
		classIndex: new Uint16Array(n),
		classes,
		schoolIndex: new Uint16Array(n),
		schools: ['school1'],
		present: new Uint8Array(n),
		journalMark: new Int8Array(n).fill(MISSING),
		officialTotal: new Int16Array(n).fill(MISSING),
		variant: new Uint16Array(n).fill(1),
		sex: new Uint8Array(n)
	};
	rows.forEach((row, s) => {
		const known = classes.indexOf(row.className);
		matrix.classIndex[s] = known >= 0 ? known : classes.push(row.className) - 1;
		if (row.journal !== undefined) matrix.journalMark[s] = row.journal;
		if (row.cells === 'absent') {
			matrix.states.fill(CellState.absent, s * P, (s + 1) * P);
			return;
		}
		matrix.present[s] = 1;
		let total = 0;
		row.cells.forEach((cell, p) => {
			const at = s * P + p;
			if (typeof cell === 'number') {
				matrix.points[at] = cell;
				total += cell;
			} else if (cell === 'x') matrix.states[at] = CellState.notAttempted;
			else if (cell === 'nt') matrix.states[at] = CellState.notTaught;
			else matrix.states[at] = CellState.blank;
		});
		matrix.officialTotal[s] = total;
	});
	return matrix;
}

function specOf(positionCount = 3): Specification {
	return {
		kind: 'akr',
		subject: 'Математика',
		grade: 5,
		year: 2024,
		tasks: Array.from({ length: positionCount }, (_, i) => ({
			label: String(i + 1),
			position: i + 1,
			maxPoints: 2,
			level: 'Б' as const,
			skills: [`КЭС ${i + 1}`],
			description: ''
		})),
		skills: [],
		markScale: {
			thresholds: [
				{ mark: 2, minTotal: 0 },
				{ mark: 3, minTotal: 2 }
			],
			conditions: []
		}
	};
}

function entryOf(matrix: ResultMatrix, overrides: Partial<StoredResults> = {}): StoredResults {
	return {
		procedureId: 'akr-2024-math-5',
		school: 'school1',
		title: 'АКР, математика, 5 класс',
		scope: 'school',
		importedAt: 1_700_000_000_000,
		spec: specOf(matrix.positionCount),
		matrix,
		report: {
			fileName: 'protocol.xlsx',
			layout: 'school-protocol',
			rows: matrix.studentCount,
			problems: [
				{
					row: 3,
					column: { index: 4, letter: 'E', header: '1 (2б)' },
					code: 'points-above-max',
					message: 'Баллов больше максимума.',
					value: 3
				}
			],
			problemCounts: { 'points-above-max': 1 },
			truncated: false,
			classMapping: [{ raw: '5а', label: '5А', count: 2 }]
		},
		...overrides
	};
}

const sample = (): ResultMatrix =>
	matrixOf([
		{ className: '5А', cells: [2, 'x', 1], journal: 4 },
		{ className: '5Б', cells: ['nt', 0, ''], journal: 3 },
		{ className: '5А', cells: 'absent' },
		{ className: '5Б', cells: [1, 2, 2] }
	]);

describe('class slice codec', () => {
	it('round-trips every field', () => {
		const slice = sliceRows(sample(), [1, 3], 'school1', '5Б');
		const decoded = decodeClassSlice(encodeClassSlice(slice));
		expect(decoded).toEqual(slice);
		expect(decoded.journalMark[1]).toBe(MISSING);
		expect(decoded.states[0]).toBe(CellState.notTaught);
	});

	it('rejects truncated bytes', () => {
		const bytes = encodeClassSlice(sliceRows(sample(), [0, 1], 'school1', '5А'));
		expect(() => decodeClassSlice(bytes.subarray(0, bytes.length - 3))).toThrow(AppError);
	});

	it('rejects an unknown format version', () => {
		const bytes = encodeClassSlice(sliceRows(sample(), [0], 'school1', '5А'));
		bytes[0] = 9;
		expect(() => decodeClassSlice(bytes)).toThrow(/формате 9/);
	});

	it('joins slices back into one matrix', () => {
		const matrix = sample();
		const a = sliceRows(matrix, [0, 2], 'school1', '5А');
		const b = sliceRows(matrix, [1, 3], 'school1', '5Б');
		const joined = joinSlices([a, b], 3);
		expect(joined.classes).toEqual(['5А', '5Б']);
		expect(Array.from(joined.classIndex)).toEqual([0, 0, 1, 1]);
		expect(joined.studentCodes).toEqual(['code-1', 'code-3', 'code-2', 'code-4']);
		expect(Array.from(joined.present)).toEqual([1, 0, 1, 1]);
		expect(Array.from(joined.points.subarray(9, 12))).toEqual([1, 2, 2]);
	});
});

describe('results table', () => {
	it('keeps typed arrays through a save and load', async () => {
		const db = freshDatabase();
		const matrix = sample();
		await saveResults(db, entryOf(matrix, { scope: 'device' }));
		const loaded = await loadResults(db, 'akr-2024-math-5');
		expect(loaded?.matrix.points).toBeInstanceOf(Uint8Array);
		expect(loaded?.matrix.officialTotal).toBeInstanceOf(Int16Array);
		expect(loaded?.matrix).toEqual(matrix);
		expect(loaded?.report.problems[0].column?.letter).toBe('E');
	});

	it('rejects a matrix with a wrong cell count', async () => {
		const db = freshDatabase();
		const matrix = { ...sample(), points: new Uint8Array(5) };
		await expect(saveResults(db, entryOf(matrix))).rejects.toThrow(/points/);
	});

	it('reports a damaged stored entry', async () => {
		const db = freshDatabase();
		await resultsTable(db).put({ ...entryOf(sample()), matrix: { studentCount: 1 } } as never);
		await expect(loadResults(db, 'akr-2024-math-5')).rejects.toThrow(/повреждены/);
	});

	it('upgrades a version 2 database without losing documents', async () => {
		const name = `results-upgrade-${crypto.randomUUID()}`;
		const v2 = createDatabase(name, 2);
		await v2.documents.add({
			id: 'school1/roster',
			kind: 'roster',
			school: 'school1',
			owner: '',
			title: 'Контингент',
			updated: 5
		} as never);
		v2.close();
		const v3 = freshDatabase(undefined, name);
		expect(await v3.documents.get('school1/roster')).toMatchObject({ title: 'Контингент' });
		await saveResults(v3, entryOf(sample()));
		expect(await resultsTable(v3).count()).toBe(1);
	});
});

describe('school procedure documents', () => {
	const classIds = new Map([
		['5А', '5A'],
		['5Б', '5B']
	]);

	it('stores each class as one binary value', async () => {
		const db = freshDatabase();
		await publishResults(db, entryOf(sample()), classIds, 'admin1');
		const ref = { school: 'school1', procedure: 'akr-2024-math-5', className: '5B' };
		const opened = await procedureClassRepository.open(db, ref);
		const results = opened.doc.getMap('results');
		expect(results.get('slice')).toBeInstanceOf(Uint8Array);
		expect(Array.from(results.keys()).sort()).toEqual(['importedAt', 'slice']);
		opened.release();
	});

	it('reassembles the matrix from the documents', async () => {
		const db = freshDatabase();
		const matrix = sample();
		await publishResults(db, entryOf(matrix), classIds, 'admin1');
		const loaded = await loadFromDocuments(db, 'school1', 'akr-2024-math-5');
		expect(loaded?.matrix.studentCount).toBe(4);
		expect(loaded?.matrix.classes).toEqual(['5А', '5Б']);
		expect(loaded?.spec.tasks).toHaveLength(3);
		expect(loaded?.report.problemCounts).toEqual({ 'points-above-max': 1 });
		const codes = loaded?.matrix.studentCodes;
		expect(codes).toEqual(['code-1', 'code-3', 'code-2', 'code-4']);
	});

	it('skips classes without a roster id', async () => {
		const db = freshDatabase();
		const result = await publishResults(db, entryOf(sample()), new Map([['5А', '5A']]), 'admin1');
		expect(result).toEqual({ written: ['5А'], skipped: ['5Б'] });
		const loaded = await loadFromDocuments(db, 'school1', 'akr-2024-math-5');
		expect(loaded?.matrix.studentCount).toBe(2);
	});

	it('applies cell corrections over the slice', async () => {
		const db = freshDatabase();
		await publishResults(db, entryOf(sample()), classIds, 'admin1');
		const ref = { school: 'school1', procedure: 'akr-2024-math-5', className: '5A' };
		const opened = await procedureClassRepository.open(db, ref);
		const correction = { state: CellState.points, points: 2, by: 'admin1', at: 1 };
		setCellCorrection(opened.doc, 0, 1, correction);
		opened.doc.getMap('corrections').set('9:9', correction);
		opened.release();
		const loaded = await loadFromDocuments(db, 'school1', 'akr-2024-math-5');
		expect(loaded?.matrix.points[1]).toBe(2);
		expect(loaded?.matrix.states[1]).toBe(CellState.points);
	});

	it('lists invalid corrections apart', () => {
		const doc = new Y.Doc();
		const slice = sliceRows(sample(), [0], 'school1', '5А');
		doc.getMap('results').set('slice', encodeClassSlice(slice));
		doc.getMap('corrections').set('0:0', { state: 7, points: 1, by: 'x', at: 1 });
		const results = readClassResults(doc);
		expect(results?.corrections.size).toBe(0);
		expect(results?.invalidCorrections).toEqual(['0:0']);
	});

	it('rejects points in a cell that is not a score', () => {
		const doc = new Y.Doc();
		const correction = { state: CellState.notAttempted, points: 1, by: 'a', at: 1 };
		expect(() => setCellCorrection(doc, 0, 0, correction)).toThrow(AppError);
	});

	it('lists table entries and document-only procedures', async () => {
		const db = freshDatabase();
		await saveResults(db, entryOf(sample(), { procedureId: 'regional', scope: 'device' }));
		await publishResults(db, entryOf(sample(), { procedureId: 'synced' }), classIds, 'admin1');
		const list = await listResults(db, 'school1');
		const byId = Object.fromEntries(list.map((item) => [item.procedureId, item]));
		expect(byId.regional.source).toBe('table');
		expect(byId.synced.source).toBe('documents');
		expect(byId.synced.students).toBe(4);
		expect(await procedureRepository.list(db, 'school1')).toHaveLength(1);
	});
});
