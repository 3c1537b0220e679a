import { z } from 'zod';
import { defineValidatedSection, type SectionValue } from '$lib/coedit';
import { choiceField, intField } from './fields.schema';
import { planGroupLabels, standardEditionLabels, studyFormLabels } from './trajectory.labels';

// Re-exported for the screens that import them from here; the words live in trajectory.labels.ts.
export { planGroupLabels, standardEditionLabels, studyFormLabels };

/**
 * The individual curriculum plan («Индивидуальный учебный план», ИУП): the student's subjects
 * with hours a week and a year, in three groups, plus additional education. It is a section
 * of the trajectory document. Subtotals and totals are computed (curriculum-plan.ts) and the
 * norms are checked in curriculum-rules.ts.
 */

export const planGroups = ['basic', 'profile', 'school'] as const;
export type PlanGroup = (typeof planGroups)[number];

export const studyForms = ['full-time', 'extramural'] as const;
export type StudyForm = (typeof studyForms)[number];

/** Editions of the federal standards whose totals of hours the plan is checked against. */
export const standardEditions = [
	'fgos-ooo-2010',
	'fgos-ooo-2021',
	'fgos-soo-2012',
	'fgos-soo-2022'
] as const;
export type StandardEdition = (typeof standardEditions)[number];

const hoursMessage = 'Часы — неотрицательное число, например 3 или 0,5.';

/** Academic hours, halves allowed (0.5 a week is 17 a year); null when not filled in. */
export function hoursField(max: number) {
	return z
		.number({ error: hoursMessage })
		.min(0, hoursMessage)
		.max(max, `Не больше ${max} ч.`)
		.nullable()
		.default(null);
}

const deadlineMessage = 'Срок сдачи: дата ГГГГ-ММ-ДД или день и месяц ММ-ДД, например 10-10.';

/** Deadline of an externally studied subject: a date, or a day and month in the plan's year. */
export const planDeadlineField = z
	.string({ error: deadlineMessage })
	.regex(/^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, deadlineMessage)
	.nullable()
	.default(null);

const subject = z
	.string({ error: 'Ожидается текст.' })
	.max(200, 'Не длиннее 200 знаков.')
	.default('');

const subjectRow = {
	kind: 'rows',
	textColumns: [],
	shape: {
		subject,
		hoursWeek: hoursField(40),
		hoursYear: hoursField(1400),
		form: choiceField(studyForms, studyFormLabels),
		deadline: planDeadlineField
	}
} as const;

export const curriculumPlanSection = defineValidatedSection('curriculumPlan', {
	info: {
		kind: 'fields',
		shape: {
			/** The student's full name as printed on the plan. */
			title: subject,
			/** Profile of study, e.g. «социально-гуманитарный». */
			profile: subject,
			grade: intField(1, 11, 'Класс'),
			weekDays: z
				.union([z.literal(5), z.literal(6)], { error: 'Учебная неделя — 5 или 6 дней.' })
				.nullable()
				.default(null),
			standard: choiceField(standardEditions, standardEditionLabels),
			/** Hours a year planned or done in the other grades of the level, by grade. */
			otherYears: z
				.record(
					z.string().regex(/^([1-9]|1[01])$/, 'Класс — число от 1 до 11.'),
					z.number({ error: hoursMessage }).min(0, hoursMessage)
				)
				.default({})
		}
	},
	basic: subjectRow,
	profile: subjectRow,
	school: subjectRow,
	additional: {
		kind: 'rows',
		textColumns: [],
		shape: {
			course: subject,
			hoursWeek: hoursField(40),
			hoursYear: hoursField(1400),
			supervisor: subject
		}
	}
});

export type CurriculumPlan = SectionValue<typeof curriculumPlanSection.schemas>;
export type PlanRow = CurriculumPlan['basic'][number];
export type AdditionalRow = CurriculumPlan['additional'][number];
