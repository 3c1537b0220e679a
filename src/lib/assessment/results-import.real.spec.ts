import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '$lib/shared/xlsx-read';
import { dataFile } from '../../../tests/support/data-path';
import { CellState } from './result-matrix';
import { importResults, type ResultsImport } from './results-import';
import { importSpecification } from './spec-import';
import type { Specification } from './specification.schema';

/**
 * The regional ВПР 2021 export (mathematics, grade 5) read end to end, checked against a
 * second count made straight from the sheet XML with regular expressions, so that neither
 * the xlsx reader nor the importer checks itself.
 */

const folder = 'vpr-2021-math-5';
const readSheet = (name: string) =>
	readXlsx(new Uint8Array(readFileSync(dataFile(`${folder}/${name}`))));

/**
 * Maximum points of the 16 scored positions. The official description of the work states that
 * tasks 6, 9, 10 and 14 score 0–2 and every other task 1; task 14 is position 16.
 */
const maxPointsByPosition = [1, 1, 1, 1, 1, 2, 1, 1, 2, 2, 1, 1, 1, 1, 1, 2];

interface IndependentCount {
	rows: number;
	absent: number;
	present: number;
	mismatchedTotals: number;
	totalsAbove20: number[];
	cellsAboveMax: { row: number; position: number; value: number }[];
	latinH: number;
	logins: number;
	loginsWithPresent: number;
	notTaught: number;
	notAttempted: number;
}

/** Counts the export from its XML: column I is the total, J…Y the 16 positions, H the variant. */
function countFromXml(): IndependentCount {
	const files = unzipSync(
		new Uint8Array(readFileSync(dataFile(`${folder}/results-region-fis-oko-export.xlsx`)))
	);
	const shared = [
		...strFromU8(files['xl/sharedStrings.xml']).matchAll(/<si><t[^>]*>([^<]*)<\/t><\/si>/g)
	].map((m) => m[1]);
	const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
	const scoreColumns = 'JKLMNOPQRSTUVWXY';
	const count: IndependentCount = {
		rows: 0,
		absent: 0,
		present: 0,
		mismatchedTotals: 0,
		totalsAbove20: [],
		cellsAboveMax: [],
		latinH: 0,
		logins: 0,
		loginsWithPresent: 0,
		notTaught: 0,
		notAttempted: 0
	};
	const logins = new Set<string>();
	const loginsWithPresent = new Set<string>();

	for (const rowMatch of sheet.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/g)) {
		const rowNumber = Number(rowMatch[1]);
		if (rowNumber === 1) continue;
		const cells = new Map<string, string>();
		for (const cell of rowMatch[2].matchAll(
			/<c r="([A-Z]+)\d+"[^>]*?t="s"[^>]*><v>(\d+)<\/v><\/c>/g
		)) {
			cells.set(cell[1], shared[Number(cell[2])]);
		}
		count.rows++;
		logins.add(cells.get('A') ?? '');
		if (cells.get('H') === 'отсутствовал') {
			count.absent++;
			continue;
		}
		count.present++;
		loginsWithPresent.add(cells.get('A') ?? '');

		let sum = 0;
		[...scoreColumns].forEach((letter, p) => {
			const text = cells.get(letter) ?? '';
			if (/^\d+$/.test(text)) {
				sum += Number(text);
				if (Number(text) > maxPointsByPosition[p])
					count.cellsAboveMax.push({ row: rowNumber, position: p + 1, value: Number(text) });
			}
			if (text === 'H') count.latinH++;
			if (text === 'не пройд.') count.notTaught++;
			if (text.trim() === 'X' || text === 'x') count.notAttempted++;
		});
		const total = cells.get('I');
		if (total !== undefined && Number(total) !== sum) count.mismatchedTotals++;
		if (total !== undefined && Number(total) > 20) count.totalsAbove20.push(Number(total));
	}
	count.logins = logins.size;
	count.loginsWithPresent = loginsWithPresent.size;
	return count;
}

let specification: Specification;
let imported: ResultsImport;
let independent: IndependentCount;

beforeAll(() => {
	specification = importSpecification(
		{
			tasks: readSheet('spec-tasks.xlsx'),
			kes: readSheet('spec-kes.xlsx'),
			kt: readSheet('spec-kt.xlsx')
		},
		{ kind: 'vpr', subject: 'Математика', grade: 5, year: 2021 }
	).specification;
	imported = importResults(readSheet('results-region-fis-oko-export.xlsx').rows, specification);
	independent = countFromXml();
}, 60_000);

describe('regional ВПР export, independent count', () => {
	it('matches the published figures', () => {
		expect(independent.rows).toBe(26_139);
		expect(independent.absent).toBe(2_433);
		expect(independent.present).toBe(23_706);
		expect(independent.mismatchedTotals).toBe(8);
		expect(independent.totalsAbove20).toEqual([21]);
		expect(independent.cellsAboveMax).toEqual([{ row: 24_785, position: 8, value: 2 }]);
		expect(independent.latinH).toBe(35);
		expect(independent.loginsWithPresent).toBe(634);
	});
});

describe('importResults on the regional export', () => {
	it('detects the regional layout', () => {
		expect(imported.layout).toBe('fis-oko-region');
		expect(imported.headerRow).toBe(1);
	});

	it('keeps every row, absent ones included', () => {
		const { matrix } = imported;
		const present = matrix.present.reduce((sum, flag) => sum + flag, 0);

		expect(matrix.studentCount).toBe(independent.rows);
		expect(present).toBe(independent.present);
		expect(matrix.studentCount - present).toBe(independent.absent);
		expect(imported.sheetRows[0]).toBe(2);
		expect(imported.sheetRows[matrix.studentCount - 1]).toBe(26_140);
	});

	it('counts schools by login', () => {
		const { matrix } = imported;
		const withPresent = new Set<number>();
		matrix.present.forEach((flag, s) => flag && withPresent.add(matrix.schoolIndex[s]));

		expect(matrix.schools).toHaveLength(independent.logins);
		expect(withPresent.size).toBe(634);
	});

	it('reports the known problems exactly', () => {
		expect(imported.problemCounts).toEqual({
			'total-mismatch': independent.mismatchedTotals,
			'total-above-max': 1,
			'points-above-max': 1,
			'unknown-cell-code': independent.latinH,
			'total-missing': 1,
			'column-without-header': 5
		});
		expect(imported.problemsTruncated).toBe(false);
	});

	it('flags the total of 21 and the 2 in task 8', () => {
		const above = imported.problems.find((p) => p.code === 'total-above-max');
		const cell = imported.problems.find((p) => p.code === 'points-above-max');

		expect(above).toMatchObject({ row: 24_901, value: '21', column: { letter: 'I' } });
		expect(cell).toMatchObject({
			row: 24_785,
			value: '2',
			column: { letter: 'Q', header: 'балл за 8' }
		});
	});

	it('keeps the out-of-range values in the matrix', () => {
		const { matrix, sheetRows } = imported;
		const totalRow = sheetRows.indexOf(24_901);
		const cellRow = sheetRows.indexOf(24_785);

		expect(matrix.officialTotal[totalRow]).toBe(21);
		expect(matrix.points[cellRow * 16 + 7]).toBe(2);
		expect(matrix.states[cellRow * 16 + 7]).toBe(CellState.points);
	});

	it('reads the Latin H cells as blank', () => {
		const unknown = imported.problems.filter((p) => p.code === 'unknown-cell-code');

		expect(unknown).toHaveLength(35);
		expect(new Set(unknown.map((p) => p.value))).toEqual(new Set(['H']));
		expect(new Set(unknown.map((p) => p.column?.letter))).toEqual(new Set(['Q']));
	});

	it('keeps cell states distinct', () => {
		const counts = new Map<number, number>();
		for (const state of imported.matrix.states) counts.set(state, (counts.get(state) ?? 0) + 1);

		expect(counts.get(CellState.absent)).toBe(independent.absent * 16);
		expect(counts.get(CellState.notTaught)).toBe(independent.notTaught);
		expect(counts.get(CellState.notAttempted)).toBe(independent.notAttempted);
		expect(counts.get(CellState.blank)).toBe(independent.latinH);
	});

	it('proposes a class for every row', () => {
		const mapping = imported.classMapping;
		const rows = mapping.reduce((sum, entry) => sum + entry.count, 0);
		const byRaw = new Map(mapping.map((entry) => [entry.raw, entry]));

		expect(rows).toBe(independent.rows);
		expect(byRaw.get('а')).toMatchObject({ normalised: '5А', status: 'ok' });
		expect(byRaw.get('5а')).toMatchObject({ normalised: '5А', status: 'ok' });
		expect(byRaw.get('o')).toMatchObject({ normalised: '5О', status: 'ok' });
		expect(byRaw.get('а(1)')).toMatchObject({ normalised: '5А', status: 'proposed' });
		expect(byRaw.get('НЕТ')?.status).toBe('flagged');
		expect(byRaw.get('1')?.status).toBe('flagged');
	});
});

describe('importSpecification on the real task table', () => {
	it('reads 16 positions with their labels', () => {
		const labels = specification.tasks.map((task) => task.label);

		expect(specification.tasks.map((task) => task.position)).toEqual(
			Array.from({ length: 16 }, (_, i) => i + 1)
		);
		expect(labels).toEqual([
			'1',
			'2',
			'3',
			'4',
			'5',
			'6',
			'7',
			'8',
			'9',
			'10',
			'11.1',
			'11.2',
			'12.1',
			'12.2',
			'13',
			'14'
		]);
	});

	it('sums the maxima to 20', () => {
		expect(specification.tasks.map((task) => task.maxPoints)).toEqual(maxPointsByPosition);
		expect(specification.tasks.reduce((sum, task) => sum + task.maxPoints, 0)).toBe(20);
	});

	it('reads levels and codes', () => {
		const levels = specification.tasks.map((task) => task.level).join('');
		const task4 = specification.tasks[3];

		expect(levels).toBe('ББББББББББББББПП');
		expect(task4.skills).toEqual(['КЭС 1', 'КТ 1', 'КТ 2', 'КЭС 3']);
		expect(specification.tasks[14].skills).toEqual(['КЭС 2', 'КТ 7']);
	});

	it('takes code texts from the code lists', () => {
		const kes = specification.skills.filter((skill) => skill.kind === 'КЭС');
		const kt = specification.skills.filter((skill) => skill.kind === 'КТ');

		expect(kes).toHaveLength(5);
		expect(kt).toHaveLength(7);
		expect(kes.find((skill) => skill.code === '2')?.text).toBe('Геометрические фигуры');
		expect(kt.find((skill) => skill.code === '2')?.text).toBe(
			'Владеть навыками устных и письменных вычислений'
		);
	});

	it('applies the 2021 mark scale', () => {
		const minima = specification.markScale.thresholds.map((t) => [t.mark, t.minTotal]);

		expect(minima).toEqual([
			[2, 0],
			[3, 7],
			[4, 11],
			[5, 15]
		]);
	});
});
