import type { CellValue } from '$lib/shared/sheet';
import { CellState, MISSING, type CellStateCode } from './result-matrix';
import { collapseSpaces, foldLatinLookalikes, normaliseCode } from './typed-text';

/**
 * Readers for the values of one results cell: task scores, totals, variants, journal marks
 * and sex, in the spellings found in ФИС ОКО exports and school protocols.
 */

/** A score cell as read: a state, the points when the state is `points`, and why it failed. */
export interface ScoreReading {
	state: CellStateCode;
	points: number;
	/** Set when the cell is not a score; the cell is then read as blank. */
	error?: 'unknown-cell-code' | 'invalid-points';
}

const blank: ScoreReading = { state: CellState.blank, points: 0 };
const notAttempted: ScoreReading = { state: CellState.notAttempted, points: 0 };
const notTaught: ScoreReading = { state: CellState.notTaught, points: 0 };
const unknownCode: ScoreReading = { ...blank, error: 'unknown-cell-code' };
const invalidPoints: ScoreReading = { ...blank, error: 'invalid-points' };

/** Largest score a cell can hold, because points are stored in a Uint8Array. */
const MAX_CELL_POINTS = 255;

const pointReadings = Array.from({ length: MAX_CELL_POINTS + 1 }, (_, points) => ({
	state: CellState.points,
	points
})) as ScoreReading[];

function readPoints(value: number): ScoreReading {
	if (!Number.isInteger(value) || value < 0 || value > MAX_CELL_POINTS) return invalidPoints;
	return pointReadings[value];
}

/** `не пройд.` as typed: any case and spacing, with or without the dot or the whole word. */
const notTaughtPattern = /^не ?пройд(ен[оа]?|ено)?\.?$/;
const integerTextPattern = /^-?\d+(?:[.,]0+)?$/;
const numberTextPattern = /^-?\d+(?:[.,]\d+)?$/;

function readScoreText(text: string): ScoreReading {
	const code = normaliseCode(text);
	if (code === '') return blank;
	if (code === 'х') return notAttempted;
	if (notTaughtPattern.test(code)) return notTaught;
	if (integerTextPattern.test(code)) return readPoints(parseInt(code, 10));
	if (numberTextPattern.test(code)) return invalidPoints;
	return unknownCode;
}

/**
 * Reads score cells. Texts repeat (a regional file has about ten distinct ones in 420,000
 * cells), so each distinct text is normalised once and its reading is cached.
 */
export class ScoreReader {
	private readonly cache = new Map<string, ScoreReading>();

	read(value: CellValue): ScoreReading {
		if (value === null) return blank;
		if (typeof value === 'number') return readPoints(value);

		let reading = this.cache.get(value);
		if (reading === undefined) {
			reading = readScoreText(value);
			this.cache.set(value, reading);
		}
		return reading;
	}
}

/** Reads a whole number from a number cell or from digits typed as text; null otherwise. */
export function readInteger(value: CellValue): number | null {
	if (typeof value === 'number') return Number.isInteger(value) ? value : null;
	if (value === null) return null;
	const text = collapseSpaces(value);
	return integerTextPattern.test(text) ? parseInt(text, 10) : null;
}

export function isBlank(value: CellValue): boolean {
	return value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Wraps a cell reader with a cache of its results for text values, because a column of a
 * regional file has a few distinct texts in 26,000 rows.
 */
export class CachedReader<T> {
	private readonly cache = new Map<string, T>();

	constructor(private readonly readValue: (value: CellValue) => T) {}

	read(value: CellValue): T {
		if (typeof value !== 'string') return this.readValue(value);
		let result = this.cache.get(value);
		if (result === undefined && !this.cache.has(value)) {
			result = this.readValue(value);
			this.cache.set(value, result);
		}
		return result as T;
	}
}

/** True for `отсутствовал` in the variant column, in any case or spacing. */
export function isAbsentMark(value: CellValue): boolean {
	return typeof value === 'string' && /^отсутств/.test(normaliseCode(value));
}

/** Journal mark texts that mean "no mark" rather than a typing error. */
const noMarkPattern = /^(нет( отметки)?|н\/а|-|—|–|осв(обожден)?\.?)$/;

/**
 * Reads a journal mark: 2–5, or MISSING for a blank or a "no mark" text. Returns null for
 * anything else, which the caller reports.
 */
export function readJournalMark(value: CellValue): number | null {
	if (isBlank(value)) return MISSING;
	const mark = readInteger(value);
	if (mark !== null) return mark >= 2 && mark <= 5 ? mark : null;
	return noMarkPattern.test(normaliseCode(String(value))) ? MISSING : null;
}

/** Reads sex as the matrix stores it: 1 male, 2 female, 0 blank; null for other text. */
export function readSex(value: CellValue): number | null {
	if (isBlank(value)) return 0;
	const code = normaliseCode(String(value));
	if (code === 'м' || code === 'муж' || code === 'мужской') return 1;
	if (code === 'ж' || code === 'жен' || code === 'женский') return 2;
	return null;
}

/** Reads a variant number; 0 for a blank, null for text that is not a number. */
export function readVariant(value: CellValue): number | null {
	if (isBlank(value)) return 0;
	const variant = readInteger(value);
	return variant !== null && variant >= 0 && variant <= 0xffff ? variant : null;
}

/** Returns the value as trimmed text, or an empty string for a blank cell. */
export function cellText(value: CellValue): string {
	return value === null ? '' : collapseSpaces(String(value));
}

/** Strips look-alike and spacing differences from a student code, for duplicate checks. */
export function studentCodeKey(code: string): string {
	return foldLatinLookalikes(code.replace(/\s+/g, '')).text.toUpperCase();
}
