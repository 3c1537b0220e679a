import { z } from 'zod';
import {
	freeTextSchema,
	hoursSchema,
	isoDateSchema,
	lineSchema,
	rowIdSchema
} from './route-values.schema';

/**
 * Sections of the roadmap («Дорожная карта по устранению выявленных дефицитов») and the kinds
 * of rows each offers, in the order of the model form of a teacher's individual educational
 * route approved by ТОИПКРО order of 26.05.2021 № 34-ос. Group 1 gains knowledge and
 * experience, group 2 presents one's own experience.
 *
 * Every kind listed is a typical row of the form. The document starts with empty sections,
 * and the screens offer these kinds as ready rows, because an untouched placeholder row would
 * count as planned work in the progress figures.
 */
export const roadmapSections = {
	'1.1': { kinds: ['refresher-course', 'retraining'], hours: true },
	'1.2': { kinds: ['internship', 'internship-request'], hours: true },
	'1.3': {
		kinds: [
			'forum',
			'seminar',
			'webinar',
			'master-class',
			'contest',
			'festival',
			'conference',
			'lesson-visits',
			'other-event'
		],
		hours: false
	},
	'1.4': { kinds: ['community', 'methodical-association', 'working-group'], hours: false },
	'1.5': { kinds: ['literature', 'online-resource'], hours: false },
	'1.6': { kinds: ['expert-works'], hours: false },
	'2.1': { kinds: ['federal-site', 'regional-site', 'other-site'], hours: false },
	'2.2': { kinds: ['experience-presentation'], hours: false },
	'2.3': { kinds: ['expert-activity'], hours: false },
	'2.4': { kinds: ['methodical-product'], hours: false },
	'2.5': { kinds: ['having-mentor', 'being-mentor'], hours: false }
} as const;

export type RoadmapSectionId = keyof typeof roadmapSections;
export type RoadmapRowKind = (typeof roadmapSections)[RoadmapSectionId]['kinds'][number];

export const roadmapSectionIds = Object.keys(roadmapSections) as RoadmapSectionId[];

const allKinds = roadmapSectionIds.flatMap((section) => roadmapSections[section].kinds);
export const roadmapRowKindSchema = z.enum(allKinds as [RoadmapRowKind, ...RoadmapRowKind[]], {
	error: 'Вид мероприятия не распознан'
});

/** Kinds whose deadline in the form is «в течение всего срока реализации ИОМ». */
export const throughoutKinds: ReadonlySet<RoadmapRowKind> = new Set<RoadmapRowKind>([
	'lesson-visits',
	'federal-site',
	'regional-site',
	'other-site',
	'experience-presentation'
]);

export function sectionOfKind(kind: RoadmapRowKind): RoadmapSectionId {
	const section = roadmapSectionIds.find((id) =>
		(roadmapSections[id].kinds as readonly string[]).includes(kind)
	);
	if (!section) throw new Error(`Roadmap row kind ${kind} belongs to no section`);
	return section;
}

/** Level of a community or an event: federal, regional, municipal, school. */
export const activityLevelSchema = z.enum(['federal', 'regional', 'municipal', 'school'], {
	error: 'Уровень: федеральный, региональный, муниципальный или школьный'
});
export type ActivityLevel = z.infer<typeof activityLevelSchema>;

/**
 * One activity of the roadmap. `content` is the activity itself (programme, theme, name of
 * a community, author and publisher), `details` the column «Дополнительная информация».
 * The deadline is `start`–`end`; `throughout` means the whole term of the route, and then
 * the dates are ignored. The row is done once `doneDate` is set; `doneDocument` contains the
 * details of the confirming document (certificate number, order, link).
 */
export const roadmapRowSchema = z.object({
	id: rowIdSchema,
	kind: roadmapRowKindSchema,
	content: freeTextSchema,
	details: freeTextSchema,
	/** Role in a community, methodical association or working group (section 1.4). */
	role: freeTextSchema,
	level: activityLevelSchema.optional(),
	start: isoDateSchema.optional(),
	end: isoDateSchema.optional(),
	throughout: z.boolean('Признак «в течение всего срока» — да или нет').default(false),
	hours: hoursSchema.optional(),
	/** Ids of deficits the activity addresses; every id is in the route's deficit lists. */
	deficitIds: z.array(rowIdSchema).default([]),
	doneDate: isoDateSchema.optional(),
	doneDocument: freeTextSchema
});
export type RoadmapRow = z.infer<typeof roadmapRowSchema>;

/** The roadmap's own fields; its rows live in `sections`. */
export const roadmapFieldsSchema = z.object({
	/** «Продолжительность прохождения ИОМ», as the form writes it, e.g. «1 учебный год». */
	duration: lineSchema,
	start: isoDateSchema.optional(),
	end: isoDateSchema.optional()
});

export const roadmapSchema = roadmapFieldsSchema.extend({
	sections: z.object(
		Object.fromEntries(roadmapSectionIds.map((id) => [id, z.array(roadmapRowSchema)])) as Record<
			RoadmapSectionId,
			z.ZodArray<typeof roadmapRowSchema>
		>
	)
});
export type Roadmap = z.infer<typeof roadmapSchema>;
