import { AppError } from '$lib/shared/errors';
import type { CellValue } from '$lib/shared/sheet';
import {
	CachedReader,
	cellText,
	isAbsentMark,
	isBlank,
	readInteger,
	readJournalMark,
	readSex,
	readVariant,
	ScoreReader,
	studentCodeKey
} from './cell-values';
import { ProblemLog, problemColumn, quoteValue, type ImportProblemCode } from './import-problems';
import { CellState, MISSING, type ResultMatrix } from './result-matrix';
import type { ResultsLayout } from './results-layout';
import type { Task } from './specification.schema';

/**
 * Reads the student rows of a results table into a ResultMatrix, one row at a time, and
 * records a problem for every cell it cannot read as the file's layout expects.
 */

/** Distinct values of one column and their ids, growing as rows are read. */
export class Interner {
	readonly values: string[] = [];
	private readonly ids = new Map<string, number>();

	/** `columnName` is the column's usual header, for the error message. */
	constructor(private readonly columnName: string) {}

	idOf(value: string): number {
		let id = this.ids.get(value);
		if (id === undefined) {
			// The matrix stores these ids in Uint16Arrays.
			if (this.values.length > 0xffff) {
				throw new AppError(
					'import-invalid',
					`В файле больше 65 536 разных значений в столбце «${this.columnName}». Проверьте, что столбцы файла подписаны верно.`
				);
			}
			id = this.values.push(value) - 1;
			this.ids.set(value, id);
		}
		return id;
	}
}

function allocateMatrix(studentCount: number, positionCount: number): ResultMatrix {
	const cells = studentCount * positionCount;
	return {
		studentCount,
		positionCount,
		points: new Uint8Array(cells),
		states: new Uint8Array(cells).fill(CellState.blank),
		studentCodes: new Array<string>(studentCount),
		classIndex: new Uint16Array(studentCount),
		classes: [],
		schoolIndex: new Uint16Array(studentCount),
		schools: [],
		present: new Uint8Array(studentCount),
		journalMark: new Int8Array(studentCount).fill(MISSING),
		officialTotal: new Int16Array(studentCount).fill(MISSING),
		variant: new Uint16Array(studentCount),
		sex: new Uint8Array(studentCount)
	};
}

/** The state of one import run, shared by the steps that read a row. */
export class RowImporter {
	readonly matrix: ResultMatrix;
	readonly problems: ProblemLog;
	readonly schools = new Interner('логин школы');
	readonly rawClasses = new Interner('класс');
	readonly rawClassIndex: Uint16Array;
	private readonly scores = new ScoreReader();
	private readonly absences = new CachedReader(isAbsentMark);
	private readonly variants = new CachedReader(readVariant);
	private readonly journalMarks = new CachedReader(readJournalMark);
	private readonly sexes = new CachedReader(readSex);
	private readonly texts = new CachedReader(cellText);
	private readonly firstRowOfCode = new Map<string, number>();
	private readonly header: CellValue[];
	private readonly maxTotal: number;

	constructor(
		private readonly layout: ResultsLayout,
		private readonly tasks: readonly Task[],
		studentCount: number,
		private readonly defaultSchool: string,
		maxProblems: number
	) {
		this.matrix = allocateMatrix(studentCount, tasks.length);
		this.problems = new ProblemLog(maxProblems);
		this.rawClassIndex = new Uint16Array(studentCount);
		this.header = layout.header;
		this.maxTotal = tasks.reduce((sum, task) => sum + task.maxPoints, 0);
		for (const problem of layout.problems) this.problems.add(problem);
	}

	private report(
		row: number,
		column: number | undefined,
		code: ImportProblemCode,
		message: string,
		value: CellValue
	): void {
		const where = column === undefined ? null : problemColumn(column, this.header[column]);
		this.problems.add({ row: row + 1, column: where, code, message, value });
	}

	/** Reads sheet row `r` into matrix row `s`. */
	importRow(row: CellValue[], r: number, s: number): void {
		const { students } = this.layout;
		const cell = (column: number | undefined): CellValue =>
			column === undefined ? null : (row[column] ?? null);

		const variantValue = cell(students.variant);
		const present = !this.absences.read(variantValue);
		this.matrix.present[s] = present ? 1 : 0;

		this.readIdentity(cell, r, s);
		this.readStudentFields(cell, r, s, present);
		if (present) {
			const sum = this.readScores(row, r, s);
			this.readTotal(cell(students.total), r, s, sum);
		} else {
			this.markAbsent(row, cell(students.total), r, s);
		}
	}

	private readIdentity(
		cell: (column: number | undefined) => CellValue,
		r: number,
		s: number
	): void {
		const { students } = this.layout;
		const school =
			students.school === undefined ? this.defaultSchool : this.texts.read(cell(students.school));
		const schoolId = this.schools.idOf(school);
		this.matrix.schoolIndex[s] = schoolId;
		this.rawClassIndex[s] = this.rawClasses.idOf(this.texts.read(cell(students.className)));

		const code = cellText(cell(students.studentCode));
		this.matrix.studentCodes[s] = code;
		if (code === '') {
			const message =
				'Не указан код участника. Строка загружена; впишите код, чтобы связать результат с учеником.';
			this.report(r, students.studentCode, 'student-code-missing', message, null);
			return;
		}
		const key = `${schoolId}\u0000${studentCodeKey(code)}`;
		const firstRow = this.firstRowOfCode.get(key);
		if (firstRow === undefined) {
			this.firstRowOfCode.set(key, r);
			return;
		}
		const message = `Код участника ${quoteValue(code)} уже встречался в строке ${firstRow + 1}. Обе строки загружены; проверьте коды.`;
		this.report(r, students.studentCode, 'duplicate-student-code', message, code);
	}

	private readStudentFields(
		cell: (column: number | undefined) => CellValue,
		r: number,
		s: number,
		present: boolean
	): void {
		const { students } = this.layout;

		if (present) {
			const variantValue = cell(students.variant);
			const variant = this.variants.read(variantValue);
			if (variant === null) {
				const message = `Вариант ${quoteValue(variantValue)} не распознан: ожидается номер варианта или «отсутствовал». Вариант считается неизвестным; исправьте ячейку.`;
				this.report(r, students.variant, 'unknown-variant', message, variantValue);
			}
			this.matrix.variant[s] = variant ?? 0;
		}

		const markValue = cell(students.journalMark);
		const mark = this.journalMarks.read(markValue);
		if (mark === null) {
			const message = `Отметка ${quoteValue(markValue)} не распознана: ожидается 2, 3, 4, 5 или «нет отметки». Отметка считается неизвестной; исправьте ячейку.`;
			this.report(r, students.journalMark, 'unknown-journal-mark', message, markValue);
		}
		this.matrix.journalMark[s] = mark ?? MISSING;

		const sexValue = cell(students.sex);
		const sex = this.sexes.read(sexValue);
		if (sex === null) {
			const message = `Пол ${quoteValue(sexValue)} не распознан: ожидается «м» или «ж». Пол считается неизвестным; исправьте ячейку.`;
			this.report(r, students.sex, 'unknown-sex', message, sexValue);
		}
		this.matrix.sex[s] = sex ?? 0;
	}

	/** Reads the task cells of a present student; returns the sum of their points. */
	private readScores(row: CellValue[], r: number, s: number): number {
		const { points, states, positionCount } = this.matrix;
		const base = s * positionCount;
		let sum = 0;

		for (const { column, task } of this.layout.tasks) {
			const value = row[column] ?? null;
			const reading = this.scores.read(value);
			states[base + task] = reading.state;
			points[base + task] = reading.points;
			sum += reading.points;

			if (reading.error) this.reportScoreError(reading.error, value, r, column, task);
			else if (reading.points > this.tasks[task].maxPoints) {
				const { label, maxPoints } = this.tasks[task];
				const message = `Балл ${reading.points} больше максимума задания ${label} (${maxPoints}). Балл сохранён как есть; проверьте ячейку по работе ученика.`;
				this.report(r, column, 'points-above-max', message, value);
			}
		}
		return sum;
	}

	private reportScoreError(
		error: 'unknown-cell-code' | 'invalid-points',
		value: CellValue,
		r: number,
		column: number,
		task: number
	): void {
		const label = this.tasks[task].label;
		const message =
			error === 'invalid-points'
				? `Балл ${quoteValue(value)} за задание ${label} должен быть целым числом от 0. Ячейка считается пустой; исправьте её.`
				: `Значение ${quoteValue(value)} за задание ${label} не распознано: ожидается балл, «X» (не приступал) или «не пройд.» (тема не пройдена). Ячейка считается пустой; исправьте её.`;
		this.report(r, column, error, message, value);
	}

	private readTotal(value: CellValue, r: number, s: number, sum: number): void {
		const column = this.layout.students.total;
		if (column === undefined) return;

		if (isBlank(value)) {
			const message = `Не указан итоговый балл; сумма баллов по заданиям — ${sum}. Впишите итог или проверьте строку.`;
			this.report(r, column, 'total-missing', message, value);
			return;
		}
		const total = readInteger(value);
		if (total === null || total < 0 || total > 0x7fff) {
			const message = `Итог ${quoteValue(value)} не является целым числом баллов; сумма по заданиям — ${sum}. Итог считается неизвестным; исправьте ячейку.`;
			this.report(r, column, 'invalid-total', message, value);
			return;
		}

		this.matrix.officialTotal[s] = total;
		if (total !== sum) {
			const message = `Итог в файле (${total}) не равен сумме баллов по заданиям (${sum}). Оба значения сохранены; сверьте строку с работой ученика.`;
			this.report(r, column, 'total-mismatch', message, value);
		}
		if (total > this.maxTotal) {
			const message = `Итог ${total} больше максимума работы (${this.maxTotal}). Итог сохранён как есть; сверьте строку с работой ученика.`;
			this.report(r, column, 'total-above-max', message, value);
		}
	}

	private markAbsent(row: CellValue[], totalValue: CellValue, r: number, s: number): void {
		const { states, positionCount } = this.matrix;
		states.fill(CellState.absent, s * positionCount, (s + 1) * positionCount);

		const scored = this.layout.tasks.find(({ column }) => !isBlank(row[column] ?? null));
		const filled = scored
			? scored.column
			: isBlank(totalValue)
				? undefined
				: this.layout.students.total;
		if (filled === undefined) return;
		const value = row[filled] ?? null;
		const message =
			'Ученик отмечен как отсутствовавший, но в строке есть баллы. Баллы не загружены; уберите «отсутствовал» или баллы.';
		this.report(r, filled, 'absent-with-scores', message, value);
	}
}
