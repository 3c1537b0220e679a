/**
 * Analyses one assessment procedure from the command line: reads a results file and the
 * specification, runs `analyzeProcedure`, prints summary tables and can write the whole
 * analysis as JSON.
 *
 *   npx tsx scripts/analyze.ts <results.xlsx|csv> --spec <tasks.xlsx|csv|json> [--json out.json]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { analyzeProcedure, type ProcedureAnalysis } from '../src/lib/analytics/analyze';
import { historyEntries } from '../src/lib/analytics/deficits';
import { teacherHistorySchema, teacherMapSchema } from '../src/lib/analytics/options.schema';
import { textTable, summaryText } from '../src/lib/analytics/summary';
import type { NotTaughtRule, TeacherHistoryEntry } from '../src/lib/analytics/options';
import type { ImportProblemCode } from '../src/lib/assessment/import-problems';
import { importResults } from '../src/lib/assessment/results-import';
import { importSpecification, type SpecSheet } from '../src/lib/assessment/spec-import';
import {
	procedureKinds,
	specificationSchema,
	type MarkScale,
	type ProcedureKind,
	type Specification
} from '../src/lib/assessment/specification.schema';
import { readCsv } from '../src/lib/shared/csv-read';
import { AppError, describeError } from '../src/lib/shared/errors';
import { createLogger } from '../src/lib/shared/logger';
import { looksLikeXlsx, readXlsx } from '../src/lib/shared/xlsx-read';

const log = createLogger('analyze-cli');

const usage = `Использование:
  npx tsx scripts/analyze.ts <файл результатов> --spec <спецификация> [параметры]

Файл результатов: xlsx или csv (выгрузка ФИС ОКО или протокол школы).
Спецификация: таблица заданий (xlsx или csv, как в описании КИМ ФИОКО) или json.

Параметры:
  --spec <файл>        спецификация работы (обязательно)
  --kes <файл>         список кодов КЭС с текстами (xlsx или csv), по желанию
  --kt <файл>          список кодов КТ с текстами (xlsx или csv), по желанию
  --kind <вид>         вид работы для таблицы заданий: ${Object.keys(procedureKinds).join(', ')}; по умолчанию vpr
  --subject <предмет>  предмет, например «Математика» (обязательно для таблицы заданий)
  --grade <класс>      параллель, 1–11 (обязательно для таблицы заданий)
  --year <год>         год проведения (обязательно для таблицы заданий)
  --date <ГГГГ-ММ-ДД>  дата проведения, для сравнения с прошлыми работами
  --scale <шкала>      перевод баллов в отметки, если нет встроенной: 2:0,3:7,4:11,5:15
                       (отметка:наименьший первичный балл)
  --school <логин>     школа для протокола без столбца «логин школы»
  --teachers <файл>    json: класс (или «логин/класс») → { "id": ..., "name": ... } — учитель предмета
  --history <файл>     json прошлого анализа (--json с --date): массовые дефициты учителей
  --not-taught <как>   «не пройд.»: zero — считать 0 баллов (по умолчанию), exclude — не учитывать
  --json <файл>        записать весь результат анализа в json
  --help               показать эту справку`;

/** The JSON that an earlier run wrote with --json, for its history entries. */
const earlierRunSchema = z.looseObject({ input: z.looseObject({ history: teacherHistorySchema }) });

/** Invalid command-line arguments; the message is printed with the usage. */
class UsageError extends Error {}

interface CliArguments {
	results: string;
	spec: string;
	kes?: string;
	kt?: string;
	kind: ProcedureKind;
	subject?: string;
	grade?: number;
	year?: number;
	date?: string;
	scale?: MarkScale;
	school?: string;
	notTaught: NotTaughtRule;
	teachers?: string;
	history?: string;
	json?: string;
}

function parseCli(argv: string[]): CliArguments | 'help' {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			spec: { type: 'string' },
			kes: { type: 'string' },
			kt: { type: 'string' },
			kind: { type: 'string', default: 'vpr' },
			subject: { type: 'string' },
			grade: { type: 'string' },
			year: { type: 'string' },
			date: { type: 'string' },
			scale: { type: 'string' },
			school: { type: 'string' },
			'not-taught': { type: 'string', default: 'zero' },
			teachers: { type: 'string' },
			history: { type: 'string' },
			json: { type: 'string' },
			help: { type: 'boolean', default: false }
		}
	});
	if (values.help) return 'help';
	if (positionals.length !== 1) {
		throw new UsageError(
			`Нужен ровно один файл результатов, получено: ${positionals.length}. Укажите путь к xlsx или csv.`
		);
	}
	if (!values.spec) throw new UsageError('Не указана спецификация. Добавьте --spec <файл>.');
	if (!(values.kind in procedureKinds)) {
		throw new UsageError(
			`Неизвестный вид работы «${values.kind}». Допустимые: ${Object.keys(procedureKinds).join(', ')}.`
		);
	}
	const notTaught = values['not-taught'];
	if (notTaught !== 'zero' && notTaught !== 'exclude') {
		throw new UsageError(`--not-taught принимает zero или exclude, получено «${notTaught}».`);
	}
	if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
		throw new UsageError(`Дата «${values.date}» не в виде ГГГГ-ММ-ДД, например 2021-04-15.`);
	}
	return {
		results: positionals[0],
		spec: values.spec,
		kes: values.kes,
		kt: values.kt,
		kind: values.kind as ProcedureKind,
		subject: values.subject,
		grade: integerOption('--grade', values.grade, 1, 11),
		year: integerOption('--year', values.year, 2000, 2100),
		date: values.date,
		scale: values.scale === undefined ? undefined : parseScale(values.scale),
		school: values.school,
		notTaught,
		teachers: values.teachers,
		history: values.history,
		json: values.json
	};
}

function integerOption(name: string, text: string | undefined, min: number, max: number) {
	if (text === undefined) return undefined;
	const value = Number(text);
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new UsageError(
			`${name} должен быть целым числом от ${min} до ${max}, получено «${text}».`
		);
	}
	return value;
}

/** Parses `2:0,3:7,4:11,5:15`: each mark with the lowest total that earns it. */
function parseScale(text: string): MarkScale {
	const thresholds = text.split(',').map((pair) => {
		const match = /^\s*(\d{1,2})\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(pair);
		if (!match) {
			throw new UsageError(
				`Шкала «${text}» не в виде отметка:балл через запятую, например 2:0,3:7,4:11,5:15.`
			);
		}
		return { mark: Number(match[1]), minTotal: Number(match[2]) };
	});
	return { thresholds, conditions: [] };
}

function readBytes(path: string, role: string): Uint8Array {
	if (!existsSync(path)) throw new UsageError(`Файл ${role} не найден: ${path}. Проверьте путь.`);
	return new Uint8Array(readFileSync(path));
}

/** Reads the first sheet of an xlsx file, or a CSV file, as rows. */
function readSheet(path: string, role: string): SpecSheet {
	const bytes = readBytes(path, role);
	if (looksLikeXlsx(bytes)) {
		const sheet = readXlsx(bytes);
		return { rows: sheet.rows, merges: sheet.merges };
	}
	return { rows: readCsv(bytes).rows };
}

function readJson(path: string, role: string): unknown {
	return parseJson(new TextDecoder().decode(readBytes(path, role)), path);
}

/** Checks a parsed JSON file against a schema; the error names the first invalid field. */
function checkJson<T>(value: unknown, schema: z.ZodType<T>, path: string, role: string): T {
	const parsed = schema.safeParse(value);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new AppError(
			'validation-failed',
			`Файл ${role} ${path}: поле ${issue.path.join('.') || '(корень)'} — ${issue.message}. Исправьте файл.`
		);
	}
	return parsed.data;
}

/** Reads history entries: a list of them, or the JSON of an earlier run with --json. */
function readHistory(path: string): TeacherHistoryEntry[] {
	const value = readJson(path, 'истории');
	if (Array.isArray(value)) return checkJson(value, teacherHistorySchema, path, 'истории');
	return checkJson(value, earlierRunSchema, path, 'истории').input.history;
}

function loadSpecification(args: CliArguments): { spec: Specification; problems: number } {
	if (extname(args.spec).toLowerCase() === '.json') {
		const value = readJson(args.spec, 'спецификации');
		return { spec: checkJson(value, specificationSchema, args.spec, 'спецификации'), problems: 0 };
	}
	const missing = (['subject', 'grade', 'year'] as const).filter((key) => args[key] === undefined);
	if (missing.length > 0) {
		throw new UsageError(
			`Для таблицы заданий укажите ${missing.map((key) => `--${key}`).join(', ')}: по таблице не видно, какая это работа. Например: --subject Математика --grade 5 --year 2021.`
		);
	}
	const imported = withScaleHint(args, () =>
		importSpecification(
			{
				tasks: readSheet(args.spec, 'спецификации'),
				kes: args.kes ? readSheet(args.kes, 'кодов КЭС') : undefined,
				kt: args.kt ? readSheet(args.kt, 'кодов КТ') : undefined
			},
			{
				kind: args.kind,
				subject: args.subject!,
				grade: args.grade!,
				year: args.year!,
				date: args.date,
				markScale: args.scale
			}
		)
	);
	return { spec: imported.specification, problems: imported.problems.length };
}

/** Adds the --scale hint to a failed validation when no scale was given. */
function withScaleHint<T>(args: CliArguments, load: () => T): T {
	try {
		return load();
	} catch (error) {
		if (args.scale || !(error instanceof AppError) || error.reason !== 'validation-failed') {
			throw error;
		}
		throw new AppError(
			'validation-failed',
			`${error.detail ?? ''} Если не хватает шкалы отметок, задайте её: --scale 2:0,3:7,4:11,5:15.`,
			{ cause: error }
		);
	}
}

function parseJson(text: string, path: string): unknown {
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new AppError(
			'validation-failed',
			`${path} не является корректным JSON: ${(error as Error).message}.`
		);
	}
}

function problemTable(counts: Partial<Record<ImportProblemCode, number>>, specProblems: number) {
	const rows: (string | number)[][] = Object.entries(counts).map(([code, count]) => [
		code,
		count ?? 0
	]);
	if (specProblems > 0) rows.push(['спецификация', specProblems]);
	const total = rows.reduce((sum, row) => sum + Number(row[1]), 0);
	rows.push(['всего', total]);
	return textTable(['Замечания при загрузке', 'Количество'], rows);
}

/** Converts typed arrays to plain arrays; JSON itself writes NaN and Infinity as null. */
function jsonValue(_key: string, value: unknown): unknown {
	return ArrayBuffer.isView(value) && !(value instanceof DataView)
		? Array.from(value as unknown as ArrayLike<number>)
		: value;
}

function writeJson(path: string, analysis: ProcedureAnalysis, input: object): void {
	writeFileSync(path, JSON.stringify({ input, analysis }, jsonValue));
}

function checkFilesExist(args: CliArguments): void {
	const files = [
		[args.results, 'результатов'],
		[args.spec, 'спецификации'],
		[args.kes, 'кодов КЭС'],
		[args.kt, 'кодов КТ'],
		[args.teachers, 'учителей'],
		[args.history, 'истории']
	] as const;
	for (const [path, role] of files) {
		if (path !== undefined && !existsSync(path)) {
			throw new UsageError(`Файл ${role} не найден: ${path}. Проверьте путь.`);
		}
	}
}

function run(argv: string[]): number {
	const args = parseCli(argv);
	if (args === 'help') {
		console.log(usage);
		return 0;
	}
	checkFilesExist(args);

	const { spec, problems: specProblems } = loadSpecification(args);
	const table = readSheet(args.results, 'результатов');
	const imported = importResults(table.rows, spec, { school: args.school });
	// Names this run in the history it writes; a later run skips entries with its own id.
	const procedureId = `${spec.kind}-${args.date ?? spec.year}-${basename(args.results)}`;
	const analysis = analyzeProcedure(imported.matrix, spec, {
		notTaught: args.notTaught,
		date: args.date,
		teachers: args.teachers
			? checkJson(readJson(args.teachers, 'учителей'), teacherMapSchema, args.teachers, 'учителей')
			: {},
		history: args.history ? readHistory(args.history) : [],
		procedureId
	});

	console.log(summaryText(analysis));
	console.log('');
	console.log(problemTable(imported.problemCounts, specProblems));
	if (args.json) {
		writeJson(args.json, analysis, {
			results: args.results,
			spec: args.spec,
			problemCounts: imported.problemCounts,
			specificationProblems: specProblems,
			// Ready for --history of a later analysis, when the date is known.
			history: args.date ? historyEntries(analysis.classDetails, procedureId, args.date) : []
		});
		console.log(`\nРезультат анализа записан в ${args.json}`);
	}
	return 0;
}

// A reader such as `head` may close the pipe early; the rest of the output is not needed.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code !== 'EPIPE') throw error;
	process.exit(0);
});

try {
	process.exitCode = run(process.argv.slice(2));
} catch (error) {
	const parseFailed = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
	if (error instanceof UsageError || parseFailed) {
		const message = parseFailed
			? `неизвестный параметр или параметр без значения (${(error as Error).message})`
			: (error as Error).message;
		console.error(`Ошибка: ${message}\n\n${usage}`);
		process.exitCode = 2;
	} else {
		const { message, detail } = describeError(error);
		// The printed message is the output; the detail is for LOG_LEVEL=debug.
		log.debug('analysis failed', { detail });
		console.error(`Ошибка: ${message}`);
		process.exitCode = 1;
	}
}
