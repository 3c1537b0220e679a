import { describe, expect, it } from 'vitest';
import { AppError, isCancellation } from '$lib/shared/errors';
import type { CellValue } from '$lib/shared/sheet';
import { CellState, MISSING } from './result-matrix';
import { importResultsFile } from './results-file';
import { importResults } from './results-import';
import {
	makeSpecification,
	protocolHeader,
	protocolSheet,
	regionalHeader,
	regionalSheet
} from './test-factories';

const spec = makeSpecification();

function statesOf(scores: CellValue[]) {
	const { matrix } = importResults(regionalSheet({ scores, total: null }), spec);
	return Array.from(matrix.states);
}

function codesOf(result: ReturnType<typeof importResults>) {
	return result.problems.map((problem) => problem.code);
}

describe('importResults, regional layout', () => {
	it('reads points and every cell state', () => {
		const result = importResults(
			regionalSheet(
				{ scores: ['1', 'X', 'не пройд.', null], total: '1' },
				{
					code: '50002',
					variant: 'отсутствовал',
					scores: [null, null, null, null],
					total: null,
					mark: null,
					className: null
				}
			),
			spec
		);
		const { matrix } = result;

		expect(result.layout).toBe('fis-oko-region');
		expect(Array.from(matrix.states.slice(0, 4))).toEqual([
			CellState.points,
			CellState.notAttempted,
			CellState.notTaught,
			CellState.blank
		]);
		expect(Array.from(matrix.states.slice(4))).toEqual(Array(4).fill(CellState.absent));
		expect(Array.from(matrix.points.slice(0, 4))).toEqual([1, 0, 0, 0]);
		expect(Array.from(matrix.present)).toEqual([1, 0]);
		expect(result.problems).toEqual([]);
	});

	it('reads not-attempted codes in any alphabet', () => {
		const states = statesOf(['X', 'x', 'Х', ' х ']);

		expect(states).toEqual(Array(4).fill(CellState.notAttempted));
	});

	it('reads not-taught codes in any case', () => {
		const states = statesOf(['НЕ ПРОЙД.', 'не  пройд', 'Не пройдено', 'не пройд.']);

		expect(states).toEqual(Array(4).fill(CellState.notTaught));
	});

	it('reads numbers typed or stored as numbers', () => {
		const { matrix } = importResults(regionalSheet({ scores: [1, ' 2 ', '1,0', 0] }), spec);

		expect(Array.from(matrix.points)).toEqual([1, 2, 1, 0]);
		expect(Array.from(matrix.states)).toEqual(Array(4).fill(CellState.points));
	});

	it('reports a Latin H as an unknown code', () => {
		const result = importResults(regionalSheet({ scores: ['1', 'H', '1', '2'], total: '4' }), spec);
		const [problem] = result.problems;

		expect(result.matrix.states[1]).toBe(CellState.blank);
		expect(problem).toMatchObject({
			row: 2,
			code: 'unknown-cell-code',
			value: 'H',
			column: { index: 10, letter: 'K', header: 'балл за 2' }
		});
		expect(problem.message).toContain('«H»');
	});

	it('reports fractional and negative points', () => {
		const result = importResults(
			regionalSheet({ scores: ['1,5', '-1', 0.5, '1'], total: '1' }),
			spec
		);

		expect(codesOf(result)).toEqual(['invalid-points', 'invalid-points', 'invalid-points']);
		expect(Array.from(result.matrix.states.slice(0, 3))).toEqual(Array(3).fill(CellState.blank));
	});

	it('keeps points above the maximum and flags them', () => {
		const result = importResults(regionalSheet({ scores: ['2', '2', '1', '2'] }), spec);

		expect(result.matrix.points[0]).toBe(2);
		expect(result.matrix.states[0]).toBe(CellState.points);
		expect(result.problems[0]).toMatchObject({
			code: 'points-above-max',
			value: '2',
			column: { letter: 'J' }
		});
	});

	it('checks totals against the cells', () => {
		const result = importResults(
			regionalSheet(
				{ code: 'a', scores: ['1', 'X', 'не пройд.', '2'], total: '3' },
				{ code: 'b', scores: ['1', '2', '1', '2'], total: '5' },
				{ code: 'c', scores: ['1', '2', '1', '2'], total: '7' },
				{ code: 'd', total: null },
				{ code: 'e', total: 'много' }
			),
			spec
		);

		expect(codesOf(result)).toEqual([
			'total-mismatch',
			'total-mismatch',
			'total-above-max',
			'total-missing',
			'invalid-total'
		]);
		expect(result.problems.map((problem) => problem.row)).toEqual([3, 4, 4, 5, 6]);
		expect(Array.from(result.matrix.officialTotal)).toEqual([3, 5, 7, MISSING, MISSING]);
	});

	it('reports duplicate codes within a school only', () => {
		const result = importResults(
			regionalSheet({ code: 'A-1' }, { code: 'а-1 ' }, { code: 'A-1', school: 'sch000002' }),
			spec
		);

		expect(codesOf(result)).toEqual(['duplicate-student-code']);
		expect(result.problems[0]).toMatchObject({ row: 3, value: 'а-1' });
		expect(result.problems[0].message).toContain('строке 2');
		expect(result.matrix.studentCount).toBe(3);
	});

	it('reports a missing student code', () => {
		const result = importResults(regionalSheet({ code: '' }), spec);

		expect(codesOf(result)).toEqual(['student-code-missing']);
		expect(result.matrix.studentCodes).toEqual(['']);
	});

	it('reads marks, sex and variants', () => {
		const result = importResults(
			regionalSheet(
				{ code: 'a', mark: 'нет отметки', sex: 'Ж', variant: 2 },
				{ code: 'b', mark: 5, sex: 'M', variant: '0' },
				{ code: 'c', mark: '6', sex: 'мальчик', variant: 'второй' }
			),
			spec
		);
		const { matrix } = result;

		expect(Array.from(matrix.journalMark)).toEqual([MISSING, 5, MISSING]);
		expect(Array.from(matrix.sex)).toEqual([2, 1, 0]);
		expect(Array.from(matrix.variant)).toEqual([2, 0, 0]);
		expect(codesOf(result)).toEqual(['unknown-variant', 'unknown-journal-mark', 'unknown-sex']);
	});

	it('reports scores in an absent row', () => {
		const result = importResults(
			regionalSheet({ variant: ' Отсутствовал ', scores: [null, '1', null, null], total: null }),
			spec
		);

		expect(codesOf(result)).toEqual(['absent-with-scores']);
		expect(result.problems[0].column?.header).toBe('балл за 2');
		expect(Array.from(result.matrix.states)).toEqual(Array(4).fill(CellState.absent));
		expect(result.matrix.points[1]).toBe(0);
	});

	it('reports unknown, headerless and repeated columns', () => {
		const header = [...regionalHeader, 'Комментарий учителя', 'класс'];
		const row = [...regionalSheet({})[1], 'молодец', 'б', null, 'лишнее'];
		const result = importResults([header, row], spec);

		expect(codesOf(result)).toEqual([
			'unknown-column',
			'duplicate-column',
			'column-without-header'
		]);
		expect(result.problems[0]).toMatchObject({
			row: 1,
			value: 'Комментарий учителя',
			column: { letter: 'O' }
		});
		expect(result.problems[2]).toMatchObject({
			row: 2,
			value: 'лишнее',
			column: { letter: 'R', header: '' }
		});
		expect(result.rawClasses.labels).toEqual(['а']);
	});

	it('reports task columns the specification lacks or misses', () => {
		const header = regionalHeader.map((text) => (text === 'балл за 4' ? 'балл за 5' : text));
		const result = importResults([header, regionalSheet({ total: '4' })[1]], spec);

		expect(codesOf(result)).toEqual(['unknown-column', 'task-column-missing']);
		expect(result.problems[1].value).toBe('4К1');
		expect(result.matrix.states[3]).toBe(CellState.blank);
	});

	it('skips empty rows and keeps sheet row numbers', () => {
		const rows = regionalSheet({ code: 'a' });
		rows.push([], [null, null, '   '], regionalSheet({ code: 'b' })[1]);
		const result = importResults(rows, spec);

		expect(result.matrix.studentCodes).toEqual(['a', 'b']);
		expect(Array.from(result.sheetRows)).toEqual([2, 5]);
	});

	it('normalises class labels and proposes a mapping', () => {
		const result = importResults(
			regionalSheet(
				{ code: 'a', className: '5а' },
				{ code: 'b', className: '5 a' },
				{ code: 'c', className: 'А' },
				{ code: 'd', className: 'НЕТ' }
			),
			spec
		);
		const { matrix, classMapping } = result;

		expect(matrix.classes).toEqual(['5А', 'НЕТ']);
		expect(Array.from(matrix.classIndex)).toEqual([0, 0, 0, 1]);
		expect(
			classMapping.map((entry) => [entry.raw, entry.normalised, entry.count, entry.status])
		).toEqual([
			['5 a', '5А', 1, 'ok'],
			['5а', '5А', 1, 'ok'],
			['А', '5А', 1, 'ok'],
			['НЕТ', 'НЕТ', 1, 'flagged']
		]);
	});

	it('counts problems beyond the limit', () => {
		const result = importResults(
			regionalSheet({ scores: ['H', 'H', 'H', 'H'], total: '0' }),
			spec,
			{ maxProblems: 2 }
		);

		expect(codesOf(result)).toEqual([
			'unknown-cell-code',
			'unknown-cell-code',
			'too-many-problems'
		]);
		expect(result.problemCounts['unknown-cell-code']).toBe(4);
		expect(result.problemsTruncated).toBe(true);
	});

	it('reports progress up to one', () => {
		const rows = regionalSheet(...Array.from({ length: 5000 }, (_, i) => ({ code: String(i) })));
		const fractions: number[] = [];
		importResults(rows, spec, { onProgress: (fraction) => fractions.push(fraction) });

		expect(fractions[0]).toBe(0);
		expect(fractions.at(-1)).toBe(1);
		expect(fractions.every((value, i) => i === 0 || value > fractions[i - 1])).toBe(true);
	});

	it('stops when the signal aborts', () => {
		const controller = new AbortController();
		controller.abort();
		let caught: unknown;
		try {
			importResults(regionalSheet({}), spec, { signal: controller.signal });
		} catch (error) {
			caught = error;
		}

		expect(isCancellation(caught)).toBe(true);
	});

	it('rejects a sheet without a header', () => {
		const run = () =>
			importResults(
				[
					['Фамилия', 'Имя'],
					['Иванов', 'Иван']
				],
				spec
			);

		expect(run).toThrow(AppError);
		expect(run).toThrow(/заголовков/);
	});
});

describe('importResults, school protocol', () => {
	const rows = protocolSheet(
		[1, '0101', 1, '5 б', 'ж', 4, 1, 2, 'x', '1', 4, 3],
		[2, '0102', 'отсутствовал', '5б', 'м', 3],
		[3, '0103', 2, '5Б', 'М', '5', 'Н', 0, 1, 'не пройд.', 0, 2]
	);

	it('detects the header below title rows', () => {
		const result = importResults(rows, spec, { school: 'school-7' });

		expect(result.layout).toBe('school-protocol');
		expect(result.headerRow).toBe(3);
		expect(Array.from(result.sheetRows)).toEqual([4, 5, 6]);
		expect(result.matrix.schools).toEqual(['school-7']);
	});

	it('matches task headers by label', () => {
		const { matrix } = importResults(rows, spec);

		expect(Array.from(matrix.points.slice(0, 4))).toEqual([1, 2, 0, 1]);
		expect(Array.from(matrix.states.slice(0, 4))).toEqual([
			CellState.points,
			CellState.points,
			CellState.notAttempted,
			CellState.points
		]);
		expect(Array.from(matrix.states.slice(8))).toEqual([
			CellState.blank,
			CellState.points,
			CellState.points,
			CellState.notTaught
		]);
	});

	it('reads the student columns', () => {
		const { matrix } = importResults(rows, spec);

		expect(matrix.studentCodes).toEqual(['0101', '0102', '0103']);
		expect(Array.from(matrix.present)).toEqual([1, 0, 1]);
		expect(Array.from(matrix.variant)).toEqual([1, 0, 2]);
		expect(Array.from(matrix.journalMark)).toEqual([4, 3, 5]);
		expect(Array.from(matrix.sex)).toEqual([2, 1, 1]);
		expect(Array.from(matrix.officialTotal)).toEqual([4, MISSING, 0]);
		expect(matrix.classes).toEqual(['5Б']);
	});

	it('reports the Cyrillic Н and the wrong total', () => {
		const result = importResults(rows, spec);

		expect(codesOf(result)).toEqual(['unknown-cell-code', 'total-mismatch']);
		expect(result.problems[0]).toMatchObject({
			row: 6,
			value: 'Н',
			column: { header: '1 (1б)', letter: 'G' }
		});
	});

	it('reports a header maximum that disagrees', () => {
		const header = protocolHeader.map((text) => (text === '2 (2б)' ? '2 (3б)' : text));
		const result = importResults([header, [1, '0101', 1, '5б', 'ж', 4, 1, 2, 1, 2, 6]], spec);

		expect(codesOf(result)).toEqual(['header-max-mismatch']);
		expect(result.problems[0]).toMatchObject({ row: 1, value: '2 (3б)' });
	});

	it('treats a total header with a maximum as the total', () => {
		const header = protocolHeader.map((text) =>
			text === 'Итого баллов' ? 'Итого баллов (6б)' : text
		);
		const result = importResults([header, [1, '0101', 1, '5б', 'ж', 4, 1, 2, 1, 2, 6]], spec);

		expect(result.problems).toEqual([]);
		expect(result.matrix.officialTotal[0]).toBe(6);
	});

	it('imports a CSV protocol from bytes', () => {
		const csv = [
			'Код;Вариант;Класс;Пол;1 (1б);2 (2б);3,1 (1б);4K1 (2б);Итого баллов',
			'0201;1;5в;ж;1;X;1;2;4'
		].join('\r\n');
		const result = importResultsFile(new TextEncoder().encode(csv), spec);

		expect(result.format).toBe('csv');
		expect(Array.from(result.matrix.points)).toEqual([1, 0, 1, 2]);
		expect(result.matrix.classes).toEqual(['5В']);
		expect(result.problems).toEqual([]);
	});
});
