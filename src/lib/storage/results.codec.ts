import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MISSING, type ResultMatrix } from '$lib/assessment/result-matrix';
import { AppError } from '$lib/shared/errors';

/**
 * The binary form of one class's slice of a result matrix, stored as a single value in the
 * class's results document. Per-cell bytes are written as they are. Per-row numbers use
 * lib0's variable-length integers, so a class of 30 students and 16 positions takes about
 * 1.3 KB. The first varuint is the format version; readers reject versions they do not know.
 */

const FORMAT_VERSION = 1;

/** One class of one school: rows in the order of the imported file. */
export interface ClassSlice {
	school: string;
	classLabel: string;
	positionCount: number;
	studentCodes: string[];
	points: Uint8Array;
	states: Uint8Array;
	present: Uint8Array;
	journalMark: Int8Array;
	officialTotal: Int16Array;
	variant: Uint16Array;
	sex: Uint8Array;
}

/** Copies the given rows of the matrix into a slice; `rows` are row indexes of the matrix. */
export function sliceRows(
	matrix: ResultMatrix,
	rows: ArrayLike<number>,
	school: string,
	classLabel: string
): ClassSlice {
	const P = matrix.positionCount;
	const n = rows.length;
	const slice: ClassSlice = {
		school,
		classLabel,
		positionCount: P,
		studentCodes: [],
		points: new Uint8Array(n * P),
		states: new Uint8Array(n * P),
		present: new Uint8Array(n),
		journalMark: new Int8Array(n),
		officialTotal: new Int16Array(n),
		variant: new Uint16Array(n),
		sex: new Uint8Array(n)
	};
	for (let i = 0; i < n; i++) {
		const s = rows[i];
		slice.studentCodes.push(matrix.studentCodes[s]);
		slice.points.set(matrix.points.subarray(s * P, (s + 1) * P), i * P);
		slice.states.set(matrix.states.subarray(s * P, (s + 1) * P), i * P);
		slice.present[i] = matrix.present[s];
		slice.journalMark[i] = matrix.journalMark[s];
		slice.officialTotal[i] = matrix.officialTotal[s];
		slice.variant[i] = matrix.variant[s];
		slice.sex[i] = matrix.sex[s];
	}
	return slice;
}

export function encodeClassSlice(slice: ClassSlice): Uint8Array {
	const n = slice.studentCodes.length;
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, FORMAT_VERSION);
	encoding.writeVarString(encoder, slice.school);
	encoding.writeVarString(encoder, slice.classLabel);
	encoding.writeVarUint(encoder, n);
	encoding.writeVarUint(encoder, slice.positionCount);
	for (const code of slice.studentCodes) encoding.writeVarString(encoder, code);
	encoding.writeVarUint8Array(encoder, slice.points);
	encoding.writeVarUint8Array(encoder, slice.states);
	encoding.writeVarUint8Array(encoder, slice.present);
	encoding.writeVarUint8Array(encoder, slice.sex);
	// MISSING (-1) is why marks and totals use signed variable-length integers.
	for (let i = 0; i < n; i++) encoding.writeVarInt(encoder, slice.journalMark[i]);
	for (let i = 0; i < n; i++) encoding.writeVarInt(encoder, slice.officialTotal[i]);
	for (let i = 0; i < n; i++) encoding.writeVarUint(encoder, slice.variant[i]);
	return encoding.toUint8Array(encoder);
}

/** Decodes a slice; raises AppError `validation-failed` for a damaged or unknown value. */
export function decodeClassSlice(bytes: Uint8Array): ClassSlice {
	try {
		return readSlice(decoding.createDecoder(bytes));
	} catch (error) {
		if (error instanceof AppError) throw error;
		throw new AppError(
			'validation-failed',
			'Результаты класса повреждены. Загрузите файл результатов заново.',
			{ cause: error }
		);
	}
}

function readSlice(decoder: decoding.Decoder): ClassSlice {
	const version = decoding.readVarUint(decoder);
	if (version !== FORMAT_VERSION) {
		throw new AppError(
			'validation-failed',
			`Результаты класса записаны в формате ${version}, который эта версия приложения не читает. Обновите приложение.`
		);
	}
	const school = decoding.readVarString(decoder);
	const classLabel = decoding.readVarString(decoder);
	const n = decoding.readVarUint(decoder);
	const positionCount = decoding.readVarUint(decoder);
	const studentCodes = Array.from({ length: n }, () => decoding.readVarString(decoder));

	const copy = () => decoding.readVarUint8Array(decoder).slice();
	const slice: ClassSlice = {
		school,
		classLabel,
		positionCount,
		studentCodes,
		points: copy(),
		states: copy(),
		present: copy(),
		sex: copy(),
		journalMark: Int8Array.from({ length: n }, () => decoding.readVarInt(decoder)),
		officialTotal: Int16Array.from({ length: n }, () => decoding.readVarInt(decoder)),
		variant: Uint16Array.from({ length: n }, () => decoding.readVarUint(decoder))
	};

	const cells = n * positionCount;
	const lengthsFit =
		slice.points.length === cells &&
		slice.states.length === cells &&
		slice.present.length === n &&
		slice.sex.length === n;
	if (!lengthsFit || decoding.hasContent(decoder)) throw new Error('slice lengths do not match');
	return slice;
}

/**
 * Joins class slices into one matrix, in the order given. Schools and classes are numbered
 * in order of first appearance. All slices must have the same number of positions.
 */
export function joinSlices(slices: readonly ClassSlice[], positionCount: number): ResultMatrix {
	const n = slices.reduce((sum, slice) => sum + slice.studentCodes.length, 0);
	const P = positionCount;
	const matrix: ResultMatrix = {
		studentCount: n,
		positionCount: P,
		points: new Uint8Array(n * P),
		states: new Uint8Array(n * P),
		studentCodes: [],
		classIndex: new Uint16Array(n),
		classes: [],
		schoolIndex: new Uint16Array(n),
		schools: [],
		present: new Uint8Array(n),
		journalMark: new Int8Array(n).fill(MISSING),
		officialTotal: new Int16Array(n).fill(MISSING),
		variant: new Uint16Array(n),
		sex: new Uint8Array(n)
	};
	let row = 0;
	for (const slice of slices) {
		if (slice.positionCount !== P) {
			throw new AppError(
				'validation-failed',
				`В результатах класса ${slice.classLabel} ${slice.positionCount} позиций, а в спецификации ${P}. Загрузите результаты этого класса заново.`
			);
		}
		const school = indexOf(matrix.schools, slice.school);
		const classId = indexOf(matrix.classes, slice.classLabel);
		const count = slice.studentCodes.length;
		matrix.points.set(slice.points, row * P);
		matrix.states.set(slice.states, row * P);
		matrix.present.set(slice.present, row);
		matrix.journalMark.set(slice.journalMark, row);
		matrix.officialTotal.set(slice.officialTotal, row);
		matrix.variant.set(slice.variant, row);
		matrix.sex.set(slice.sex, row);
		matrix.schoolIndex.fill(school, row, row + count);
		matrix.classIndex.fill(classId, row, row + count);
		matrix.studentCodes.push(...slice.studentCodes);
		row += count;
	}
	return matrix;
}

function indexOf(list: string[], value: string): number {
	const found = list.indexOf(value);
	return found >= 0 ? found : list.push(value) - 1;
}
