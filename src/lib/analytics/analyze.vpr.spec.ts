import { beforeAll, describe, expect, it } from 'vitest';
import type { ResultMatrix } from '$lib/assessment/result-matrix';
import type { Specification } from '$lib/assessment/specification.schema';
import { analyzeProcedure, type ProcedureAnalysis } from './analyze';
import { groupAt, type GroupReport } from './group-view';
import { loadVprData } from '../../../tests/support/vpr-data';

// ВПР 2021, mathematics, grade 5: the regional export of 26,139 rows from ФИС ОКО.
describe('analyzeProcedure on the regional ВПР file', () => {
	let matrix: ResultMatrix;
	let spec: Specification;
	let analysis: ProcedureAnalysis;
	let file: GroupReport;

	beforeAll(() => {
		const data = loadVprData();
		matrix = data.imported.matrix;
		spec = data.spec;
		analysis = analyzeProcedure(matrix, spec);
		file = groupAt(analysis.file, 0);
	});

	const round = (values: ArrayLike<number>, digits: number) =>
		Array.from(values, (v) => Number(v.toFixed(digits)));

	it('counts present students and schools', () => {
		expect(file.listed).toBe(26139);
		expect(file.present).toBe(23706);
		// Three of the 637 schools list only absent students.
		expect(analysis.schools.keys).toHaveLength(637);
		expect(analysis.schools.present.filter((present) => present > 0)).toHaveLength(634);
	});

	it('computes solve rates per position', () => {
		expect(round(file.positionRates, 4)).toEqual([
			0.6061, 0.5185, 0.6583, 0.3929, 0.757, 0.4425, 0.5732, 0.2297, 0.4723, 0.398, 0.8991, 0.7659,
			0.6006, 0.5827, 0.2987, 0.0676
		]);
	});

	it('distributes marks from the official total', () => {
		expect(file.marks.marks).toEqual([2, 3, 4, 5]);
		expect(file.marks.marked).toBe(23705);
		expect(round(file.marks.shares, 3)).toEqual([0.148, 0.411, 0.322, 0.119]);
	});

	it('compares test marks with journal marks', () => {
		const { objectivity } = file;
		expect(objectivity.compared).toBe(23697);
		expect(objectivity.loweredShare).toBeCloseTo(0.354, 3);
		expect(objectivity.confirmedShare).toBeCloseTo(0.576, 3);
		expect(objectivity.raisedShare).toBeCloseTo(0.071, 3);
	});

	it('computes Cronbach alpha', () => {
		expect(file.items.alpha).toBeCloseTo(0.6894, 4);
	});

	it('computes Spearman of journal mark and total', () => {
		expect(file.objectivity.spearman).toBeCloseTo(0.693, 3);
	});

	it('leaves not-taught cells out on request', () => {
		const excluded = analyzeProcedure(matrix, spec, { notTaught: 'exclude' });
		expect(groupAt(excluded.file, 0).positionRates[7]).toBeCloseTo(0.3566, 4);
	});

	it('covers every present student in classes', () => {
		const present = analysis.classes.present.reduce((sum, count) => sum + count, 0);
		expect(present).toBe(23706);
	});
});
