import { AppError } from '$lib/shared/errors';
import {
	fillMergedCells,
	type CellValue,
	type MergedRange,
	type SheetRows
} from '$lib/shared/sheet';
import { cellText, readInteger } from './cell-values';
import {
	problemColumn,
	quoteValue,
	type ImportProblem,
	type SpecProblemCode
} from './import-problems';
import { defaultMarkScaleFor, type ProcedureIdentity } from './mark-scales';
import { readSpecTable, type SpecColumnRole, type SpecTableRow } from './spec-table';
import { validateSpecification } from './spec-validation';
import {
	taskLevelSchema,
	type MarkScale,
	type Skill,
	type Specification,
	type Task,
	type TaskLevel
} from './specification.schema';
import { normaliseCode, normaliseHeader } from './typed-text';

/**
 * Builds a Specification from ФИОКО description tables: the task table and, when given,
 * the lists of КЭС and КТ codes with their texts.
 */

/** A sheet as read, with its merged ranges when the reader knows them. */
export interface SpecSheet {
	rows: SheetRows;
	merges?: readonly MergedRange[];
}

export interface SpecificationSources {
	tasks: SpecSheet;
	kes?: SpecSheet;
	kt?: SpecSheet;
}

export interface SpecificationMeta extends ProcedureIdentity {
	date?: string;
	/** The scale to use; by default the built-in one for this procedure, if there is one. */
	markScale?: MarkScale;
}

export interface SpecificationImport {
	specification: Specification;
	/** Doubts that did not stop the import: conflicting rows, codes missing from the lists. */
	problems: ImportProblem<SpecProblemCode>[];
}

/** Returns the key by which a task refers to a skill: `КЭС 1`, `КТ 2.3`. */
export function skillKey(kind: Skill['kind'], code: string): string {
	return `${kind} ${code}`;
}

/** Finds the skill a task's key refers to, or undefined. */
export function findSkill(specification: Specification, key: string): Skill | undefined {
	return specification.skills.find((skill) => skillKey(skill.kind, skill.code) === key);
}

const levelWords: Record<string, TaskLevel> = { базовый: 'Б', повышенный: 'П', высокий: 'В' };
const footerLabel = /^(ИТОГО|ВСЕГО|СУММА)/;
const taskLabelPattern = /^\d{1,3}(\.\d{1,2})?(К\d{1,2}|[А-Я])?$/;

function readLevel(value: CellValue): TaskLevel | null {
	const text = normaliseCode(cellText(value)).replace(/\.$/, '');
	const word = levelWords[text];
	if (word) return word;
	const parsed = taskLevelSchema.safeParse(text.toUpperCase());
	return parsed.success ? parsed.data : null;
}

/** Splits a code cell: `1.1; 2.3`, `1.1, 2.3` or a number. A number keeps its printed form. */
function readCodes(value: CellValue): string[] {
	if (typeof value === 'number') return [String(value)];
	return cellText(value)
		.split(/[;,\s]+/)
		.map((code) => code.replace(/\.$/, ''))
		.filter((code) => code !== '');
}

interface TaskDraft {
	task: Task;
	firstRow: SpecTableRow;
}

function fatal(row: SpecTableRow, role: SpecColumnRole, message: string, rows: SheetRows): never {
	const column = row.block.columns[role];
	const header = column === undefined ? '' : cellText(rows[row.block.headerRow]?.[column] ?? null);
	const where =
		column === undefined ? `строка ${row.row + 1}` : `строка ${row.row + 1}, столбец «${header}»`;
	throw new AppError(
		'import-invalid',
		`Таблица заданий, ${where}: ${message} Исправьте таблицу и загрузите снова.`
	);
}

class TaskCollector {
	readonly drafts = new Map<string, TaskDraft>();
	readonly problems: ImportProblem<SpecProblemCode>[] = [];
	/** Codes by kind, each with the 0-based sheet row where it first appears. */
	readonly codes = { КЭС: new Map<string, number>(), КТ: new Map<string, number>() };

	constructor(private readonly rows: SheetRows) {}

	private conflict(
		row: SpecTableRow,
		role: SpecColumnRole,
		value: CellValue,
		message: string
	): void {
		const column = row.block.columns[role] ?? row.block.firstColumn;
		const header = this.rows[row.block.headerRow]?.[column] ?? null;
		this.problems.push({
			row: row.row + 1,
			column: problemColumn(column, header),
			code: 'spec-conflict',
			message,
			value
		});
	}

	add(row: SpecTableRow): void {
		if (footerLabel.test(row.label)) return;
		if (!taskLabelPattern.test(row.label)) {
			fatal(
				row,
				'label',
				`номер задания ${quoteValue(row.label)} не распознан (ожидается вида 1, 11.1 или 1К1).`,
				this.rows
			);
		}
		const maxPoints = readInteger(row.maxPoints);
		if (maxPoints === null || maxPoints <= 0) {
			fatal(
				row,
				'maxPoints',
				`максимальный балл ${quoteValue(row.maxPoints)} должен быть целым числом больше 0.`,
				this.rows
			);
		}
		const level = readLevel(row.level);
		if (level === null) {
			fatal(
				row,
				'level',
				`уровень сложности ${quoteValue(row.level)} не распознан (ожидается Б, П или В).`,
				this.rows
			);
		}

		let draft = this.drafts.get(row.label);
		if (!draft) {
			const description = [row.skillText, row.outcome].filter((text) => text !== '').join('\n');
			const position = readInteger(row.position);
			const task: Task = {
				label: row.label,
				position: position ?? 0,
				maxPoints,
				level,
				skills: [],
				description
			};
			draft = { task, firstRow: row };
			this.drafts.set(row.label, draft);
		} else {
			this.checkSameTask(draft, row, maxPoints, level);
		}

		for (const [kind, value] of [
			['КЭС', row.kes],
			['КТ', row.kt]
		] as const) {
			for (const code of readCodes(value)) {
				if (!this.codes[kind].has(code)) this.codes[kind].set(code, row.row);
				const key = skillKey(kind, code);
				if (!draft.task.skills.includes(key)) draft.task.skills.push(key);
			}
		}
	}

	private checkSameTask(
		draft: TaskDraft,
		row: SpecTableRow,
		maxPoints: number,
		level: TaskLevel
	): void {
		const { task, firstRow } = draft;
		if (maxPoints !== task.maxPoints) {
			this.conflict(
				row,
				'maxPoints',
				row.maxPoints,
				`У задания ${task.label} в строке ${firstRow.row + 1} максимум ${task.maxPoints}, а здесь ${maxPoints}. Взят первый; исправьте таблицу, если он неверен.`
			);
		}
		if (level !== task.level) {
			this.conflict(
				row,
				'level',
				row.level,
				`У задания ${task.label} в строке ${firstRow.row + 1} уровень ${task.level}, а здесь ${level}. Взят первый; исправьте таблицу, если он неверен.`
			);
		}
		const position = readInteger(row.position);
		if (position !== null && task.position !== 0 && position !== task.position) {
			fatal(
				row,
				'position',
				`у задания ${task.label} две позиции: ${task.position} и ${position}.`,
				this.rows
			);
		}
	}
}

/** Numbers tasks without a position after the highest given one, in table order. */
function assignPositions(tasks: Task[]): Task[] {
	let next = Math.max(0, ...tasks.map((task) => task.position)) + 1;
	for (const task of tasks) if (task.position === 0) task.position = next++;
	return tasks.sort((a, b) => a.position - b.position);
}

/** Reads a code list: a `Код` column and the text column beside it. */
export function readCodeList(sheet: SpecSheet): Map<string, string> {
	const rows = fillMergedCells(sheet.rows, sheet.merges ?? []);
	const headerRow = rows.findIndex((row) =>
		(row ?? []).some((value) => value !== null && /^код$/.test(normaliseHeader(String(value))))
	);
	if (headerRow < 0)
		throw new AppError(
			'import-invalid',
			'В списке кодов не найден столбец «Код». Добавьте заголовок «Код» над кодами.'
		);

	const header = rows[headerRow];
	const codeColumn = header.findIndex(
		(value) => value !== null && /^код$/.test(normaliseHeader(String(value)))
	);
	const textColumn = header.findIndex((value, c) => c !== codeColumn && cellText(value) !== '');
	const list = new Map<string, string>();
	for (const row of rows.slice(headerRow + 1)) {
		const [code] = readCodes(row?.[codeColumn] ?? null);
		if (code) list.set(code, textColumn < 0 ? '' : cellText(row[textColumn] ?? null));
	}
	return list;
}

function collectSkills(collector: TaskCollector, sources: SpecificationSources): Skill[] {
	const skills: Skill[] = [];
	for (const kind of ['КЭС', 'КТ'] as const) {
		const source = kind === 'КЭС' ? sources.kes : sources.kt;
		const list = source ? readCodeList(source) : new Map<string, string>();
		const used = collector.codes[kind];
		const codes = new Set([...list.keys(), ...used.keys()]);
		for (const code of codes) {
			const firstRow = used.get(code);
			if (source && firstRow !== undefined && !list.has(code)) {
				const message = `Код ${kind} ${code} есть в таблице заданий, но его нет в списке кодов ${kind}. Добавьте его в список, чтобы у умения был текст.`;
				collector.problems.push({
					row: firstRow + 1,
					column: null,
					code: 'unknown-skill-code',
					message,
					value: code
				});
			}
			skills.push({ kind, code, text: list.get(code) ?? '' });
		}
	}
	return skills;
}

/**
 * Builds a specification from the task table and the optional code lists. Raises AppError
 * `import-invalid` when the table has no recognisable header or a task lacks a label, a
 * maximum or a level, and `validation-failed` when the result does not pass the schema.
 */
export function importSpecification(
	sources: SpecificationSources,
	meta: SpecificationMeta
): SpecificationImport {
	const rows = fillMergedCells(sources.tasks.rows, sources.tasks.merges ?? []);
	const table = readSpecTable(rows);
	if (table.blocks.length === 0) {
		throw new AppError(
			'import-invalid',
			'В таблице заданий не найдены заголовки «№ по КИМу» (или «№») и «Максимальный балл». Проверьте, что выбрана таблица спецификации.'
		);
	}

	const collector = new TaskCollector(rows);
	for (const row of table.rows) collector.add(row);
	const tasks = assignPositions([...collector.drafts.values()].map((draft) => draft.task));
	const skills = collectSkills(collector, sources);

	const markScale = meta.markScale ?? defaultMarkScaleFor(meta, tasks);
	if (!markScale) {
		throw new AppError(
			'validation-failed',
			`Для работы «${meta.subject}», ${meta.grade} класс, ${meta.year} год нет встроенной шкалы отметок. Укажите шкалу перевода баллов в отметки.`
		);
	}

	const candidate = {
		kind: meta.kind,
		subject: meta.subject,
		grade: meta.grade,
		year: meta.year,
		date: meta.date,
		tasks,
		skills,
		markScale
	};
	const checked = validateSpecification(candidate);
	if (!checked.ok) {
		throw new AppError('validation-failed', checked.issues.map((issue) => issue.message).join(' '));
	}
	return { specification: checked.specification, problems: collector.problems };
}
