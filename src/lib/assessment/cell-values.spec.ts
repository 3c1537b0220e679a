import { describe, expect, it } from 'vitest';
import {
	isAbsentMark,
	readJournalMark,
	readSex,
	readVariant,
	ScoreReader,
	studentCodeKey
} from './cell-values';
import { CellState, MISSING } from './result-matrix';
import { normaliseCode, normaliseHeader, normaliseTaskLabel } from './typed-text';

describe('ScoreReader', () => {
	const reader = new ScoreReader();
	const cases: [unknown, number, number, string | undefined][] = [
		[2, CellState.points, 2, undefined],
		['0', CellState.points, 0, undefined],
		[' 1 ', CellState.points, 1, undefined],
		['1,0', CellState.points, 1, undefined],
		['X', CellState.notAttempted, 0, undefined],
		['x', CellState.notAttempted, 0, undefined],
		['Х', CellState.notAttempted, 0, undefined],
		['х', CellState.notAttempted, 0, undefined],
		['не пройд.', CellState.notTaught, 0, undefined],
		['НЕ  ПРОЙД', CellState.notTaught, 0, undefined],
		[null, CellState.blank, 0, undefined],
		['  ', CellState.blank, 0, undefined],
		['H', CellState.blank, 0, 'unknown-cell-code'],
		['зачёт', CellState.blank, 0, 'unknown-cell-code'],
		['1.5', CellState.blank, 0, 'invalid-points'],
		[-1, CellState.blank, 0, 'invalid-points'],
		[256, CellState.blank, 0, 'invalid-points']
	];

	it.each(cases)('reads %j', (value, state, points, error) => {
		const reading = reader.read(value as string | number | null);

		expect(reading.state).toBe(state);
		expect(reading.points).toBe(points);
		expect(reading.error).toBe(error);
	});

	it('returns the cached reading for a repeated text', () => {
		expect(reader.read('X')).toBe(reader.read('X'));
	});
});

describe('student field readers', () => {
	it('reads journal marks', () => {
		expect(readJournalMark('5')).toBe(5);
		expect(readJournalMark(2)).toBe(2);
		expect(readJournalMark(null)).toBe(MISSING);
		expect(readJournalMark('нет отметки')).toBe(MISSING);
		expect(readJournalMark('1')).toBeNull();
		expect(readJournalMark('хорошо')).toBeNull();
	});

	it('reads sex in either alphabet and case', () => {
		expect(readSex('м')).toBe(1);
		expect(readSex('M')).toBe(1);
		expect(readSex('Ж')).toBe(2);
		expect(readSex('жен')).toBe(2);
		expect(readSex(null)).toBe(0);
		expect(readSex('?')).toBeNull();
	});

	it('reads variants and absence', () => {
		expect(readVariant('2')).toBe(2);
		expect(readVariant(null)).toBe(0);
		expect(readVariant('второй')).toBeNull();
		expect(isAbsentMark(' ОТСУТСТВОВАЛ')).toBe(true);
		expect(isAbsentMark('1')).toBe(false);
	});

	it('keys student codes without look-alike differences', () => {
		expect(studentCodeKey(' A 12')).toBe(studentCodeKey('а12'));
		expect(studentCodeKey('A12')).not.toBe(studentCodeKey('A13'));
	});
});

describe('typed text', () => {
	it('normalises codes and headers', () => {
		expect(normaliseCode('  Не\u00a0ПРОЙД. ')).toBe('не пройд.');
		expect(normaliseCode('X')).toBe('х');
		expect(normaliseHeader(' Пол: ')).toBe('пол');
		expect(normaliseHeader('Отметка  за   предыдущую четверть')).toBe(
			'отметка за предыдущую четверть'
		);
	});

	it('normalises task labels', () => {
		expect(normaliseTaskLabel('11,1')).toBe('11.1');
		expect(normaliseTaskLabel('11. 1')).toBe('11.1');
		expect(normaliseTaskLabel('10k1')).toBe('10К1');
		expect(normaliseTaskLabel('10 К 1')).toBe('10К1');
		expect(normaliseTaskLabel('7.')).toBe('7');
	});
});
