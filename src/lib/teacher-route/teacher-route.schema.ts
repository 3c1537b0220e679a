import { z } from 'zod';
import { roadmapSchema } from './roadmap.schema';
import {
	freeTextSchema,
	isoDateSchema,
	isoDateTimeSchema,
	lineSchema,
	personIdSchema,
	rowIdSchema,
	shareSchema
} from './route-values.schema';

/**
 * «Индивидуальный образовательный маршрут педагогического работника» as a plain object: the
 * model form of ТОИПКРО (Tomsk regional institute of teachers' further training), approved by
 * its order of 26.05.2021 № 34-ос. Block 1 is `personal`, `goal` and `deficits`, block 2 is
 * `diagnostics`, block 3 is `roadmap`, and `closing` with `signatures` ends the form.
 */

/** Version of the document layout that this code reads and writes. */
export const routeFormatVersion = 1;

/**
 * Levels of professional education set by Federal Law 273-ФЗ «Об образовании в Российской
 * Федерации», art. 10 part 5, plus `other` for diplomas outside that list.
 */
export const educationLevelSchema = z.enum(
	['secondary-vocational', 'bachelor', 'specialist-master', 'highest-qualification', 'other'],
	{ error: 'Уровень образования не распознан' }
);
export type EducationLevel = z.infer<typeof educationLevelSchema>;

/**
 * Outcome of attestation under the order of the Ministry of Education of 24.03.2023 № 196:
 * compliance with the position (`position-fit`, not a category), the first and the highest
 * category, and the categories «педагог-методист» and «педагог-наставник».
 */
export const qualificationCategorySchema = z.enum(
	['none', 'position-fit', 'first', 'highest', 'methodist', 'mentor'],
	{ error: 'Квалификационная категория не распознана' }
);
export type QualificationCategory = z.infer<typeof qualificationCategorySchema>;

const phoneSchema = z
	.string()
	.refine(
		(value) => value === '' || isPhone(value),
		'Телефон: от 10 до 15 цифр, допустимы пробелы, +, скобки и дефис, например +7 913 123-45-67'
	)
	.default('');

function isPhone(value: string): boolean {
	if (!/^\+?[\d\s()-]+$/.test(value)) return false;
	const digits = value.replace(/\D/g, '').length;
	return digits >= 10 && digits <= 15;
}

const emailSchema = z
	.union([z.literal(''), z.email('Адрес электронной почты вида name@example.ru')])
	.default('');

/** Block 1, personal data, in the order of the form. */
export const personalSchema = z.object({
	fullName: lineSchema,
	birthDate: isoDateSchema.optional(),
	educationLevel: educationLevelSchema.optional(),
	educationInstitution: freeTextSchema,
	/** «Направление подготовки / специальность». */
	educationSpeciality: freeTextSchema,
	educationQualification: freeTextSchema,
	graduationDate: isoDateSchema.optional(),
	/** Teaching experience, full years. */
	experienceYears: z
		.number('Педагогический стаж — число полных лет')
		.int('Педагогический стаж — целое число лет')
		.min(0, 'Педагогический стаж не меньше 0')
		.max(70, 'Педагогический стаж не больше 70 лет')
		.optional(),
	/** Place of work, the full name of the school. */
	school: lineSchema,
	position: lineSchema,
	subjectArea: lineSchema,
	category: qualificationCategorySchema.optional(),
	/** Date and number of the regional order that set the category. */
	categoryOrderDate: isoDateSchema.optional(),
	categoryOrderNumber: lineSchema,
	phone: phoneSchema,
	email: emailSchema
});
export type Personal = z.infer<typeof personalSchema>;

export const deficitGroups = ['generalCultural', 'generalProfessional', 'professional'] as const;
export type DeficitGroup = (typeof deficitGroups)[number];

export const persistenceSchema = z.enum(['persistent', 'new']);
export type Persistence = z.infer<typeof persistenceSchema>;

/**
 * The analysis behind a deficit proposed from students' results, frozen when the proposal
 * was accepted: which procedures, which of the teacher's classes, how they did on the skill.
 */
export const deficitEvidenceSchema = z.object({
	subject: z.string().min(1),
	skillCode: z.string().min(1),
	skillTexts: z.array(z.string()).min(1),
	persistence: persistenceSchema,
	procedures: z
		.array(
			z.object({
				procedureId: z.string().min(1),
				procedureTitle: z.string(),
				date: isoDateSchema,
				classes: z
					.array(
						z.object({
							className: z.string().min(1),
							solveRate: shareSchema,
							threshold: shareSchema,
							failedShare: shareSchema,
							persistence: persistenceSchema
						})
					)
					.min(1)
			})
		)
		.min(1)
});
export type DeficitEvidence = z.infer<typeof deficitEvidenceSchema>;

/**
 * An identified deficit. A `manual` one is typed by a person. An `analysis` one comes from an
 * accepted proposal and keeps `proposalKey` and `evidence`; its text stays editable.
 */
export const deficitSchema = z.object({
	id: rowIdSchema,
	text: freeTextSchema,
	source: z.enum(['manual', 'analysis'], { error: 'Источник дефицита не распознан' }),
	proposalKey: z.string().min(1).optional(),
	evidence: deficitEvidenceSchema.optional(),
	addedAt: isoDateTimeSchema.optional(),
	addedBy: personIdSchema.optional()
});
export type Deficit = z.infer<typeof deficitSchema>;

/** Block 2: one competence and the diagnostics' result for it, as the instrument reports it. */
export const competenceResultSchema = z.object({
	id: rowIdSchema,
	competence: freeTextSchema,
	result: freeTextSchema
});
export type CompetenceResult = z.infer<typeof competenceResultSchema>;

/** Block 2's own fields. The date is also shown in block 1 as the date of the diagnostics. */
export const diagnosticsFieldsSchema = z.object({
	date: isoDateSchema.optional(),
	/** Name of the diagnostic instrument or the organisation that ran it. */
	instrument: freeTextSchema
});

export const diagnosticsSchema = diagnosticsFieldsSchema.extend({
	results: z.array(competenceResultSchema)
});

/** The closing lines of the form. The teacher's name for the sign-off is `personal.fullName`. */
export const closingSchema = z.object({
	nextDiagnosticsDate: isoDateSchema.optional(),
	drawnUpDate: isoDateSchema.optional(),
	deputyName: lineSchema,
	deputyPosition: lineSchema,
	/** E-mail and phone of the deputy director. */
	deputyContacts: lineSchema
});

/**
 * A recorded sign-off: who signed, when, and the fingerprint of the route's plan at that
 * moment. A later change of the plan leaves the record in place and makes it outdated.
 */
export const signOffSchema = z.object({
	personId: personIdSchema,
	fullName: z.string(),
	signedAt: isoDateTimeSchema,
	fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'Отпечаток подписи повреждён')
});
export type SignOff = z.infer<typeof signOffSchema>;

export const signOffRoles = ['deputy', 'teacher'] as const;
export type SignOffRole = (typeof signOffRoles)[number];

/** A proposal from the analysis that a person declined; it is not offered again. */
export const dismissalSchema = z.object({
	at: isoDateTimeSchema,
	by: personIdSchema
});
export type Dismissal = z.infer<typeof dismissalSchema>;

export const routeMetaSchema = z.object({
	version: z.number().int().positive(),
	schoolId: personIdSchema,
	teacherId: personIdSchema,
	createdAt: isoDateTimeSchema.optional()
});
export type RouteMeta = z.infer<typeof routeMetaSchema>;

export const teacherRouteSchema = z.object({
	meta: routeMetaSchema,
	personal: personalSchema,
	goal: freeTextSchema,
	deficits: z.object({
		generalCultural: z.array(deficitSchema),
		generalProfessional: z.array(deficitSchema),
		professional: z.array(deficitSchema)
	}),
	diagnostics: diagnosticsSchema,
	roadmap: roadmapSchema,
	closing: closingSchema,
	signatures: z.object({ deputy: signOffSchema.optional(), teacher: signOffSchema.optional() }),
	dismissedProposals: z.record(z.string(), dismissalSchema)
});
export type TeacherRoute = z.infer<typeof teacherRouteSchema>;
