import { describe, expect, it } from 'vitest';
import { AppError } from '$lib/shared/errors';
import type { SheetRows } from '$lib/shared/sheet';
import {
	findSkill,
	importSpecification,
	readCodeList,
	type SpecificationMeta
} from './spec-import';

const simpleScale = { thresholds: [{ mark: 2, minTotal: 0 }], conditions: [] };
const meta: SpecificationMeta = {
	kind: 'diagnostic',
	subject: 'Математика',
	grade: 5,
	year: 2022,
	markScale: simpleScale
};
const header = [
	'№ по КИМу',
	'№',
	'Умения',
	'Уровень сложности',
	'Код КЭС',
	'Код КТ',
	'Максимальный балл'
];

function importTasks(rows: SheetRows, extra: Partial<SpecificationMeta> = {}) {
	return importSpecification({ tasks: { rows } }, { ...meta, ...extra });
}

describe('importSpecification', () => {
	it('joins the rows of one task', () => {
		const { specification } = importTasks([
			header,
			[1, 1, 'Числа', 'Б', 1, 1, 1],
			[1, 1, 'Числа', 'Б', 1, 2, 1],
			[1, 1, 'Числа', 'Б', 3, 2, 1],
			['2', '2', 'Дроби', 'П', '2', '1', '2']
		]);

		expect(specification.tasks).toHaveLength(2);
		expect(specification.tasks[0]).toMatchObject({
			label: '1',
			position: 1,
			maxPoints: 1,
			level: 'Б',
			description: 'Числа'
		});
		expect(specification.tasks[0].skills).toEqual(['КЭС 1', 'КТ 1', 'КТ 2', 'КЭС 3']);
		expect(specification.tasks[1]).toMatchObject({ label: '2', maxPoints: 2, level: 'П' });
	});

	it('inherits blanks left by merged cells', () => {
		const { specification } = importTasks([
			header,
			['11.1', 11, 'Таблицы', 'Б', 4, 4, 1],
			[null, null, null, null, 5, 5, null],
			['11.2', 12, 'Диаграммы', 'Б', 4, 4, 1]
		]);

		expect(specification.tasks.map((task) => task.label)).toEqual(['11.1', '11.2']);
		expect(specification.tasks[0].skills).toEqual(['КЭС 4', 'КТ 4', 'КЭС 5', 'КТ 5']);
		expect(specification.tasks[0].maxPoints).toBe(1);
	});

	it('fills merged ranges from the reader', () => {
		const rows: SheetRows = [
			header,
			['3', 3, 'Текст', 'Б', 1, 1, 2],
			[null, null, null, null, 2, 2]
		];
		const merges = [{ firstRow: 1, firstColumn: 6, lastRow: 2, lastColumn: 6 }];
		const { specification } = importSpecification({ tasks: { rows, merges } }, meta);

		expect(specification.tasks[0].maxPoints).toBe(2);
		expect(specification.tasks[0].skills).toEqual(['КЭС 1', 'КТ 1', 'КЭС 2', 'КТ 2']);
	});

	it('reads criteria rows without a position column', () => {
		const { specification } = importTasks([
			['№ задания', 'Уровень', 'КЭС', 'Макс. балл'],
			['1K1', 'Б', '1.1; 1.2', 4],
			['1к2', 'Б', '1.3', 3],
			['2', 'П', '2.1, 2.2', 2]
		]);

		expect(specification.tasks.map((task) => [task.label, task.position])).toEqual([
			['1К1', 1],
			['1К2', 2],
			['2', 3]
		]);
		expect(specification.tasks[0].skills).toEqual(['КЭС 1.1', 'КЭС 1.2']);
	});

	it('reads a second block beside the first', () => {
		const { specification } = importTasks([
			['№', 'Уровень', 'Максимальный балл', null, '№', 'Уровень', 'Максимальный балл'],
			[1, 'Б', 1, null, 4, 'П', 2],
			[2, 'Б', 1, null, 5, 'В', 3],
			[3, 'Б', 2]
		]);

		expect(specification.tasks.map((task) => task.label)).toEqual(['1', '2', '3', '4', '5']);
		expect(specification.tasks.map((task) => task.level).join('')).toBe('БББПВ');
	});

	it('starts a block beside at a second number column', () => {
		const { specification } = importTasks([
			[
				'№ по КИМу',
				'№',
				'Уровень',
				'Максимальный балл',
				'Комментарий',
				'№',
				'Уровень',
				'Максимальный балл'
			],
			['1К1', 1, 'Б', 1, 'текст', '2', 'П', 2],
			['1К2', 2, 'Б', 1]
		]);

		expect(specification.tasks.map((task) => [task.label, task.position])).toEqual([
			['1К1', 1],
			['1К2', 2],
			['2', 3]
		]);
	});

	it('skips repeated headers and the total row', () => {
		const { specification } = importTasks([
			header,
			[1, 1, 'А', 'Б', 1, 1, 1],
			header,
			[2, 2, 'Б', 'базовый', 1, 1, 1],
			['Итого', null, null, null, null, null, 2]
		]);

		expect(specification.tasks.map((task) => task.label)).toEqual(['1', '2']);
		expect(specification.tasks[1].level).toBe('Б');
	});

	it('reports rows of one task that disagree', () => {
		const { specification, problems } = importTasks([
			header,
			[1, 1, 'А', 'Б', 1, 1, 1],
			[1, 1, 'А', 'П', 1, 2, 2]
		]);

		expect(specification.tasks[0]).toMatchObject({ maxPoints: 1, level: 'Б' });
		expect(problems.map((problem) => [problem.code, problem.row, problem.column?.letter])).toEqual([
			['spec-conflict', 3, 'G'],
			['spec-conflict', 3, 'D']
		]);
	});

	it('rejects a task without a maximum', () => {
		const run = () => importTasks([header, [1, 1, 'А', 'Б', 1, 1, 'два']]);

		expect(run).toThrow(AppError);
		expect(run).toThrow(/строка 2, столбец «Максимальный балл»/);
	});

	it('rejects an unknown level', () => {
		expect(() => importTasks([header, [1, 1, 'А', 'Z', 1, 1, 1]])).toThrow(/уровень сложности «Z»/);
	});

	it('rejects a table without a header', () => {
		expect(() =>
			importTasks([
				['Задача', 'Ответ'],
				[1, 2]
			])
		).toThrow(/не найдены заголовки/);
	});

	it('requires a mark scale when none is built in', () => {
		const rows = [header, [1, 1, 'А', 'Б', 1, 1, 1]];

		expect(() => importTasks(rows, { markScale: undefined })).toThrow(/шкалу/);
	});

	it('takes skill texts from the code lists', () => {
		const kes: SheetRows = [
			['Код', 'Проверяемые элементы содержания'],
			[1, 'Числа и вычисления']
		];
		const kt: SheetRows = [
			['Код', 'Проверяемые требования'],
			[1, 'Оперировать понятиями'],
			[2, 'Вычислять']
		];
		const { specification, problems } = importSpecification(
			{
				tasks: { rows: [header, [1, 1, 'А', 'Б', 1, 1, 1], [2, 2, 'Б', 'Б', 3, 2, 1]] },
				kes: { rows: kes },
				kt: { rows: kt }
			},
			meta
		);

		expect(findSkill(specification, 'КЭС 1')?.text).toBe('Числа и вычисления');
		expect(findSkill(specification, 'КТ 2')?.text).toBe('Вычислять');
		expect(findSkill(specification, 'КЭС 3')?.text).toBe('');
		expect(problems).toMatchObject([{ code: 'unknown-skill-code', row: 3, value: '3' }]);
	});
});

describe('readCodeList', () => {
	it('rejects a list without a code column', () => {
		expect(() => readCodeList({ rows: [['Номер', 'Текст']] })).toThrow(/«Код»/);
	});

	it('reads codes written as text or numbers', () => {
		const list = readCodeList({
			rows: [['Раздел'], ['Код', 'Текст'], ['1.1', 'Один'], [2, 'Два']]
		});

		expect([...list]).toEqual([
			['1.1', 'Один'],
			['2', 'Два']
		]);
	});
});
