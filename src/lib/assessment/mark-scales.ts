import type { MarkScale, ProcedureKind, Task } from './specification.schema';
import { normaliseTaskLabel } from './typed-text';

/**
 * Official scales that convert primary points into marks, kept as data with their source.
 * A school can replace any of them, because regions and years publish their own scales.
 */

/**
 * ВПР, mathematics, grade 5, 2021: «2» 0–6, «3» 7–10, «4» 11–14, «5» 15–20 of 20 points.
 * Source: ФИОКО, «Описание контрольных измерительных материалов для проведения в 2021 году
 * проверочной работы по математике, 5 класс», table 5.
 */
export const vprMath5Of2021MarkScale: MarkScale = {
	thresholds: [
		{ mark: 2, minTotal: 0 },
		{ mark: 3, minTotal: 7 },
		{ mark: 4, minTotal: 11 },
		{ mark: 5, minTotal: 15 }
	],
	conditions: []
};

/**
 * Geometry tasks of the ОГЭ mathematics paper by their numbers in the КИМ, as the
 * recommendations below list them.
 */
export const ogeMathGeometryTaskLabels = ['15', '16', '17', '18', '19', '23', '24', '25'] as const;

/**
 * ОГЭ mathematics, 31 primary points: «3» from 8, «4» from 15, «5» from 22, and every mark
 * above «2» needs at least 2 of those points from the geometry tasks. Source: the
 * recommendations on the minimum primary points for ОГЭ 2024, sent with the Рособрнадзор
 * letter of 21.02.2024 № 04-48 (section 2, mathematics, table 3). The 2023 scale is
 * commonly cited with the same figures.
 * NOTE: the text of the letter checked here confirms the 31 points, the minimum of 8 and the
 * geometry condition; the cut-offs 15 and 22 are the commonly published ones and were not
 * read from table 3 itself.
 *
 * `geometryPositions` are the positions of the geometry tasks in the specification in use,
 * because each specification numbers its scored items in its own way. When the task labels
 * are the КИМ numbers, find the positions from `ogeMathGeometryTaskLabels`.
 */
export function ogeMathMarkScale(geometryPositions: readonly number[]): MarkScale {
	if (geometryPositions.length === 0) {
		throw new RangeError('The ОГЭ mathematics scale needs the positions of the geometry tasks.');
	}
	return {
		thresholds: [
			{ mark: 2, minTotal: 0 },
			{ mark: 3, minTotal: 8 },
			{ mark: 4, minTotal: 15 },
			{ mark: 5, minTotal: 22 }
		],
		conditions: [
			{
				fromMark: 3,
				positions: [...geometryPositions],
				minPoints: 2,
				description: 'Не менее 2 баллов за задания по геометрии'
			}
		]
	};
}

export interface ProcedureIdentity {
	kind: ProcedureKind;
	subject: string;
	grade: number;
	year: number;
}

/**
 * Returns the built-in scale for a procedure, or undefined when none is known. The ОГЭ
 * scale needs the tasks, because its geometry condition names task positions.
 */
export function defaultMarkScaleFor(
	procedure: ProcedureIdentity,
	tasks: readonly Pick<Task, 'label' | 'position'>[] = []
): MarkScale | undefined {
	const isMath = /^математика$/i.test(procedure.subject.trim());
	if (!isMath) return undefined;

	if (procedure.kind === 'vpr' && procedure.grade === 5 && procedure.year === 2021) {
		return vprMath5Of2021MarkScale;
	}
	if (procedure.kind === 'oge' && (procedure.year === 2023 || procedure.year === 2024)) {
		const geometry = new Set<string>(ogeMathGeometryTaskLabels);
		const positions = tasks
			.filter((task) => geometry.has(normaliseTaskLabel(task.label)))
			.map((task) => task.position);
		return positions.length > 0 ? ogeMathMarkScale(positions) : undefined;
	}
	return undefined;
}
