import { z } from 'zod';
import { defineValidatedSection, type SectionValue } from '$lib/coedit';
import {
	choiceField,
	dateField,
	dateOrMonthField,
	flagField,
	intField,
	markField,
	textField
} from './fields.schema';
import {
	eventLevels,
	eventOutcomes,
	examKinds,
	gradePeriods,
	lifeSpheres,
	masteryLevels,
	mentoringForms,
	mentoringRoles,
	metaResultKinds,
	projectKinds,
	satisfactions,
	socialScopes,
	sphereIds,
	trajectoryLevels,
	type GradePeriod,
	type LifeSphere,
	type MetaResultKind,
	type SphereId
} from './trajectory.choices';
import {
	eventLevelLabels,
	eventOutcomeLabels,
	examKindLabels,
	levelLabels,
	masteryLabels,
	mentoringFormLabels,
	mentoringRoleLabels,
	projectKindLabels,
	satisfactionLabels,
	socialScopeLabels
} from './trajectory.labels';

export * from './trajectory.choices';

/**
 * The student's trajectory: every section of the route of individual development and of the
 * individual educational programme, defined once as Yjs layout plus field schemas. Free text
 * is Y.Text, so two people typing in one field merge. Short values (dates, choices, numbers)
 * are plain values, last writer wins per cell. Rows are Y.Maps with stable ids.
 */

const shortText = z
	.string({ error: 'Ожидается текст.' })
	.max(300, 'Не длиннее 300 знаков.')
	.default('');
const eventLevel = choiceField(eventLevels, eventLevelLabels);
const score = intField(0, 100, 'Баллы');

/** Current layout version, stored in the document for later migrations. */
export const trajectoryVersion = 1;

export const metaSection = defineValidatedSection('meta', {
	fields: {
		kind: 'fields',
		shape: {
			studentId: shortText,
			schoolId: shortText,
			studentName: shortText,
			grade: intField(1, 11, 'Класс'),
			academicYear: z
				.string()
				.regex(/^\d{4}\/\d{4}$/, 'Учебный год в виде 2024/2025.')
				.nullable()
				.default(null),
			createdAt: z.string().nullable().default(null),
			version: z.number().int().default(trajectoryVersion)
		}
	}
});

export const aboutSection = defineValidatedSection('about', {
	self: { kind: 'text' },
	request: { kind: 'text' },
	want: { kind: 'text' },
	can: { kind: 'text' },
	must: { kind: 'text' }
});

function sphereSection(id: SphereId) {
	return defineValidatedSection(`spheres/${id}`, {
		goal: { kind: 'text' },
		/** The goal's deadline when it is kept apart from the goal's wording. */
		fields: { kind: 'fields', shape: { deadline: dateField } },
		tasks: { kind: 'rows', textColumns: ['text'], shape: { text: textField, done: flagField } },
		events: {
			kind: 'rows',
			textColumns: ['title', 'result'],
			shape: {
				title: textField,
				date: dateOrMonthField,
				level: eventLevel,
				outcome: choiceField(eventOutcomes, eventOutcomeLabels),
				result: textField,
				/** Kind of activity: «вокал», «театр», «книга», «тренинг» and the like. */
				activityKind: shortText
			}
		},
		conclusions: { kind: 'text' },
		selfAnalysis: { kind: 'text' }
	});
}

export const sphereSections = Object.fromEntries(
	sphereIds.map((id) => [id, sphereSection(id)])
) as {
	[K in SphereId]: ReturnType<typeof sphereSection>;
};

export const gradesSection = defineValidatedSection('grades', {
	subjects: {
		kind: 'rows',
		textColumns: ['nextGoal', 'comment'],
		shape: {
			subject: shortText,
			...(Object.fromEntries(gradePeriods.map((period) => [period, markField])) as Record<
				GradePeriod,
				typeof markField
			>),
			satisfaction: choiceField(satisfactions, satisfactionLabels),
			nextGoal: textField,
			giaResult: score,
			finalMark: markField,
			mastery: choiceField(masteryLevels, masteryLabels),
			comment: textField
		}
	},
	conclusions: { kind: 'text' },
	plans: { kind: 'text' }
});

function metaResultSection(kind: MetaResultKind) {
	return defineValidatedSection(`metaResults/${kind}`, {
		diagnostic: { kind: 'text' },
		inLessons: { kind: 'text' },
		outsideLessons: { kind: 'text' },
		tutorComment: { kind: 'text' }
	});
}

export const metaResultSections = Object.fromEntries(
	metaResultKinds.map((kind) => [kind, metaResultSection(kind)])
) as { [K in MetaResultKind]: ReturnType<typeof metaResultSection> };

export const olympiadsSection = defineValidatedSection('olympiads', {
	entries: {
		kind: 'rows',
		textColumns: ['name', 'result', 'teacherComment'],
		shape: {
			name: textField,
			subject: shortText,
			date: dateOrMonthField,
			level: eventLevel,
			result: textField,
			teacherComment: textField
		}
	}
});

const projectSteps = ['step1', 'step2', 'step3', 'step4', 'step5', 'step6'] as const;

export const projectsSection = defineValidatedSection('projects', {
	entries: {
		kind: 'rows',
		textColumns: ['title', ...projectSteps, 'supervisorComment'],
		shape: {
			title: textField,
			subject: shortText,
			kind: choiceField(projectKinds, projectKindLabels),
			...(Object.fromEntries(projectSteps.map((step) => [step, textField])) as Record<
				(typeof projectSteps)[number],
				typeof textField
			>),
			supervisorComment: textField,
			completed: flagField,
			completedOn: dateField
		}
	}
});

export const extracurricularSection = defineValidatedSection('extracurricular', {
	entries: {
		kind: 'rows',
		textColumns: ['event', 'result', 'comment'],
		shape: {
			direction: shortText,
			date: dateOrMonthField,
			course: shortText,
			event: textField,
			profile: shortText,
			result: textField,
			comment: textField
		}
	}
});

export const socialActivitySection = defineValidatedSection('socialActivity', {
	entries: {
		kind: 'rows',
		textColumns: ['event', 'result', 'comment'],
		shape: {
			scope: choiceField(socialScopes, socialScopeLabels),
			event: textField,
			date: dateOrMonthField,
			result: textField,
			participation: shortText,
			comment: textField
		}
	}
});

export const careerSection = defineValidatedSection('career', {
	universities: {
		kind: 'rows',
		textColumns: ['exams'],
		shape: {
			filledOn: dateField,
			university: shortText,
			faculty: shortText,
			programme: shortText,
			passScore: intField(0, 500, 'Проходной балл'),
			exams: textField
		}
	},
	events: {
		kind: 'rows',
		textColumns: ['event', 'result'],
		shape: { date: dateOrMonthField, event: textField, result: textField }
	},
	conclusions: { kind: 'text' }
});

export const examsSection = defineValidatedSection('exams', {
	entries: {
		kind: 'rows',
		textColumns: ['preparationPlan'],
		shape: {
			exam: choiceField(examKinds, examKindLabels),
			subject: shortText,
			plannedScore: score,
			decemberScore: score,
			decemberDate: dateField,
			marchScore: score,
			marchDate: dateField,
			actualScore: score,
			preparationPlan: textField
		}
	}
});

export const coursesSection = defineValidatedSection('courses', {
	entries: {
		kind: 'rows',
		textColumns: [],
		shape: {
			subject: shortText,
			course: shortText,
			organisation: shortText,
			teacherContact: shortText,
			start: dateField,
			end: dateField
		}
	}
});

/** A time slot of the weekly grid. Default slots exist without an entry; see time-grid.ts. */
export const timeSlotSchema = z.object({
	label: z.string().min(1, 'Укажите время, например 9:00–14:10.').max(40, 'Не длиннее 40 знаков.'),
	pos: z
		.string()
		.regex(/^[0-9a-z]*[1-9a-z]$/, 'Повреждён порядок строк; переместите строку заново.'),
	removed: z.boolean().default(false)
});

export const timeManagementSection = defineValidatedSection('timeManagement', {
	slots: { kind: 'entries', value: timeSlotSchema },
	/** Keyed `{slotId}/{weekday}`. */
	cells: { kind: 'textMap' }
});

export const schoolRoleSection = defineValidatedSection('schoolRole', {
	pluses: { kind: 'text' },
	minuses: { kind: 'text' }
});

export const mentoringSection = defineValidatedSection('mentoring', {
	entries: {
		kind: 'rows',
		textColumns: ['result'],
		shape: {
			programme: shortText,
			form: choiceField(mentoringForms, mentoringFormLabels),
			role: choiceField(mentoringRoles, mentoringRoleLabels),
			mentor: shortText,
			start: dateField,
			end: dateField,
			result: textField
		}
	}
});

const rating = intField(0, 10, 'Оценка');

export const workflowSection = defineValidatedSection('workflow', {
	state: {
		kind: 'fields',
		shape: {
			stage: z
				.number({ error: 'Этап — число от 1 до 6.' })
				.int('Этап — число от 1 до 6.')
				.min(1, 'Этап — число от 1 до 6.')
				.max(6, 'Этап — число от 1 до 6.')
				.default(1),
			level: choiceField(trajectoryLevels, levelLabels)
		}
	},
	/** Balance-wheel snapshots: a date and a 0–10 score per life sphere. */
	balance: {
		kind: 'rows',
		textColumns: [],
		shape: {
			date: dateField,
			...(Object.fromEntries(lifeSpheres.map((sphere) => [sphere, rating])) as Record<
				LifeSphere,
				typeof rating
			>)
		}
	},
	/** Answers to the self-analysis questions, keyed by question id. */
	selfAnalysis: { kind: 'textMap' },
	scalingQuestions: { kind: 'rows', textColumns: ['text'], shape: { text: textField } },
	scalingRatings: {
		kind: 'rows',
		textColumns: [],
		shape: { questionId: shortText, date: dateField, rating }
	}
});

export type MetaValue = SectionValue<typeof metaSection.schemas>;
export type AboutValue = SectionValue<typeof aboutSection.schemas>;
export type SphereValue = SectionValue<(typeof sphereSections)[SphereId]['schemas']>;
export type GradesValue = SectionValue<typeof gradesSection.schemas>;
export type GradeRow = GradesValue['subjects'][number];
export type MetaResultValue = SectionValue<(typeof metaResultSections)[MetaResultKind]['schemas']>;
export type OlympiadsValue = SectionValue<typeof olympiadsSection.schemas>;
export type ProjectsValue = SectionValue<typeof projectsSection.schemas>;
export type ProjectRow = ProjectsValue['entries'][number];
export type ExtracurricularValue = SectionValue<typeof extracurricularSection.schemas>;
export type ExtracurricularRow = ExtracurricularValue['entries'][number];
export type SocialActivityValue = SectionValue<typeof socialActivitySection.schemas>;
export type CareerValue = SectionValue<typeof careerSection.schemas>;
export type ExamsValue = SectionValue<typeof examsSection.schemas>;
export type CoursesValue = SectionValue<typeof coursesSection.schemas>;
export type TimeManagementValue = SectionValue<typeof timeManagementSection.schemas>;
export type SchoolRoleValue = SectionValue<typeof schoolRoleSection.schemas>;
export type MentoringValue = SectionValue<typeof mentoringSection.schemas>;
export type WorkflowValue = SectionValue<typeof workflowSection.schemas>;
export type BalanceRow = WorkflowValue['balance'][number];
