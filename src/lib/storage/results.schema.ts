import { z } from 'zod';
import { CellState, type ResultMatrix } from '$lib/assessment/result-matrix';
import { specificationSchema } from '$lib/assessment/specification.schema';

/**
 * Schemas of what the device stores about imported results. Everything read back from
 * IndexedDB or from a synced document goes through these, so a damaged or older entry is
 * reported instead of breaking a screen.
 */

/**
 * Builds a schema for a typed array of the given class. Only the class is checked; structured clone keeps it
 * across IndexedDB and postMessage. `T` is named by the caller so it keeps ArrayBufferLike.
 */
export function typedArraySchema<T>(ctor: { new (length: number): unknown; name: string }) {
	return z.custom<T>((value) => value instanceof ctor, `expected ${ctor.name}`);
}

/** A ResultMatrix with every per-row and per-cell array of the length its counts require. */
export const resultMatrixSchema = z
	.object({
		studentCount: z.number().int().nonnegative(),
		positionCount: z.number().int().nonnegative(),
		points: typedArraySchema<Uint8Array>(Uint8Array),
		states: typedArraySchema<Uint8Array>(Uint8Array),
		studentCodes: z.array(z.string()),
		classIndex: typedArraySchema<Uint16Array>(Uint16Array),
		classes: z.array(z.string()),
		schoolIndex: typedArraySchema<Uint16Array>(Uint16Array),
		schools: z.array(z.string()),
		present: typedArraySchema<Uint8Array>(Uint8Array),
		journalMark: typedArraySchema<Int8Array>(Int8Array),
		officialTotal: typedArraySchema<Int16Array>(Int16Array),
		variant: typedArraySchema<Uint16Array>(Uint16Array),
		sex: typedArraySchema<Uint8Array>(Uint8Array)
	})
	.superRefine((matrix, context) => {
		const cells = matrix.studentCount * matrix.positionCount;
		for (const key of ['points', 'states'] as const) {
			if (matrix[key].length !== cells) {
				context.addIssue({
					code: 'custom',
					path: [key],
					message: `expected ${cells} cells, got ${matrix[key].length}`
				});
			}
		}
		const perRow = [
			'studentCodes',
			'classIndex',
			'schoolIndex',
			'present',
			'journalMark',
			'officialTotal',
			'variant',
			'sex'
		] as const;
		for (const key of perRow) {
			if (matrix[key].length !== matrix.studentCount) {
				context.addIssue({
					code: 'custom',
					path: [key],
					message: `expected ${matrix.studentCount} rows, got ${matrix[key].length}`
				});
			}
		}
	}) as z.ZodType<ResultMatrix>;

export const problemColumnSchema = z.object({
	index: z.number().int().nonnegative(),
	letter: z.string(),
	header: z.string()
});

/** One import problem: the sheet row (1-based), its column, a reason code and a message. */
export const importProblemSchema = z.object({
	row: z.number().int().nonnegative(),
	column: problemColumnSchema.nullable(),
	code: z.string().min(1),
	message: z.string(),
	value: z.union([z.string(), z.number(), z.null()])
});
export type StoredImportProblem = z.infer<typeof importProblemSchema>;

/** A typed class label and the class a person confirmed for it. */
export const classMappingEntrySchema = z.object({
	raw: z.string(),
	label: z.string(),
	count: z.number().int().nonnegative()
});

/** The import report, kept beside the matrix so that it can be shown again later. */
export const importReportSchema = z.object({
	fileName: z.string(),
	/** Layout of the results table as the importer detected it. */
	layout: z.string(),
	rows: z.number().int().nonnegative(),
	problems: z.array(importProblemSchema),
	/** Exact count per problem code, also past the listed problems. */
	problemCounts: z.record(z.string(), z.number().int().nonnegative()),
	truncated: z.boolean(),
	classMapping: z.array(classMappingEntrySchema)
});
export type ImportReport = z.infer<typeof importReportSchema>;

/**
 * Storage scope of a procedure's results. `device`: a file opened only for analysis (a regional
 * export), kept in this device's database and never written to a synced document.
 * `school`: the school's own procedure, also written to the procedure's documents.
 */
export const resultsScopeSchema = z.enum(['device', 'school']);
export type ResultsScope = z.infer<typeof resultsScopeSchema>;

/** Procedure ids become segments of document ids, so they share that alphabet. */
export const procedureIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const storedResultsSchema = z.object({
	procedureId: procedureIdSchema,
	school: z.string(),
	title: z.string().min(1),
	scope: resultsScopeSchema,
	/** ms since the epoch. */
	importedAt: z.number(),
	spec: specificationSchema,
	matrix: resultMatrixSchema,
	report: importReportSchema
});
export type StoredResults = z.infer<typeof storedResultsSchema>;

/** A later correction of one cell, kept apart from the immutable imported matrix. */
export const cellCorrectionSchema = z.object({
	state: z.union([
		z.literal(CellState.points),
		z.literal(CellState.notAttempted),
		z.literal(CellState.notTaught),
		z.literal(CellState.absent),
		z.literal(CellState.blank)
	]),
	points: z.number().int().min(0).max(255),
	/** Person id of who made the correction. */
	by: z.string(),
	/** ms since the epoch. */
	at: z.number()
});
export type CellCorrection = z.infer<typeof cellCorrectionSchema>;
