import type { RowJson } from '$lib/coedit/layout';
import { examsSection, projectsSection } from '$lib/trajectory/trajectory.schema';
import { formatDateOrMonth } from '../date-text';
import type { ColumnSpec } from '../columns';
import { entriesLayouts } from '../columns';

/**
 * Columns of the printed projects and exams tables. The six steps of the compulsory elective
 * «Индивидуальный проект» print as one numbered cell, because ten columns do not fit the
 * width of an A4 sheet.
 */

type PrintColumn = Pick<ColumnSpec, 'key' | 'label' | 'kind' | 'options'>;

const stepKeys = ['step1', 'step2', 'step3', 'step4', 'step5', 'step6'] as const;
const projectColumns = entriesLayouts[projectsSection.id].columns;

export const printProjectColumns: PrintColumn[] = [
	...projectColumns.filter((column) => ['title', 'subject', 'kind'].includes(column.key)),
	{
		key: 'steps',
		label: 'Итоги освоения обязательного элективного курса «Индивидуальный проект» (этапы 1–6)',
		kind: 'longtext'
	},
	...projectColumns.filter((column) =>
		['supervisorComment', 'completed', 'completedOn'].includes(column.key)
	)
];

/** Adds the `steps` cell: the filled steps, each on its own line with its number. */
export function withProjectSteps(rows: readonly RowJson[]): RowJson[] {
	return rows.map((row) => {
		const steps = stepKeys
			.map((key, index) => [index + 1, row[key]] as const)
			.filter(([, text]) => typeof text === 'string' && text.trim() !== '')
			.map(([number, text]) => `${number}. ${String(text).trim()}`);
		return { ...row, steps: steps.join('\n') };
	});
}

const examColumns = entriesLayouts[examsSection.id].columns;
const pick = (keys: string[]) => examColumns.filter((column) => keys.includes(column.key));

/** Columns of the printed exams table: each rehearsal's score and date share one cell. */
export const printExamColumns: PrintColumn[] = [
	...pick(['exam', 'subject', 'plannedScore']),
	{ key: 'december', label: 'Репетиционный экзамен (декабрь): баллы, дата', kind: 'text' },
	{ key: 'march', label: 'Репетиционный экзамен (март): баллы, дата', kind: 'text' },
	...pick(['actualScore', 'preparationPlan'])
];

function rehearsal(score: unknown, date: unknown): string {
	const parts = [score ?? '', date ? `(${formatDateOrMonth(date)})` : ''].map(String);
	return parts.filter((part) => part !== '').join(' ');
}

/** Adds the `december` and `march` cells: a rehearsal's score with its date, e.g. «45 (12.12.2025)». */
export function withExamRehearsals(rows: readonly RowJson[]): RowJson[] {
	return rows.map((row) => ({
		...row,
		december: rehearsal(row.decemberScore, row.decemberDate),
		march: rehearsal(row.marchScore, row.marchDate)
	}));
}
