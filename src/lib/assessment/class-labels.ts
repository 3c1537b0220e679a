import { AppError } from '$lib/shared/errors';
import type { ResultMatrix } from './result-matrix';
import { collapseSpaces, foldLatinLookalikes } from './typed-text';

/**
 * Class labels as schools type them (`5а`, `5 a`, `а`, `а(1)`, `НЕТ`, `1`) and their
 * normalised form, grade and capital Cyrillic letter: `5А`. The import proposes a mapping
 * from each distinct label in the file. A person confirms or edits it, and then
 * `applyClassMapping` puts the confirmed labels into the matrix.
 */

/**
 * Confidence of a proposal. `ok` follows from the label alone, `proposed` is a guess to
 * confirm, and `flagged` means the label names no class, so a person must choose one.
 */
export type ClassLabelStatus = 'ok' | 'proposed' | 'flagged';

export interface ClassLabelProposal {
	/** The label as typed, with outer spaces trimmed. */
	raw: string;
	normalised: string;
	/** Rows with this label. */
	count: number;
	status: ClassLabelStatus;
	/** Russian explanation for the person confirming, empty when the status is `ok`. */
	note: string;
}

/** The label of each row as typed: `index[row]` points into `labels`. */
export interface RawClassLabels {
	labels: string[];
	index: Uint16Array;
}

const MAX_LABEL_LENGTH = 40;

/** A grade number, then one letter, optionally quoted or after a dash: `5А`, `5-«а»`. */
const singleLetterPattern = /^(\d{1,2})?\s*-?\s*[«"'“]?([А-ЯЁ])[»"'”]?$/;
/** A letter with a group number in brackets, as ФИС ОКО writes groups: `а(1)`. */
const subgroupPattern = /^(\d{1,2})?\s*-?\s*([А-ЯЁ])\s*\(\s*(\d{1,2})\s*\)$/;
const twoLetterPattern = /^(\d{1,2})?\s*-?\s*([А-ЯЁ]{2})$/;

function gradeNote(typedGrade: string | undefined, grade: number): string {
	if (typedGrade === undefined) return '';
	return Number(typedGrade) === grade
		? ''
		: `Номер класса ${typedGrade} не совпадает с параллелью работы (${grade}). `;
}

/** Proposes the normalised form of one class label for a file of the given grade. */
export function normaliseClassLabel(
	raw: string,
	grade: number
): Omit<ClassLabelProposal, 'raw' | 'count'> {
	// Control characters cannot be part of a class label, so they are dropped here.
	// eslint-disable-next-line no-control-regex
	const typed = collapseSpaces(raw.replace(/[\u0000-\u001f]/g, ' '));
	const kept = typed.slice(0, MAX_LABEL_LENGTH);
	if (typed === '') {
		return { normalised: '', status: 'flagged', note: 'Класс не указан. Укажите класс.' };
	}

	const folded = foldLatinLookalikes(typed.toUpperCase());
	const latinNote = folded.replaced ? 'Латинские буквы заменены русскими. ' : '';
	const text = folded.text;

	const single = singleLetterPattern.exec(text);
	if (single) {
		const mismatch = gradeNote(single[1], grade);
		const normalised = `${single[1] ? Number(single[1]) : grade}${single[2]}`;
		const status = mismatch ? 'proposed' : 'ok';
		return { normalised, status, note: (mismatch + latinNote).trim() };
	}

	const subgroup = subgroupPattern.exec(text);
	if (subgroup) {
		const normalised = `${subgroup[1] ? Number(subgroup[1]) : grade}${subgroup[2]}`;
		const note = `${gradeNote(subgroup[1], grade)}${latinNote}Группа (${subgroup[3]}) отнесена к классу ${normalised}. Если это отдельный класс, укажите его название.`;
		return { normalised, status: 'proposed', note };
	}

	const twoLetters = twoLetterPattern.exec(text);
	if (twoLetters && !/^НЕТ/.test(text)) {
		const normalised = `${twoLetters[1] ? Number(twoLetters[1]) : grade}${twoLetters[2]}`;
		const note = `${gradeNote(twoLetters[1], grade)}${latinNote}В названии две буквы. Проверьте, что это название класса.`;
		return { normalised, status: 'proposed', note };
	}

	if (/^\d+$/.test(text)) {
		const note = `Указан только номер «${typed}», без буквы класса. Укажите класс.`;
		return { normalised: kept, status: 'flagged', note };
	}
	if (/^НЕТ/.test(text)) {
		return {
			normalised: kept,
			status: 'flagged',
			note: `Класс не указан («${typed}»). Укажите класс.`
		};
	}
	return {
		normalised: kept,
		status: 'flagged',
		note: `Название «${typed}» не похоже на класс. Укажите класс.`
	};
}

/** Builds the proposed mapping, one entry per distinct label, sorted by normalised label. */
export function proposeClassMapping(
	rawClasses: RawClassLabels,
	grade: number
): ClassLabelProposal[] {
	const counts = new Uint32Array(rawClasses.labels.length);
	for (const i of rawClasses.index) counts[i]++;

	const proposals = rawClasses.labels.map((raw, i) => ({
		raw,
		count: counts[i],
		...normaliseClassLabel(raw, grade)
	}));
	const collator = new Intl.Collator('ru');
	return proposals.sort(
		(a, b) => collator.compare(a.normalised, b.normalised) || collator.compare(a.raw, b.raw)
	);
}

function checkLabel(raw: string, label: string): string {
	const trimmed = collapseSpaces(label);
	// eslint-disable-next-line no-control-regex
	if (trimmed.length > MAX_LABEL_LENGTH || /[\u0000-\u001f]/.test(trimmed)) {
		throw new AppError(
			'validation-failed',
			`Класс для «${raw}» задан неверно: не больше ${MAX_LABEL_LENGTH} символов, без служебных знаков. Исправьте название.`
		);
	}
	return trimmed;
}

/**
 * Returns a matrix whose classes are the confirmed labels: each typed label maps to the
 * label given for it in `confirmed`, and labels missing there keep the class they have in
 * `matrix`. Rows with the same confirmed label share one class. The input is not changed.
 */
export function applyClassMapping(
	matrix: ResultMatrix,
	rawClasses: RawClassLabels,
	confirmed: ReadonlyMap<string, string> | Readonly<Record<string, string>>
): ResultMatrix {
	if (rawClasses.index.length !== matrix.studentCount) {
		throw new AppError(
			'validation-failed',
			`Метки классов даны для ${rawClasses.index.length} строк, а в результатах ${matrix.studentCount}. Импортируйте файл заново.`
		);
	}
	const lookup = confirmed instanceof Map ? confirmed : new Map(Object.entries(confirmed));

	// Each typed label's current class, taken from its first row.
	const current = new Array<string | undefined>(rawClasses.labels.length);
	rawClasses.index.forEach((rawIndex, row) => {
		current[rawIndex] ??= matrix.classes[matrix.classIndex[row]];
	});

	const labelOfRaw = rawClasses.labels.map((raw, i) => {
		const confirmedLabel = lookup.get(raw);
		return confirmedLabel === undefined ? (current[i] ?? '') : checkLabel(raw, confirmedLabel);
	});

	// Classes are numbered in order of first row, so a label no row uses gets no class.
	const classes: string[] = [];
	const classIds = new Map<string, number>();
	const classIndex = Uint16Array.from(rawClasses.index, (rawIndex) => {
		const label = labelOfRaw[rawIndex];
		let id = classIds.get(label);
		if (id === undefined) {
			id = classes.push(label) - 1;
			classIds.set(label, id);
		}
		return id;
	});
	return { ...matrix, classes, classIndex };
}
