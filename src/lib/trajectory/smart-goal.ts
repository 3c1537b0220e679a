import { sphereLabels } from './trajectory.labels';
import type { SphereId } from './trajectory.schema';

/**
 * A check of a goal's wording against three parts of the SMART formula that text can show:
 * a measurable result, a deadline and the sphere it belongs to. It reads Russian wording with
 * regular expressions, so it is a hint for the student and the tutor, not a verdict. It finds
 * «не менее 4», «на 10 баллов», «3 олимпиады», «до 25 мая», «к концу четверти»,
 * «в течение месяца» and the like.
 */

export type SmartPart = 'measure' | 'deadline' | 'sphere';

export interface SmartCheck {
	ok: boolean;
	/** Parts not found, in the order measure, deadline, sphere. */
	missing: SmartPart[];
	/** One Russian message per missing part, saying what to add. */
	messages: string[];
	/** The words that satisfied each part, or the sphere found. */
	found: { measure: string | null; deadline: string | null; sphere: SphereId | null };
}

export interface SmartOptions {
	/** The sphere the goal is written in; when given, the text need not name one. */
	sphere?: SphereId;
	/** A deadline kept apart from the wording (`YYYY-MM-DD`); when given, it is the deadline. */
	deadline?: string | null;
}

// JavaScript's \b ignores Cyrillic, so word edges are written as lookarounds.
const start = '(?<![\\p{L}\\d])';
const end = '(?![\\p{L}\\d])';
const month =
	'(?:январ|феврал|март|апрел|ма[йяею]|июн|июл|август|сентябр|октябр|ноябр|декабр)\\p{L}*';
const period =
	'(?:недел|месяц|четверт|полугоди|триместр|семестр|(?:учебн\\p{L}*\\s+)?год|каникул|дн[яеь]|дней|лет)\\p{L}*';
const ordinal =
	'(?:эт(?:от|ого|ой|ом)|следующ\\p{L}*|текущ\\p{L}*|перв\\p{L}*|втор\\p{L}*|трет\\p{L}*|четв[её]рт\\p{L}*|I{1,3}|IV|\\d)';
const numberWord =
	'(?:од(?:ин|ну|на|ного|ной)|дв(?:а|е|ух)|тр(?:и|[её]х)|четыр(?:е|[её]х)|пят(?:ь|и)|шест(?:ь|и)|сем(?:ь|и)|восем(?:ь|и)|девят(?:ь|и)|десят(?:ь|и)|двадцат(?:ь|и)|тридцат(?:ь|и)|сорок|пятьдесят|сто)';

const deadlinePatterns = [
	// 25.05, 25.05.2025, 10/10: the month has two digits, so a mean mark such as 4.5 is no date.
	`${start}\\d{1,2}[./](?:0[1-9]|1[0-2])(?:[./]\\d{2,4})?${end}`,
	`${start}\\d{4}-\\d{2}-\\d{2}${end}`,
	`${start}\\d{1,2}\\s+${month}`,
	`${start}(?:до|к|по|не\\s+позднее|не\\s+позже)\\s+(?:(?:конц|середин|начал)\\p{L}*\\s+)?(?:${ordinal}\\s+)?(?:${period}|${month}|нов\\p{L}*\\s+год\\p{L}*|\\d{4})`,
	`${start}в\\s+(?:конц|середин|начал)\\p{L}*\\s+(?:${ordinal}\\s+)?(?:${period}|${month})`,
	`${start}в\\s+течени[ея]\\s+(?:(?:\\d+|${numberWord})\\s+)?${period}`,
	`${start}за\\s+(?:(?:\\d+|${numberWord})\\s+)?${period}`,
	`${start}через\\s+(?:(?:\\d+|${numberWord})\\s+)?${period}`,
	`${start}во?\\s+${ordinal}\\s+(?:учебн\\p{L}*\\s+)?(?:четверт|полугоди|триместр|семестр|год|месяц|недел)\\p{L}*`,
	`${start}в\\s+${month}`,
	`${start}(?:в|к|до)\\s+\\d{4}(?:\\s+год\\p{L}*)?`
].map((source) => new RegExp(source, 'giu'));

const measurePatterns = [
	// A number, unless it is a grade of school («9 класс»): marks, scores, counts, percents.
	`${start}\\d+(?:[.,]\\d+)?(?![.,]?\\d)(?!\\s*класс)`,
	`${start}${numberWord}${end}`,
	`${start}(?:на\\s+(?:отлично|хорошо)|пят[её]рк\\p{L}*|четв[её]рк\\p{L}*)`,
	`${start}без\\s+(?:тро|дво)ек`,
	`${start}(?:призёр|призер|победител|лауреат|дипломант|призов\\p{L}*\\s+мест)\\p{L}*`
].map((source) => new RegExp(source, 'iu'));

/** Sphere keywords, checked in this order: «олимпиада по математике» is an olympiad goal. */
const sphereKeywords: [SphereId, RegExp][] = [
	['olympiads', /олимпиад|всош/iu],
	['projects', /проект/iu],
	['research', /исследован|конференц|доклад|научн|эксперимент/iu],
	[
		'creative',
		/спорт|секци|кружк|кружок|соревнован|танц|вокал|театр|музык|гитар|рисова|художеств|гто|плаван|футбол|волейбол|баскетбол|шахмат|хор(?:е|у|а|ом)?(?![\p{L}])/iu
	],
	['personal', /книг|прочит|чтени|тренинг|волонт|саморазвит|привычк|фильм|выставк|концерт|музе/iu],
	[
		'academic',
		/оценк|отметк|тро(?:ек|йк)|дво(?:ек|йк)|пят[её]рк|четв[её]рк|успеваемост|балл|огэ|егэ|гиа|впр|экзамен|контрольн|предмет|алгебр|геометр|математик|русск|литератур|физик|хими|биолог|истори|обществозн|информатик|географ|английск|немецк|французск|иностранн|уч[её]б|урок/iu
	]
];

function findDeadline(text: string): { words: string | null; rest: string } {
	let words: string | null = null;
	let rest = text;
	for (const pattern of deadlinePatterns) {
		rest = rest.replace(pattern, (match) => {
			words ??= match.trim();
			return ' ';
		});
	}
	return { words, rest };
}

function findMeasure(text: string): string | null {
	for (const pattern of measurePatterns) {
		const match = pattern.exec(text);
		if (match) return match[0].trim();
	}
	return null;
}

function findSphere(text: string): SphereId | null {
	return sphereKeywords.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
}

const messages: Record<SmartPart, string> = {
	measure:
		'Не указан измеримый результат. Добавьте число или количество, например «не ниже 4 по алгебре», «на 10 баллов больше» или «3 олимпиады».',
	deadline:
		'Не указан срок. Добавьте дату или период, например «до 25 мая», «к концу четверти» или «в течение месяца».',
	sphere: `Не ясно, к какой сфере относится цель. Выберите сферу (${Object.values(sphereLabels)
		.map((label) => label.toLowerCase())
		.join(', ')}) или назовите в цели предмет, олимпиаду или проект.`
};

/** Checks a goal's wording for a measurable result, a deadline and a sphere. */
export function checkSmartGoal(text: string, options: SmartOptions = {}): SmartCheck {
	// Deadlines go first and are cut out, so the digits of «до 25 мая» do not count as a
	// measure and «учебного года» does not make a goal academic.
	const deadline = findDeadline(text);
	const found = {
		measure: findMeasure(deadline.rest),
		deadline: options.deadline ? options.deadline : deadline.words,
		sphere: options.sphere ?? findSphere(deadline.rest)
	};
	const missing: SmartPart[] = [];
	if (!found.measure) missing.push('measure');
	if (!found.deadline) missing.push('deadline');
	if (!found.sphere) missing.push('sphere');
	return {
		ok: missing.length === 0,
		missing,
		messages: missing.map((part) => messages[part]),
		found
	};
}
