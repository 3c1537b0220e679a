import type { RowJson } from '$lib/coedit/layout';
import { projectsSection } from '$lib/trajectory/trajectory.schema';
import type { ColumnSpec } from '../columns';
import { entriesLayouts } from '../columns';

/**
 * Columns of the printed projects table. The six steps of the compulsory elective
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
