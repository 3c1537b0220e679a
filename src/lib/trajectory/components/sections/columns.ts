import type { z } from 'zod';
import type { PartSchema, ValidatedSection } from '$lib/coedit';
import {
	eventLevelLabels,
	eventOutcomeLabels,
	examKindLabels,
	masteryLabels,
	mentoringFormLabels,
	mentoringRoleLabels,
	projectKindLabels,
	satisfactionLabels,
	sectionLabels,
	socialScopeLabels
} from '$lib/trajectory/trajectory.labels';
import {
	careerSection,
	coursesSection,
	examsSection,
	extracurricularSection,
	gradePeriods,
	gradesSection,
	mentoringSection,
	olympiadsSection,
	projectsSection,
	socialActivitySection,
	type SphereId
} from '$lib/trajectory/trajectory.schema';
import { markOptions, optionsOf, type CellKind, type ChoiceOption } from './cell-value';

/** One column of a trajectory table, with what the editor needs to edit and check it. */
export interface ColumnSpec {
	key: string;
	label: string;
	kind: CellKind;
	options?: readonly ChoiceOption[];
	/** CSS width in the table layout, e.g. `6rem`. */
	width?: string;
	/** True for a Y.Text cell, written by diff on every key; other cells keep one value. */
	isText: boolean;
	schema: z.ZodType | undefined;
}

type ColumnChoice =
	CellKind | { kind: CellKind; options?: readonly ChoiceOption[]; width?: string };

function rowsSchema(section: ValidatedSection, part: string) {
	const schema = (section.schemas as Record<string, PartSchema>)[part];
	if (schema?.kind !== 'rows') throw new Error(`Part "${section.id}/${part}" is not a rows part.`);
	return schema;
}

/**
 * Builds the columns of a rows part in the order given. Labels come from the model's labels,
 * schemas and text columns from the section, so a column the model does not have fails here.
 */
export function columnsOf(
	section: ValidatedSection,
	part: string,
	choices: Record<string, ColumnChoice>
): ColumnSpec[] {
	const schema = rowsSchema(section, part);
	const labels = sectionLabels[section.id]?.columns?.[part] ?? {};
	return Object.entries(choices).map(([key, choice]) => {
		if (!(key in schema.shape)) throw new Error(`Part "${section.id}/${part}" has no "${key}".`);
		const spec = typeof choice === 'string' ? { kind: choice } : choice;
		return {
			key,
			label: labels[key] ?? key,
			...spec,
			isText: schema.textColumns.includes(key),
			schema: schema.shape[key]
		};
	});
}

const levels = { kind: 'select', options: optionsOf(eventLevelLabels) } as const;
const narrow = (kind: CellKind) => ({ kind, width: '6.5rem' });

/** Columns of a sphere's events table; the forms ask different things per sphere. */
export function sphereEventColumns(section: ValidatedSection, sphere: SphereId): ColumnSpec[] {
	const outcome = { kind: 'select', options: optionsOf(eventOutcomeLabels) } as const;
	const kind = { activityKind: { kind: 'text', width: '9rem' } } as const;
	const common = { title: 'longtext', date: narrow('month') } as const;
	if (sphere === 'personal') {
		return columnsOf(section, 'events', { ...kind, ...common, result: 'longtext' });
	}
	const withKind = sphere === 'creative' ? kind : {};
	return columnsOf(section, 'events', {
		...withKind,
		...common,
		level: levels,
		outcome,
		result: 'longtext'
	});
}

const mark = { kind: 'mark', options: markOptions, width: '3.8rem' } as const;

/** Marks by period, the first view of the grade summary. */
export const gradeMarkColumns = columnsOf(gradesSection, 'subjects', {
	subject: { kind: 'text', width: '10rem' },
	...Object.fromEntries(gradePeriods.map((period) => [period, mark]))
});

/** The columns the individual educational programme adds to each subject. */
export const gradeProgrammeColumns = columnsOf(gradesSection, 'subjects', {
	subject: { kind: 'text', width: '10rem' },
	satisfaction: { kind: 'select', options: optionsOf(satisfactionLabels) },
	nextGoal: 'longtext',
	giaResult: narrow('number'),
	finalMark: mark,
	mastery: { kind: 'select', options: optionsOf(masteryLabels) },
	comment: 'longtext'
});

/** Layout of a single-table section: its columns, and a table or a card per row. */
export interface EntriesLayout {
	columns: ColumnSpec[];
	layout: 'table' | 'cards';
	addLabel: string;
	/** Short name of one row, numbered on its card: «Проект 2». */
	rowName: string;
}

export const entriesLayouts: Record<string, EntriesLayout> = {
	[olympiadsSection.id]: {
		layout: 'cards',
		addLabel: 'Добавить олимпиаду или конкурс',
		rowName: 'Олимпиада, конкурс',
		columns: columnsOf(olympiadsSection, 'entries', {
			name: 'text',
			subject: 'text',
			date: 'month',
			level: levels,
			result: 'longtext',
			teacherComment: 'longtext'
		})
	},
	[projectsSection.id]: {
		layout: 'cards',
		addLabel: 'Добавить проект или исследование',
		rowName: 'Проект',
		columns: columnsOf(projectsSection, 'entries', {
			title: 'longtext',
			subject: 'text',
			kind: { kind: 'select', options: optionsOf(projectKindLabels) },
			step1: 'longtext',
			step2: 'longtext',
			step3: 'longtext',
			step4: 'longtext',
			step5: 'longtext',
			step6: 'longtext',
			supervisorComment: 'longtext',
			completed: 'checkbox',
			completedOn: 'date'
		})
	},
	[extracurricularSection.id]: {
		layout: 'cards',
		addLabel: 'Добавить занятие или мероприятие',
		rowName: 'Запись',
		columns: columnsOf(extracurricularSection, 'entries', {
			direction: 'text',
			date: 'month',
			course: 'text',
			event: 'longtext',
			profile: 'text',
			result: 'longtext',
			comment: 'longtext'
		})
	},
	[socialActivitySection.id]: {
		layout: 'cards',
		addLabel: 'Добавить мероприятие',
		rowName: 'Мероприятие',
		columns: columnsOf(socialActivitySection, 'entries', {
			scope: { kind: 'select', options: optionsOf(socialScopeLabels) },
			event: 'longtext',
			date: 'month',
			participation: 'text',
			result: 'longtext',
			comment: 'longtext'
		})
	},
	[examsSection.id]: {
		layout: 'cards',
		addLabel: 'Добавить предмет',
		rowName: 'Предмет',
		columns: columnsOf(examsSection, 'entries', {
			exam: { kind: 'select', options: optionsOf(examKindLabels) },
			subject: 'text',
			plannedScore: 'number',
			decemberScore: 'number',
			decemberDate: 'date',
			marchScore: 'number',
			marchDate: 'date',
			actualScore: 'number',
			preparationPlan: 'longtext'
		})
	},
	[coursesSection.id]: {
		layout: 'table',
		addLabel: 'Добавить курс',
		rowName: 'Курс',
		columns: columnsOf(coursesSection, 'entries', {
			subject: 'text',
			course: 'text',
			organisation: 'text',
			teacherContact: 'text',
			start: 'date',
			end: 'date'
		})
	},
	[mentoringSection.id]: {
		layout: 'cards',
		addLabel: 'Добавить программу',
		rowName: 'Программа',
		columns: columnsOf(mentoringSection, 'entries', {
			programme: 'text',
			form: { kind: 'select', options: optionsOf(mentoringFormLabels) },
			role: { kind: 'select', options: optionsOf(mentoringRoleLabels) },
			mentor: 'text',
			start: 'date',
			end: 'date',
			result: 'longtext'
		})
	}
};

export const careerUniversityColumns = columnsOf(careerSection, 'universities', {
	filledOn: 'date',
	university: 'text',
	faculty: 'text',
	programme: 'text',
	passScore: narrow('number'),
	exams: 'longtext'
});

export const careerEventColumns = columnsOf(careerSection, 'events', {
	date: narrow('month'),
	event: 'longtext',
	result: 'longtext'
});
