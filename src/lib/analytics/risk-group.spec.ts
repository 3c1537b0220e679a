import { describe, expect, it } from 'vitest';
import { analyzeProcedure } from './analyze';
import { groupAt } from './group-view';
import { buildMatrix, buildSpec } from './test-factories';

// One task worth 20 points, so each student's total is the single cell.
const spec = buildSpec([{ maxPoints: 20 }]);
const totals = [3, 6, 7, 8, 9, 10, 12, 16];

function analyse(riskMargin?: number) {
	const matrix = buildMatrix(totals.map((total) => ({ cells: [total] })));
	return analyzeProcedure(matrix, spec, riskMargin === undefined ? {} : { riskMargin });
}

describe('risk group', () => {
	it('flags «2» and totals up to two points above 7', () => {
		const flags = Array.from(analyse().students.risk);
		expect(flags).toEqual([1, 1, 1, 1, 1, 0, 0, 0]);
	});

	it('follows a configured margin', () => {
		const flags = Array.from(analyse(0).students.risk);
		expect(flags).toEqual([1, 1, 1, 0, 0, 0, 0, 0]);
	});

	it('counts predicted positive results per class', () => {
		const risk = groupAt(analyse().classes, 0).risk;
		expect(risk.marked).toBe(8);
		expect(risk.positive).toBe(6);
		expect(risk.atRisk).toBe(5);
		expect(risk.predictedPositive).toBe(3);
		expect(Array.from(risk.students)).toEqual([0, 1, 2, 3, 4]);
	});

	it('skips absent students', () => {
		const matrix = buildMatrix([{ cells: [3] }, { absent: true }], 1);
		expect(Array.from(analyzeProcedure(matrix, spec).students.risk)).toEqual([1, 0]);
	});
});
