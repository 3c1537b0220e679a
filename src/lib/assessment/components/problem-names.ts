import type { ImportProblemCode } from '$lib/assessment/import-problems';

/** Short Russian names of import problem codes, for the counts of the import report. */
export const problemNames: Record<ImportProblemCode, string> = {
	'unknown-cell-code': 'Нераспознанные значения в ячейках заданий',
	'invalid-points': 'Баллы не целым числом',
	'points-above-max': 'Балл за задание больше максимума',
	'total-mismatch': 'Итог не равен сумме баллов по заданиям',
	'total-above-max': 'Итог больше максимума работы',
	'total-missing': 'Итог не указан',
	'invalid-total': 'Итог не является числом',
	'unknown-column': 'Нераспознанные столбцы',
	'column-without-header': 'Столбцы без заголовка',
	'duplicate-column': 'Повторяющиеся столбцы',
	'task-column-missing': 'Нет столбца задания',
	'header-max-mismatch': 'Максимум в заголовке не совпадает со спецификацией',
	'duplicate-student-code': 'Повторяющиеся коды участников',
	'student-code-missing': 'Не указан код участника',
	'unknown-variant': 'Нераспознанный вариант',
	'unknown-journal-mark': 'Нераспознанная отметка по журналу',
	'unknown-sex': 'Нераспознанный пол',
	'absent-with-scores': 'Отсутствовавший с баллами',
	'too-many-problems': 'Слишком много замечаний'
};

export function problemName(code: string): string {
	return (problemNames as Record<string, string>)[code] ?? code;
}
