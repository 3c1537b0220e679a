import { z } from 'zod';

/** Kinds of assessment procedure, with the names people use for them. */
export const procedureKinds = {
	vpr: 'ВПР',
	niko: 'НИКО',
	regional: 'Региональный мониторинг',
	oge: 'ОГЭ',
	ege: 'ЕГЭ',
	gve: 'ГВЭ',
	akr: 'АКР',
	entry: 'Входной контроль',
	diagnostic: 'Диагностическая работа'
} as const;

export type ProcedureKind = keyof typeof procedureKinds;

/** Task difficulty level as printed in specifications: basic, higher, high. */
export const taskLevelSchema = z.enum(['Б', 'П', 'В']);
export type TaskLevel = z.infer<typeof taskLevelSchema>;

/** A codifier element: a КЭС (content element) or КТ (requirement) code with its text. */
export const skillSchema = z.object({
	kind: z.enum(['КЭС', 'КТ']),
	code: z.string().min(1),
	text: z.string()
});
export type Skill = z.infer<typeof skillSchema>;

/** One scored position of a procedure, in the order of the export's score columns. */
export const taskSchema = z.object({
	label: z.string().min(1),
	position: z.number().int().positive(),
	maxPoints: z.number().int().positive(),
	level: taskLevelSchema,
	skills: z.array(z.string()),
	description: z.string().default('')
});
export type Task = z.infer<typeof taskSchema>;

/**
 * A mark scale: the lowest total that earns each mark, plus optional conditions, each
 * requiring a minimum of points from a group of positions for marks at or above a given one.
 * OGE mathematics, for example, needs 2 points from the geometry tasks for any mark above 2.
 */
export const markScaleSchema = z.object({
	thresholds: z.array(z.object({ mark: z.number().int(), minTotal: z.number() })).min(1),
	conditions: z
		.array(
			z.object({
				fromMark: z.number().int(),
				positions: z.array(z.number().int().positive()).min(1),
				minPoints: z.number().nonnegative(),
				description: z.string().default('')
			})
		)
		.default([])
});
export type MarkScale = z.infer<typeof markScaleSchema>;

export const specificationSchema = z.object({
	kind: z.enum(Object.keys(procedureKinds) as [ProcedureKind, ...ProcedureKind[]]),
	subject: z.string().min(1),
	grade: z.number().int().min(1).max(11),
	year: z.number().int().min(2000).max(2100),
	date: z.string().optional(),
	tasks: z.array(taskSchema).min(1),
	skills: z.array(skillSchema),
	markScale: markScaleSchema
});
export type Specification = z.infer<typeof specificationSchema>;
