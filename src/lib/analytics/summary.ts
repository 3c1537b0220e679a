import type { ProcedureAnalysis } from './analyze';
import { groupAt } from './group-view';
import { Mastery } from './mastery';

/**
 * Plain-text summary tables of an analysis for a terminal: solve rates per task against
 * the mastery threshold, the marks, objectivity, reliability and deficits. Interface text
 * is Russian, as the people reading it use these terms.
 */

/** Figures as the tables print them: `12`, `48.2 %`, `0.693`, `4010 / 469`, or a dash. */
const figure = /^(—|-?[\d.]+( %)?( \/ [\d.]+)?)$/;

/** Lays out rows as columns separated by two spaces; columns of figures align right. */
export function textTable(header: string[], rows: (string | number)[][]): string {
	const cells = [header, ...rows.map((row) => row.map(String))];
	const widths = header.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
	const numeric = header.map((_, c) => cells.slice(1).every((row) => figure.test(row[c] ?? '')));
	const line = (row: string[]) =>
		row
			.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
			.join('  ')
			.trimEnd();
	const rule = widths.map((width) => '─'.repeat(width)).join('  ');
	return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

/** Formats a share 0–1 as a percentage with one decimal, or a dash when undefined. */
export function percent(share: number): string {
	return Number.isFinite(share) ? `${(share * 100).toFixed(1)} %` : '—';
}

function decimal(value: number | null, digits: number): string {
	return value === null || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

export function solveRateTable(analysis: ProcedureAnalysis): string {
	const file = groupAt(analysis.file, 0);
	const rows = analysis.positions.map((task, p) => [
		task.label,
		task.level,
		task.maxPoints,
		percent(file.positionRates[p]),
		percent(task.threshold),
		file.mastery.positions[p] === Mastery.mastered ? 'да' : 'нет',
		task.skills.join(', ')
	]);
	return textTable(
		['Задание', 'Уровень', 'Макс.', 'Решаемость', 'Порог', 'Освоено', 'Проверяемые элементы'],
		rows
	);
}

export function marksTable(analysis: ProcedureAnalysis): string {
	const { marks } = groupAt(analysis.file, 0);
	const rows = marks.marks.map((mark, m) => [
		`«${mark}»`,
		marks.counts[m],
		percent(marks.shares[m])
	]);
	return textTable(['Отметка', 'Участников', 'Доля'], rows);
}

export function objectivityTable(analysis: ProcedureAnalysis): string {
	const { objectivity } = groupAt(analysis.file, 0);
	const rows: (string | number)[][] = [
		['Понизили (отметка за работу ниже отметки в журнале)', percent(objectivity.loweredShare)],
		['Подтвердили', percent(objectivity.confirmedShare)],
		['Повысили', percent(objectivity.raisedShare)],
		['Сравнено участников', objectivity.compared],
		['Расхождение на 2 балла и более', objectivity.differByTwo.length],
		['Ранговая корреляция Спирмена (журнал и первичный балл)', decimal(objectivity.spearman, 3)]
	];
	for (const jump of objectivity.cutoffs) {
		rows.push([
			`Граница «${jump.mark}» (${jump.minTotal} б.): на границе / на балл ниже`,
			`${jump.atCutoff} / ${jump.belowCutoff}`
		]);
	}
	return textTable(['Признак объективности', 'Значение'], rows);
}

export function reliabilityTable(analysis: ProcedureAnalysis): string {
	const file = groupAt(analysis.file, 0);
	const reliableClasses = analysis.classes.mastery.reliable.reduce((sum, flag) => sum + flag, 0);
	const alphaClasses = analysis.classes.items.alpha.filter((alpha) => !Number.isNaN(alpha)).length;
	const rows: (string | number)[][] = [
		['Альфа Кронбаха (весь файл)', decimal(file.items.alpha, 4)],
		['Классов', analysis.classes.keys.length],
		[`Классов с ${analysis.settings.minGroupSize} и более участниками`, reliableClasses],
		[`Классов с альфой (от ${analysis.settings.minAlphaSize} участников)`, alphaClasses]
	];
	return textTable(['Надёжность', 'Значение'], rows);
}

export function deficitTable(analysis: ProcedureAnalysis): string {
	let mass = 0;
	let point = 0;
	let persistent = 0;
	let groups = 0;
	let classesWithMass = 0;
	for (const detail of analysis.classDetails) {
		const classMass = detail.deficits.filter((d) => d.kind === 'mass');
		mass += classMass.length;
		point += detail.deficits.length - classMass.length;
		persistent += classMass.filter((d) => d.persistence === 'persistent').length;
		groups += detail.correctionGroups.length;
		if (classMass.length > 0) classesWithMass++;
	}
	const file = groupAt(analysis.file, 0);
	const rows: (string | number)[][] = [
		['Массовых дефицитов (класс × элемент)', mass],
		['из них устойчивых (были у того же учителя раньше)', persistent],
		['Классов с массовыми дефицитами', classesWithMass],
		['Точечных дефицитов (класс × элемент)', point],
		['Групп коррекции', groups],
		['Группа риска (участников)', file.risk.atRisk],
		['Прогноз положительных результатов', file.risk.predictedPositive]
	];
	return textTable(['Дефициты', 'Количество'], rows);
}

/** Builds every summary table, each under its heading. */
export function summaryText(analysis: ProcedureAnalysis): string {
	const file = groupAt(analysis.file, 0);
	const { procedure } = analysis;
	const heading = `${procedure.subject}, ${procedure.grade} класс, ${procedure.year}: участников ${file.present} из ${file.listed}, школ ${analysis.schools.keys.length}, классов ${analysis.classes.keys.length}; решаемость ${percent(file.solveRate)}`;
	return [
		heading,
		'',
		'Решаемость заданий',
		solveRateTable(analysis),
		'',
		'Распределение отметок',
		marksTable(analysis),
		'',
		objectivityTable(analysis),
		'',
		reliabilityTable(analysis),
		'',
		deficitTable(analysis)
	].join('\n');
}
