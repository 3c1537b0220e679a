import { describe, expect, it } from 'vitest';
import { AppError } from '$lib/shared/errors';
import { applyClassMapping, normaliseClassLabel, proposeClassMapping } from './class-labels';
import { importResults } from './results-import';
import { makeSpecification, regionalSheet } from './test-factories';

describe('normaliseClassLabel', () => {
	const cases: [string, string, string][] = [
		['5а', '5А', 'ok'],
		['5А', '5А', 'ok'],
		['5 a', '5А', 'ok'],
		['а', '5А', 'ok'],
		['o', '5О', 'ok'],
		['5-«б»', '5Б', 'ok'],
		['5Х', '5Х', 'ok'],
		['а(1)', '5А', 'proposed'],
		['5 в (2)', '5В', 'proposed'],
		['6Б', '6Б', 'proposed'],
		['кб', '5КБ', 'proposed'],
		['НЕТ', 'НЕТ', 'flagged'],
		['нет_С', 'нет_С', 'flagged'],
		['1', '1', 'flagged'],
		['5', '5', 'flagged'],
		['филиал', 'филиал', 'flagged'],
		['', '', 'flagged']
	];

	it.each(cases)('reads %j as %j (%s)', (raw, normalised, status) => {
		const proposal = normaliseClassLabel(raw, 5);

		expect(proposal.normalised).toBe(normalised);
		expect(proposal.status).toBe(status);
	});

	it('explains every label that is not ok', () => {
		for (const [raw, , status] of cases) {
			const { note } = normaliseClassLabel(raw, 5);
			if (status === 'ok' && !/[a-z]/.test(raw)) expect(note).toBe('');
			else expect(note).not.toBe('');
		}
	});

	it('keeps a flagged label short and printable', () => {
		const proposal = normaliseClassLabel(`НЕТ\u0001${'x'.repeat(60)}`, 5);

		expect(proposal.status).toBe('flagged');
		expect(proposal.normalised).toBe(`НЕТ ${'x'.repeat(36)}`);
	});

	it('mentions replaced Latin letters', () => {
		expect(normaliseClassLabel('5 a', 5).note).toContain('Латинские');
	});

	it('names the grade of a mismatching label', () => {
		expect(normaliseClassLabel('6Б', 5).note).toContain('(5)');
	});
});

describe('proposeClassMapping', () => {
	it('counts rows per typed label', () => {
		const mapping = proposeClassMapping(
			{ labels: ['б', '5а', 'а'], index: Uint16Array.from([0, 1, 2, 2, 0, 2]) },
			5
		);

		expect(mapping.map((entry) => [entry.raw, entry.normalised, entry.count])).toEqual([
			['5а', '5А', 1],
			['а', '5А', 3],
			['б', '5Б', 2]
		]);
	});
});

describe('applyClassMapping', () => {
	const imported = importResults(
		regionalSheet(
			{ code: '1', className: 'а(1)' },
			{ code: '2', className: 'а(2)' },
			{ code: '3', className: 'б' }
		),
		makeSpecification()
	);

	it('starts from the proposed labels', () => {
		expect(imported.matrix.classes).toEqual(['5А', '5Б']);
		expect(Array.from(imported.matrix.classIndex)).toEqual([0, 0, 1]);
	});

	it('splits, renames and keeps labels', () => {
		const applied = applyClassMapping(imported.matrix, imported.rawClasses, { 'а(2)': '5Д' });

		expect(applied.classes).toEqual(['5А', '5Д', '5Б']);
		expect(Array.from(applied.classIndex)).toEqual([0, 1, 2]);
	});

	it('merges labels confirmed as one class', () => {
		const applied = applyClassMapping(
			imported.matrix,
			imported.rawClasses,
			new Map([['б', ' 5А ']])
		);

		expect(applied.classes).toEqual(['5А']);
		expect(Array.from(applied.classIndex)).toEqual([0, 0, 0]);
	});

	it('leaves the input matrix unchanged', () => {
		applyClassMapping(imported.matrix, imported.rawClasses, { б: '5В' });

		expect(imported.matrix.classes).toEqual(['5А', '5Б']);
		expect(Array.from(imported.matrix.classIndex)).toEqual([0, 0, 1]);
	});

	it('rejects an overlong label', () => {
		const run = () =>
			applyClassMapping(imported.matrix, imported.rawClasses, { б: 'x'.repeat(41) });

		expect(run).toThrow(AppError);
		expect(run).toThrow(/«б»/);
	});

	it('rejects labels for another matrix', () => {
		const run = () =>
			applyClassMapping(imported.matrix, { labels: ['б'], index: new Uint16Array(1) }, {});

		expect(run).toThrow(/Импортируйте файл заново/);
	});
});
