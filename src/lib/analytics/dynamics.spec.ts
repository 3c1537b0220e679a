import { describe, expect, it } from 'vitest';
import { analyzeProcedure } from './analyze';
import { buildDynamics, changeOf, seriesOf, snapshotOf, type SkillSnapshot } from './dynamics';
import { buildMatrix, buildSpec } from './test-factories';

function snapshot(
	id: string,
	date: string,
	skillCodes: string[],
	rates: number[][]
): SkillSnapshot {
	return {
		procedure: { id, kind: id === 'vpr' ? 'vpr' : 'akr', date, label: id },
		skillCodes,
		studentKeys: ['s1/50001', 's1/50002'],
		studentRates: rates.flat(),
		classKeys: ['s1/5А'],
		classRates: rates[0].map((_, k) => (rates[0][k] + rates[1][k]) / 2)
	};
}

describe('skill dynamics', () => {
	const snapshots = [
		snapshot(
			'vpr',
			'2021-04-15',
			['КТ 1', 'КТ 2'],
			[
				[0.5, 1],
				[0.25, 0.75]
			]
		),
		snapshot(
			'entry',
			'2020-09-10',
			['КТ 2', 'КТ 1'],
			[
				[0.5, 0],
				[0, 0.5]
			]
		),
		snapshot('akr', '2020-12-20', ['КТ 3'], [[1], [0]])
	];
	const dynamics = buildDynamics(snapshots);

	it('orders procedures by date', () => {
		expect(dynamics.procedures.map((p) => p.id)).toEqual(['entry', 'akr', 'vpr']);
	});

	it('joins procedures by skill code', () => {
		const series = seriesOf(dynamics, 'student', 's1/50001', 'КТ 1');
		expect(series.map((point) => [point.procedure.id, point.rate])).toEqual([
			['entry', 0],
			['vpr', 0.5]
		]);
	});

	it('builds class series', () => {
		const series = seriesOf(dynamics, 'class', 's1/5А', 'КТ 2');
		expect(series.map((point) => point.rate)).toEqual([0.25, 0.875]);
		expect(changeOf(series)).toBe(0.625);
	});

	it('returns no points for an unknown key', () => {
		expect(seriesOf(dynamics, 'student', 's9/1', 'КТ 1')).toEqual([]);
		expect(changeOf([])).toBeNaN();
	});
});

describe('skill dynamics from analyses', () => {
	it('follows a student across procedures with different tasks', () => {
		const entry = buildMatrix([
			{ code: '7', cells: [0, 1] },
			{ code: '8', cells: [1, 1] }
		]);
		const entrySpec = buildSpec([{ skills: ['КТ 1'] }, { skills: ['КТ 2'] }]);
		const vpr = buildMatrix([
			{ code: '8', cells: [2] },
			{ code: '7', cells: [1] }
		]);
		const vprSpec = buildSpec([{ maxPoints: 2, skills: ['КТ 1'] }]);
		const dynamics = buildDynamics([
			snapshotOf(vpr, analyzeProcedure(vpr, vprSpec), {
				id: 'vpr',
				kind: 'vpr',
				date: '2021-04-15',
				label: 'ВПР'
			}),
			snapshotOf(entry, analyzeProcedure(entry, entrySpec), {
				id: 'entry',
				kind: 'entry',
				date: '2020-09-10',
				label: 'Входной контроль'
			})
		]);
		const series = seriesOf(dynamics, 'student', 'school/7', 'КТ 1');
		expect(series.map((point) => point.rate)).toEqual([0, 0.5]);
		expect(seriesOf(dynamics, 'class', 'school/5А', 'КТ 1').map((p) => p.rate)).toEqual([
			0.5, 0.75
		]);
	});
});
