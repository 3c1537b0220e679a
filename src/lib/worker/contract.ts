import { z } from 'zod';
import {
	markScaleSchema,
	procedureKinds,
	specificationSchema,
	type ProcedureKind
} from '$lib/assessment/specification.schema';
import { isReasonCode, type ReasonCode } from '$lib/shared/errors';
import {
	importProblemSchema,
	resultMatrixSchema,
	typedArraySchema
} from '$lib/storage/results.schema';
import { analysisSchema } from './analysis.schema';

/**
 * The message contract between the page and the analytics worker. Both sides parse every
 * message with these schemas. Typed arrays travel in the transfer list (`transferablesOf`),
 * so a regional matrix of 26,000 rows moves between threads without being copied.
 *
 * A request carries an id chosen by the page. The worker replies with any number of
 * `progress` messages and then exactly one of `imported`, `specification`, `analysed`,
 * `failed` or `cancelled`. A `cancel` request names the id to stop.
 */

export const requestIdSchema = z.number().int().nonnegative();

const fileSchema = z.object({
	name: z.string().min(1),
	bytes: typedArraySchema<Uint8Array>(Uint8Array)
});

const procedureIdentitySchema = z.object({
	kind: z.enum(Object.keys(procedureKinds) as [ProcedureKind, ...ProcedureKind[]]),
	subject: z.string().min(1),
	grade: z.number().int().min(1).max(11),
	year: z.number().int().min(2000).max(2100),
	date: z.string().optional(),
	/** The scale to use; without one, the built-in scale for this procedure if there is one. */
	markScale: markScaleSchema.optional()
});

const shareSchema = z.number().min(0).max(1);
const countSchema = z.number().int().nonnegative();

/** The analysis options a page may set; every field is optional, as in `resolveOptions`. */
export const analysisOptionsSchema = z.object({
	masteryThresholds: z
		.object({ Б: shareSchema, П: shareSchema, В: shareSchema })
		.partial()
		.optional(),
	notTaught: z.enum(['zero', 'exclude']).optional(),
	minGroupSize: countSchema.optional(),
	minAlphaSize: countSchema.optional(),
	massShare: shareSchema.optional(),
	riskMargin: countSchema.optional(),
	correctionGroupSize: z.object({ min: countSchema, max: countSchema }).optional(),
	totals: z.enum(['official', 'cells']).optional(),
	teachers: z.record(z.string(), z.object({ id: z.string(), name: z.string() })).optional(),
	history: z
		.array(
			z.object({
				teacherId: z.string(),
				date: z.string(),
				procedureId: z.string(),
				classKey: z.string(),
				massSkills: z.array(z.string())
			})
		)
		.optional(),
	date: z.string().optional(),
	procedureId: z.string().optional(),
	reference: z
		.object({ label: z.string(), members: typedArraySchema<Uint32Array>(Uint32Array) })
		.optional()
});
export type AnalysisRequestOptions = z.infer<typeof analysisOptionsSchema>;

export const workerRequestSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('import-results'),
		id: requestIdSchema,
		file: fileSchema,
		spec: specificationSchema,
		/** School id for a protocol without a school column. */
		school: z.string().optional()
	}),
	z.object({
		type: z.literal('import-specification'),
		id: requestIdSchema,
		tasks: fileSchema,
		kes: fileSchema.optional(),
		kt: fileSchema.optional(),
		procedure: procedureIdentitySchema
	}),
	z.object({
		type: z.literal('analyse'),
		id: requestIdSchema,
		matrix: resultMatrixSchema,
		spec: specificationSchema,
		options: analysisOptionsSchema
	}),
	z.object({ type: z.literal('cancel'), id: requestIdSchema })
]);
export type WorkerRequest = z.infer<typeof workerRequestSchema>;

/** A typed class label as proposed by the import, for a person to confirm. */
export const classProposalSchema = z.object({
	raw: z.string(),
	normalised: z.string(),
	count: countSchema,
	status: z.enum(['ok', 'proposed', 'flagged']),
	note: z.string()
});
export type ClassProposal = z.infer<typeof classProposalSchema>;

export const resultsImportSchema = z.object({
	fileName: z.string(),
	layout: z.string(),
	headerRow: countSchema,
	matrix: resultMatrixSchema,
	/** 1-based sheet row of each student, in matrix order. */
	sheetRows: typedArraySchema<Uint32Array>(Uint32Array),
	rawClasses: z.object({
		labels: z.array(z.string()),
		index: typedArraySchema<Uint16Array>(Uint16Array)
	}),
	classMapping: z.array(classProposalSchema),
	problems: z.array(importProblemSchema),
	problemCounts: z.record(z.string(), countSchema),
	problemsTruncated: z.boolean()
});
export type ResultsImportMessage = z.infer<typeof resultsImportSchema>;

export const progressStages = ['read', 'import', 'analyse'] as const;

export const workerResponseSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('progress'),
		id: requestIdSchema,
		stage: z.enum(progressStages),
		fraction: shareSchema
	}),
	z.object({ type: z.literal('imported'), id: requestIdSchema, result: resultsImportSchema }),
	z.object({
		type: z.literal('specification'),
		id: requestIdSchema,
		spec: specificationSchema,
		problems: z.array(importProblemSchema)
	}),
	z.object({ type: z.literal('analysed'), id: requestIdSchema, analysis: analysisSchema }),
	z.object({
		type: z.literal('failed'),
		id: requestIdSchema,
		reason: z.string().refine(isReasonCode) as z.ZodType<ReasonCode>,
		detail: z.string()
	}),
	z.object({ type: z.literal('cancelled'), id: requestIdSchema })
]);
export type WorkerResponse = z.infer<typeof workerResponseSchema>;
export type ProgressStage = (typeof progressStages)[number];

/**
 * Collects the distinct buffers behind every typed array in a message, for the transfer
 * list. Views that share one buffer (the analysis slices its tables) list it once, and
 * structured clone keeps them sharing it on the other side.
 */
export function transferablesOf(message: unknown): ArrayBuffer[] {
	const buffers = new Set<ArrayBuffer>();
	const seen = new Set<object>();
	const visit = (value: unknown): void => {
		if (value === null || typeof value !== 'object' || seen.has(value)) return;
		seen.add(value);
		if (ArrayBuffer.isView(value)) {
			if (value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
			return;
		}
		for (const item of Array.isArray(value) ? value : Object.values(value)) visit(item);
	};
	visit(message);
	return [...buffers];
}
