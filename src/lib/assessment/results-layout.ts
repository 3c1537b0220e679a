import { AppError } from '$lib/shared/errors';
import type { CellValue, SheetRows } from '$lib/shared/sheet';
import { problemColumn, quoteValue, type ImportProblem } from './import-problems';
import type { Task } from './specification.schema';
import { normaliseHeader, normaliseTaskLabel } from './typed-text';

/**
 * Recognises the header of a results table and what each column contains. Two layouts:
 * the regional ФИС ОКО export (`логин школы`, `балл за 1` … `балл за 16`) and a school
 * protocol whose task headers carry the maximum (`11.1 (1б)`, `10К1 (2б)`).
 */

export type ResultsLayoutKind = 'fis-oko-region' | 'school-protocol';

/** Columns with one value per student; a missing one is undefined. */
export interface StudentColumns {
	school?: number;
	studentCode?: number;
	journalMark?: number;
	sex?: number;
	className?: number;
	variant?: number;
	total?: number;
}

export interface TaskColumn {
	column: number;
	/** Index into the tasks sorted by position, which is the matrix column. */
	task: number;
}

export interface ResultsLayout {
	kind: ResultsLayoutKind;
	/** 0-based index of the header row. */
	headerRow: number;
	header: CellValue[];
	students: StudentColumns;
	tasks: TaskColumn[];
	/** Columns with a header that are read for nothing: row numbers, textbooks, names. */
	ignored: number[];
	problems: ImportProblem[];
}

/** How many rows from the top are searched for the header. */
const HEADER_SEARCH_ROWS = 30;

type StudentRole = keyof StudentColumns;

const studentCodeHeader = /^код (обучающегося|участника|ученика)$|^код$/;

const studentHeaders: [RegExp, StudentRole][] = [
	[/^логин( школы| оо)?$/, 'school'],
	[studentCodeHeader, 'studentCode'],
	[/^отметка (за )?(предыдущ|четверт|триместр|полугоди|по журналу|в журнале)/, 'journalMark'],
	[/^пол$/, 'sex'],
	[/^(наименование )?класс(а)?$|^литера( класса)?$/, 'className'],
	[/^вариант$|^номер варианта$/, 'variant'],
	[/^(всего|итого|сумма) (первичных )?баллов$|^первичный балл$|^итого$/, 'total']
];

/** Headers that are known and deliberately not imported; names stay out of the matrix. */
const ignoredHeaders = [
	/^регион$/,
	/^(муниципалитет|муниципальный район|мо|оо|школа|наименование оо)$/,
	/^№( п\/п)?$|^номер( обучающегося| по порядку)?$/,
	/^учебник$|^др\.? ?уч\.? (автор|название)$/,
	/^(фио|ф\.и\.о\.?|фамилия|имя|отчество|фамилия,? имя( обучающегося)?)$/,
	/^отметка( за работу)?$|^оценка$/,
	/^(дата|примечание|комментарий)$/
];

const regionalTaskPattern = /^балл за (\d{1,3})$/;
/** `11.1 (1б)`, `10К1 (2 б.)`, `3 (2 балла)`: a label and the task's maximum. */
const protocolTaskPattern = /^(.+?)\s*\(\s*(\d{1,3})\s*(?:б|балл|балла|баллов)?\.?\s*\)$/;

function headerTexts(row: CellValue[] | undefined): string[] {
	return (row ?? []).map((value) => (value === null ? '' : normaliseHeader(String(value))));
}

function findHeaderRow(rows: SheetRows): { index: number; kind: ResultsLayoutKind } {
	const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
	for (let r = 0; r < limit; r++) {
		const texts = headerTexts(rows[r]);
		if (texts.some((text) => regionalTaskPattern.test(text))) {
			return { index: r, kind: 'fis-oko-region' };
		}
		const protocolTasks = texts.filter((text) => protocolTaskPattern.test(text)).length;
		const hasCode = texts.some((text) => studentCodeHeader.test(text));
		if (protocolTasks > 0 && hasCode) return { index: r, kind: 'school-protocol' };
	}
	throw new AppError(
		'import-invalid',
		`Не найдена строка заголовков в первых ${limit} строках. Нужны столбец «Код» и столбцы заданий вида «балл за 1» или «1 (1б)».`
	);
}

interface LayoutBuilder {
	layout: ResultsLayout;
	tasksByLabel: Map<string, number>;
	sortedTasks: readonly Task[];
	taskSeen: Set<number>;
}

function addTaskColumn(builder: LayoutBuilder, column: number, text: string): boolean {
	const { layout, sortedTasks } = builder;
	const raw = layout.header[column];
	let task = -1;
	let headerMax: number | null = null;

	const regional = regionalTaskPattern.exec(text);
	const protocol = regional ? null : protocolTaskPattern.exec(text);
	if (regional) {
		task = Number(regional[1]) - 1;
		if (task >= sortedTasks.length) task = -1;
	} else if (protocol) {
		task = builder.tasksByLabel.get(normaliseTaskLabel(protocol[1])) ?? -1;
		headerMax = Number(protocol[2]);
		// `Итого баллов (20б)` is a total, not a task: only labels that start with a digit are tasks.
		if (task < 0 && !/^\d/.test(protocol[1])) return false;
	} else {
		return false;
	}

	const row = layout.headerRow + 1;
	if (task < 0) {
		const message = `Столбец ${quoteValue(raw)} похож на задание, но такого задания нет в спецификации (${sortedTasks.length} позиций). Столбец не загружен; проверьте, что выбрана спецификация этой работы.`;
		layout.problems.push({
			row,
			column: problemColumn(column, raw),
			code: 'unknown-column',
			message,
			value: raw
		});
		return true;
	}
	if (builder.taskSeen.has(task)) {
		const message = `Задание ${sortedTasks[task].label} встречается в заголовке второй раз. Загружен первый столбец; удалите или переименуйте лишний.`;
		layout.problems.push({
			row,
			column: problemColumn(column, raw),
			code: 'duplicate-column',
			message,
			value: raw
		});
		return true;
	}
	if (headerMax !== null && headerMax !== sortedTasks[task].maxPoints) {
		const message = `В заголовке максимум ${headerMax}, а в спецификации у задания ${sortedTasks[task].label} — ${sortedTasks[task].maxPoints}. Баллы проверяются по спецификации; исправьте заголовок или спецификацию.`;
		layout.problems.push({
			row,
			column: problemColumn(column, raw),
			code: 'header-max-mismatch',
			message,
			value: raw
		});
	}
	builder.taskSeen.add(task);
	layout.tasks.push({ column, task });
	return true;
}

function addStudentColumn(builder: LayoutBuilder, column: number, text: string): boolean {
	const withoutMaximum = text.replace(/\s*\([^)]*\)$/, '');
	const match = studentHeaders.find(
		([pattern]) => pattern.test(text) || pattern.test(withoutMaximum)
	);
	if (!match) return false;

	const { layout } = builder;
	const role = match[1];
	if (layout.students[role] === undefined) {
		layout.students[role] = column;
	} else {
		const raw = layout.header[column];
		const message = `Столбец ${quoteValue(raw)} повторяется. Загружен первый такой столбец; удалите или переименуйте лишний.`;
		layout.problems.push({
			row: layout.headerRow + 1,
			column: problemColumn(column, raw),
			code: 'duplicate-column',
			message,
			value: raw
		});
	}
	return true;
}

function reportMissingTasks(builder: LayoutBuilder): void {
	const { layout, sortedTasks, taskSeen } = builder;
	sortedTasks.forEach((task, index) => {
		if (taskSeen.has(index)) return;
		const message = `В файле нет столбца задания ${task.label}. Его ячейки загружены пустыми; добавьте столбец, если баллы за это задание есть.`;
		layout.problems.push({
			row: layout.headerRow + 1,
			column: null,
			code: 'task-column-missing',
			message,
			value: task.label
		});
	});
}

/**
 * Finds the header row and assigns every column a role. Task columns are matched to the
 * tasks sorted by position: `балл за N` is the N-th task, and a protocol header is matched by
 * its label. Raises AppError `import-invalid` when no header row is found.
 */
export function detectResultsLayout(rows: SheetRows, tasks: readonly Task[]): ResultsLayout {
	const { index, kind } = findHeaderRow(rows);
	const header = rows[index];
	const sortedTasks = [...tasks].sort((a, b) => a.position - b.position);
	const builder: LayoutBuilder = {
		layout: { kind, headerRow: index, header, students: {}, tasks: [], ignored: [], problems: [] },
		tasksByLabel: new Map(sortedTasks.map((task, i) => [normaliseTaskLabel(task.label), i])),
		sortedTasks,
		taskSeen: new Set()
	};

	headerTexts(header).forEach((text, column) => {
		if (text === '') return;
		if (addTaskColumn(builder, column, text) || addStudentColumn(builder, column, text)) return;
		if (ignoredHeaders.some((pattern) => pattern.test(text))) {
			builder.layout.ignored.push(column);
			return;
		}
		const raw = header[column];
		const message = `Столбец ${quoteValue(raw)} не распознан и не загружен. Если в нём баллы за задание, назовите его как в спецификации, например «${sortedTasks[0]?.label ?? '1'} (${sortedTasks[0]?.maxPoints ?? 1}б)».`;
		builder.layout.problems.push({
			row: index + 1,
			column: problemColumn(column, raw),
			code: 'unknown-column',
			message,
			value: raw
		});
	});

	reportMissingTasks(builder);
	return builder.layout;
}
