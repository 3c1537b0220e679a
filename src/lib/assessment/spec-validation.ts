import type { z } from 'zod';
import { procedureKinds, specificationSchema, type Specification } from './specification.schema';

/**
 * Validation of a specification edited by hand. The schema is extended with the rules it
 * cannot state alone: unique positions and labels, skill keys that exist, and a mark scale
 * that fits the tasks. Messages are in Russian and name the field as the form shows it.
 */

export interface SpecificationIssue {
	path: PropertyKey[];
	/** The field as a person finds it on the form, e.g. «Задание 11.1 (позиция 11), максимальный балл». */
	field: string;
	message: string;
}

export type SpecificationCheck =
	{ ok: true; specification: Specification } | { ok: false; issues: SpecificationIssue[] };

const topFields: Record<string, string> = {
	kind: 'Вид процедуры',
	subject: 'Предмет',
	grade: 'Класс (параллель)',
	year: 'Год',
	date: 'Дата',
	tasks: 'Задания',
	skills: 'Умения',
	markScale: 'Шкала отметок'
};

const taskFields: Record<string, string> = {
	label: 'номер задания',
	position: 'позиция',
	maxPoints: 'максимальный балл',
	level: 'уровень сложности',
	skills: 'коды умений',
	description: 'описание'
};

const skillFields: Record<string, string> = { kind: 'вид кода', code: 'код', text: 'текст' };

const scaleFields: Record<string, string> = {
	mark: 'отметка',
	minTotal: 'наименьший итог',
	fromMark: 'с какой отметки',
	positions: 'позиции',
	minPoints: 'наименьший балл',
	description: 'описание'
};

function at(value: unknown, key: PropertyKey): unknown {
	return value !== null && typeof value === 'object'
		? (value as Record<PropertyKey, unknown>)[key]
		: undefined;
}

function taskName(candidate: unknown, index: number): string {
	const task = at(at(candidate, 'tasks'), index);
	const label = at(task, 'label');
	const position = at(task, 'position');
	const shown = typeof label === 'string' && label !== '' ? label : `№${index + 1} в списке`;
	return typeof position === 'number'
		? `Задание ${shown} (позиция ${position})`
		: `Задание ${shown}`;
}

/** Names the field at `path` in Russian, using the candidate's own labels where it can. */
export function fieldName(path: readonly PropertyKey[], candidate: unknown): string {
	const [top, index, field, subIndex] = path;

	if (top === 'tasks' && typeof index === 'number') {
		const name = taskName(candidate, index);
		if (field === undefined) return name;
		if (typeof subIndex === 'number') return `${name}, код умения ${subIndex + 1}`;
		return `${name}, ${taskFields[String(field)] ?? String(field)}`;
	}

	if (top === 'skills' && typeof index === 'number') {
		const skill = at(at(candidate, 'skills'), index);
		const kind = String(at(skill, 'kind') ?? '');
		const name = `Умение ${kind} ${String(at(skill, 'code') ?? index + 1)}`.replace(/\s+/g, ' ');
		if (field === undefined) return name;
		return `${name}, ${skillFields[String(field)] ?? String(field)}`;
	}

	if (top === 'markScale' && (index === 'thresholds' || index === 'conditions')) {
		const isThreshold = index === 'thresholds';
		if (typeof field !== 'number') return `Шкала отметок, ${isThreshold ? 'пороги' : 'условия'}`;
		const mark = at(at(at(candidate, 'markScale'), 'thresholds'), field);
		const markValue = at(mark, 'mark');
		const item =
			isThreshold && typeof markValue === 'number'
				? `Шкала отметок, порог отметки ${markValue}`
				: `Шкала отметок, ${isThreshold ? 'порог' : 'условие'} ${field + 1}`;
		if (subIndex === undefined) return item;
		return `${item}, ${scaleFields[String(subIndex)] ?? String(subIndex)}`;
	}

	return topFields[String(top)] ?? path.map(String).join('.');
}

function valueAt(candidate: unknown, path: readonly PropertyKey[]): unknown {
	return path.reduce<unknown>((value, key) => at(value, key), candidate);
}

const expectedTypes: Record<string, string> = {
	int: 'целое число',
	number: 'число',
	string: 'текст',
	array: 'список',
	object: 'заполненный раздел'
};

function issueText(issue: z.core.$ZodIssue, value: unknown): string {
	switch (issue.code) {
		case 'invalid_type':
			if (value === undefined) return 'не заполнено';
			return `ожидается ${expectedTypes[issue.expected] ?? issue.expected}`;
		case 'too_small': {
			const minimum = Number(issue.minimum);
			if (issue.origin === 'string') return 'не может быть пустым';
			if (issue.origin === 'array') return `нужно хотя бы ${minimum}`;
			return issue.inclusive ? `должно быть не меньше ${minimum}` : `должно быть больше ${minimum}`;
		}
		case 'too_big': {
			const maximum = Number(issue.maximum);
			if (issue.origin === 'string') return `не длиннее ${maximum} символов`;
			if (issue.origin === 'array') return `не больше ${maximum} элементов`;
			return issue.inclusive ? `должно быть не больше ${maximum}` : `должно быть меньше ${maximum}`;
		}
		case 'invalid_value': {
			const shown = issue.values.map(
				(option) => procedureKinds[option as keyof typeof procedureKinds] ?? String(option)
			);
			return `допустимые значения: ${shown.join(', ')}`;
		}
		case 'custom':
			return issue.message;
		default:
			return 'недопустимое значение';
	}
}

/** Turns schema issues into Russian sentences: «Поле: что не так (сейчас «…»).» */
export function formatSpecificationIssues(
	issues: readonly z.core.$ZodIssue[],
	candidate: unknown
): string[] {
	return describeIssues(issues, candidate).map((issue) => issue.message);
}

function describeIssues(
	issues: readonly z.core.$ZodIssue[],
	candidate: unknown
): SpecificationIssue[] {
	return issues.map((issue) => {
		const value = valueAt(candidate, issue.path);
		const field = fieldName(issue.path, candidate);
		const shown =
			typeof value === 'string' || typeof value === 'number' ? ` (сейчас «${value}»)` : '';
		return { path: issue.path, field, message: `${field}: ${issueText(issue, value)}${shown}.` };
	});
}

type RefinementContext = z.core.$RefinementCtx<Specification>;

function checkTasks(spec: Specification, ctx: RefinementContext): void {
	const byPosition = new Map<number, string>();
	const byLabel = new Map<string, number>();
	const skillKeys = new Set(spec.skills.map((skill) => `${skill.kind} ${skill.code}`));

	spec.tasks.forEach((task, i) => {
		const other = byPosition.get(task.position);
		if (other !== undefined) {
			ctx.addIssue({
				code: 'custom',
				path: ['tasks', i, 'position'],
				message: `позиция ${task.position} уже занята заданием ${other}`
			});
		}
		byPosition.set(task.position, task.label);
		if (byLabel.has(task.label)) {
			ctx.addIssue({
				code: 'custom',
				path: ['tasks', i, 'label'],
				message: `номер ${task.label} уже есть у другого задания`
			});
		}
		byLabel.set(task.label, i);
		// Keys are checked only when the specification lists its skills at all.
		if (skillKeys.size === 0) return;
		task.skills.forEach((key, j) => {
			if (!skillKeys.has(key)) {
				ctx.addIssue({
					code: 'custom',
					path: ['tasks', i, 'skills', j],
					message: `код «${key}» не найден в списке умений`
				});
			}
		});
	});
}

function checkMarkScale(spec: Specification, ctx: RefinementContext): void {
	const maxTotal = spec.tasks.reduce((sum, task) => sum + task.maxPoints, 0);
	const maxByPosition = new Map(spec.tasks.map((task) => [task.position, task.maxPoints]));
	const thresholds = spec.markScale.thresholds;

	thresholds.forEach((threshold, i) => {
		const path = ['markScale', 'thresholds', i, 'minTotal'];
		if (threshold.minTotal > maxTotal) {
			ctx.addIssue({ code: 'custom', path, message: `больше максимума работы, ${maxTotal}` });
		}
		const lower = thresholds.find(
			(other) => other.mark < threshold.mark && other.minTotal >= threshold.minTotal
		);
		if (lower) {
			ctx.addIssue({
				code: 'custom',
				path,
				message: `должен быть больше порога отметки ${lower.mark}, равного ${lower.minTotal}`
			});
		}
	});

	spec.markScale.conditions.forEach((condition, i) => {
		const missing = condition.positions.filter((position) => !maxByPosition.has(position));
		if (missing.length > 0) {
			ctx.addIssue({
				code: 'custom',
				path: ['markScale', 'conditions', i, 'positions'],
				message: `нет заданий на позициях ${missing.join(', ')}`
			});
			return;
		}
		const reachable = condition.positions.reduce(
			(sum, position) => sum + (maxByPosition.get(position) ?? 0),
			0
		);
		if (condition.minPoints > reachable) {
			ctx.addIssue({
				code: 'custom',
				path: ['markScale', 'conditions', i, 'minPoints'],
				message: `больше, чем можно набрать на этих позициях: ${reachable}`
			});
		}
	});
}

/** The schema with the cross-field rules of an edited specification. */
export const editedSpecificationSchema = specificationSchema.superRefine((spec, ctx) => {
	checkTasks(spec, ctx);
	checkMarkScale(spec, ctx);
});

/** Validates a specification; on failure returns every issue with its field named. */
export function validateSpecification(candidate: unknown): SpecificationCheck {
	const parsed = editedSpecificationSchema.safeParse(candidate);
	if (parsed.success) return { ok: true, specification: parsed.data };
	return { ok: false, issues: describeIssues(parsed.error.issues, candidate) };
}

/**
 * Applies a hand edit to a copy of the specification and validates the result. The input
 * is never changed. On failure the edited copy comes back as `draft`, so that the form
 * can keep what the person typed while showing the issues.
 */
export function editSpecification(
	specification: Specification,
	edit: (draft: Specification) => void
): SpecificationCheck & { draft: Specification } {
	const draft = structuredClone(specification);
	edit(draft);
	return { ...validateSpecification(draft), draft };
}
