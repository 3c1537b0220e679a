import type { CellValue, SheetRows } from '$lib/shared/sheet';
import type { Specification, Task } from './specification.schema';

/** Small hand-made specifications and result sheets for the assessment specs. */

export function makeTask(
	label: string,
	position: number,
	maxPoints = 1,
	level: Task['level'] = 'Б'
): Task {
	return { label, position, maxPoints, level, skills: [], description: '' };
}

/** Four positions, 6 points: `1` (1), `2` (2), `3.1` (1), `4К1` (2). */
export function makeSpecification(overrides: Partial<Specification> = {}): Specification {
	return {
		kind: 'vpr',
		subject: 'Математика',
		grade: 5,
		year: 2021,
		tasks: [makeTask('1', 1), makeTask('2', 2, 2), makeTask('3.1', 3), makeTask('4К1', 4, 2, 'П')],
		skills: [],
		markScale: {
			thresholds: [
				{ mark: 2, minTotal: 0 },
				{ mark: 3, minTotal: 3 }
			],
			conditions: []
		},
		...overrides
	};
}

export const regionalHeader = [
	'логин школы',
	'регион',
	'номер обучающегося',
	'код обучающегося',
	'отметка за предыдущую четверть/триместр',
	'пол',
	'класс',
	'вариант',
	'всего баллов',
	'балл за 1',
	'балл за 2',
	'балл за 3',
	'балл за 4',
	'Учебник'
];

export interface RegionalRow {
	school?: string;
	code?: string;
	mark?: CellValue;
	sex?: CellValue;
	className?: CellValue;
	variant?: CellValue;
	total?: CellValue;
	scores?: CellValue[];
}

/** Builds one row of a regional export; unset fields get values of a present student. */
export function regionalRow(row: RegionalRow = {}): CellValue[] {
	const scores = row.scores ?? ['1', '2', '1', '2'];
	const sum = scores.reduce<number>((total, value) => total + (Number(value) || 0), 0);
	return [
		row.school ?? 'sch000001',
		'район',
		'1',
		row.code ?? '50001',
		row.mark === undefined ? '4' : row.mark,
		row.sex === undefined ? 'м' : row.sex,
		row.className === undefined ? 'а' : row.className,
		row.variant === undefined ? '1' : row.variant,
		row.total === undefined ? String(sum) : row.total,
		...scores,
		'Учебник'
	];
}

export function regionalSheet(...rows: RegionalRow[]): SheetRows {
	return [regionalHeader, ...rows.map(regionalRow)];
}

export const protocolHeader = [
	'№',
	'Код',
	'Вариант',
	'Наименование класса',
	'Пол',
	'Отметка за предыдущий триместр',
	'1 (1б)',
	'2 (2б)',
	'3.1 (1б)',
	'4к1 (2 б.)',
	'Итого баллов',
	'Отметка'
];

/** Builds a school protocol with two title rows above the header. */
export function protocolSheet(...rows: CellValue[][]): SheetRows {
	return [['Протокол проверки', null, 'ВПР 2021'], [], protocolHeader, ...rows];
}
