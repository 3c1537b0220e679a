import { describe, expect, it } from 'vitest';
import { analyzeProcedure } from './analyze';
import { percent, summaryText, textTable } from './summary';
import { buildMatrix, buildSpec } from './test-factories';

describe('summary tables', () => {
	it('aligns figures right and text left', () => {
		const table = textTable(
			['Задание', 'Решаемость'],
			[
				['1', '5.0 %'],
				['11.2', '60.0 %']
			]
		);
		expect(table.split('\n')).toEqual([
			'Задание  Решаемость',
			'───────  ──────────',
			'      1       5.0 %',
			'   11.2      60.0 %'
		]);
	});

	it('prints undefined shares as a dash', () => {
		expect(percent(NaN)).toBe('—');
		expect(percent(0.4825)).toBe('48.3 %');
	});

	it('summarises a small class', () => {
		const students = Array.from({ length: 4 }, (_, i) => ({ cells: [i % 2, 1], journal: 4 }));
		const spec = buildSpec([{ maxPoints: 1 }, { maxPoints: 1 }]);
		const text = summaryText(analyzeProcedure(buildMatrix(students), spec));
		expect(text).toContain('участников 4 из 4, школ 1, классов 1; решаемость 75.0 %');
		expect(text).toMatch(/ 1 {2}Б {12}1 {6}50\.0 % {2}60\.0 % {2}нет/);
		expect(text).toContain('Альфа Кронбаха (весь файл)');
	});
});
