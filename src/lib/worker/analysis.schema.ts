import { z } from 'zod';
import type { ProcedureAnalysis } from '$lib/analytics/analyze';
import { typedArraySchema } from '$lib/storage/results.schema';

/**
 * The shape of `ProcedureAnalysis` as the page checks it on arrival from the worker. It
 * covers what the screens read and lets further fields through, so the analytics can grow
 * without breaking the page. The per-group tables are checked for the length their group
 * count implies, because a screen indexes them as `g * positionCount + p`.
 */

const f64 = typedArraySchema<Float64Array>(Float64Array);
const i32 = typedArraySchema<Int32Array>(Int32Array);
const i8 = typedArraySchema<Int8Array>(Int8Array);
const u8 = typedArraySchema<Uint8Array>(Uint8Array);

const csrSchema = z.looseObject({ offsets: i32, rows: i32 });

export const groupTableSchema = z
	.looseObject({
		kind: z.enum(['file', 'school', 'class', 'custom']),
		keys: z.array(z.string()),
		labels: z.array(z.string()),
		schools: z.array(z.string().nullable()),
		positionCount: z.number().int().nonnegative(),
		skillCount: z.number().int().nonnegative(),
		listed: i32,
		present: i32,
		solveRate: f64,
		positionRates: f64,
		skillRates: f64,
		skillThresholds: f64,
		versusReference: z.looseObject({ solveRate: f64, positions: f64, skills: f64 }),
		mastery: z.looseObject({ positions: i8, skills: i8, reliable: u8 }),
		marks: z.looseObject({ marks: i8, counts: i32, marked: i32 }),
		cutoffs: z.looseObject({ marks: z.custom<ArrayLike<number>>(isNumberList) }),
		risk: z.looseObject({
			marked: i32,
			positive: i32,
			predictedPositive: i32,
			atRisk: i32,
			offsets: i32,
			rows: i32
		}),
		objectivity: z.looseObject({
			compared: i32,
			lowered: i32,
			confirmed: i32,
			raised: i32,
			differByTwo: csrSchema,
			histogram: i32,
			histogramLength: z.number().int().nonnegative(),
			spearman: f64
		}),
		items: z.looseObject({
			students: i32,
			facility: f64,
			discrimination: f64,
			correctedItemTotal: f64,
			alpha: f64,
			distribution: i32,
			distributionLength: z.number().int().nonnegative()
		})
	})
	.superRefine((table, context) => {
		const G = table.keys.length;
		const expect = (path: string, actual: number, expected: number) => {
			if (actual !== expected) {
				context.addIssue({
					code: 'custom',
					path: [path],
					message: `expected ${expected}, got ${actual}`
				});
			}
		};
		expect('labels', table.labels.length, G);
		expect('present', table.present.length, G);
		expect('solveRate', table.solveRate.length, G);
		expect('positionRates', table.positionRates.length, G * table.positionCount);
		expect('skillRates', table.skillRates.length, G * table.skillCount);
		expect('mastery.positions', table.mastery.positions.length, G * table.positionCount);
		expect(
			'objectivity.histogram',
			table.objectivity.histogram.length,
			G * table.objectivity.histogramLength
		);
	});

function isNumberList(value: unknown): boolean {
	return Array.isArray(value) || ArrayBuffer.isView(value);
}

const deficitSchema = z.looseObject({
	skill: z.string(),
	kind: z.enum(['mass', 'point']),
	failed: z.number(),
	measured: z.number(),
	share: z.number(),
	persistence: z.enum(['persistent', 'new', 'unchecked']).optional()
});

const correctionGroupSchema = z.looseObject({
	members: i32,
	skills: z.array(z.string()),
	skillCounts: z.array(z.number()),
	shared: z.array(z.string()),
	belowMin: z.boolean()
});

const teacherSchema = z.object({ id: z.string(), name: z.string() });

export const analysisSchema = z
	.looseObject({
		procedure: z.looseObject({
			kind: z.string(),
			subject: z.string(),
			grade: z.number(),
			year: z.number()
		}),
		settings: z.looseObject({
			masteryThresholds: z.record(z.string(), z.number()),
			minGroupSize: z.number(),
			minAlphaSize: z.number()
		}),
		positions: z.array(
			z.looseObject({
				label: z.string(),
				position: z.number(),
				maxPoints: z.number(),
				level: z.string(),
				threshold: z.number(),
				skills: z.array(z.string())
			})
		),
		skillCodes: z.array(z.string()),
		maxTotal: z.number(),
		students: z.looseObject({ marks: i8, risk: u8 }),
		file: groupTableSchema,
		reference: groupTableSchema.nullable(),
		schools: groupTableSchema,
		classes: groupTableSchema,
		classDetails: z.array(
			z.looseObject({
				key: z.string(),
				teacher: teacherSchema.nullable(),
				typicalErrors: z.looseObject({ columns: z.array(z.number()), skills: z.array(z.string()) }),
				deficits: z.array(deficitSchema),
				correctionGroups: z.array(correctionGroupSchema)
			})
		),
		teachers: z.array(z.looseObject({ teacher: teacherSchema }))
	})
	.superRefine((analysis, context) => {
		if (analysis.classDetails.length !== analysis.classes.keys.length) {
			context.addIssue({
				code: 'custom',
				path: ['classDetails'],
				message: `expected one entry per class (${analysis.classes.keys.length})`
			});
		}
	}) as unknown as z.ZodType<ProcedureAnalysis>;
