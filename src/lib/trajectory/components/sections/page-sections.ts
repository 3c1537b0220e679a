import type { ValidatedSection } from '$lib/coedit';
import { metaResultLabels, sectionLabels, sphereLabels } from '$lib/trajectory/trajectory.labels';
import {
	aboutSection,
	careerSection,
	coursesSection,
	examsSection,
	extracurricularSection,
	gradesSection,
	mentoringSection,
	metaResultKinds,
	metaResultSections,
	metaSection,
	olympiadsSection,
	projectsSection,
	schoolRoleSection,
	socialActivitySection,
	sphereIds,
	sphereSections,
	timeManagementSection,
	workflowSection,
	type MetaResultKind,
	type SphereId
} from '$lib/trajectory/trajectory.schema';

/**
 * The trajectory as the editor and the print view lay it out: page sections in the order of
 * the route of individual development (МИР) and of the individual educational programme
 * (ИОП). A page section shows one or more document sections, and its anchor is the jump
 * target of the section index.
 */

export type PageSectionKind =
	| { kind: 'about' }
	| { kind: 'sphere'; sphere: SphereId }
	| { kind: 'grades' }
	| { kind: 'metaResults' }
	| { kind: 'entries'; section: ValidatedSection }
	| { kind: 'career' }
	| { kind: 'timeManagement' }
	| { kind: 'schoolRole' };

export type PageSection = PageSectionKind & {
	/** Element id on the page, also the URL hash that opens the section. */
	anchor: string;
	title: string;
	/** The document sections shown, whose history and last change the section lists. */
	sections: readonly ValidatedSection[];
};

function titleOf(section: ValidatedSection): string {
	return sectionLabels[section.id]?.title ?? section.id;
}

function entries(section: ValidatedSection, anchor: string): PageSection {
	return { kind: 'entries', section, anchor, title: titleOf(section), sections: [section] };
}

export const metaResultsTitle = 'Личностные и метапредметные образовательные результаты';

export const pageSections: readonly PageSection[] = [
	{ kind: 'about', anchor: 'about', title: titleOf(aboutSection), sections: [aboutSection] },
	...sphereIds.map((sphere): PageSection => ({
		kind: 'sphere',
		sphere,
		anchor: `sphere-${sphere}`,
		title: sphereLabels[sphere],
		sections: [sphereSections[sphere]]
	})),
	{ kind: 'grades', anchor: 'grades', title: titleOf(gradesSection), sections: [gradesSection] },
	{
		kind: 'metaResults',
		anchor: 'meta-results',
		title: metaResultsTitle,
		sections: metaResultKinds.map((kind) => metaResultSections[kind])
	},
	entries(olympiadsSection, 'olympiads'),
	entries(projectsSection, 'projects'),
	entries(extracurricularSection, 'extracurricular'),
	entries(socialActivitySection, 'social-activity'),
	{ kind: 'career', anchor: 'career', title: titleOf(careerSection), sections: [careerSection] },
	entries(examsSection, 'exams'),
	entries(coursesSection, 'courses'),
	entries(mentoringSection, 'mentoring'),
	{
		kind: 'timeManagement',
		anchor: 'time-management',
		title: titleOf(timeManagementSection),
		sections: [timeManagementSection]
	},
	{
		kind: 'schoolRole',
		anchor: 'school-role',
		title: titleOf(schoolRoleSection),
		sections: [schoolRoleSection]
	}
];

/** Returns the title of a metaResults section with its group, for the history list. */
function metaResultTitle(kind: MetaResultKind): string {
	return `${metaResultsTitle}: ${metaResultLabels[kind]}`;
}

/** Every section the editor can restore to an earlier day, with its Russian title. */
export const restorableSections: readonly { layout: ValidatedSection['layout']; title: string }[] =
	pageSections.flatMap((page) =>
		page.sections.map((section) => ({
			layout: section.layout,
			title:
				page.kind === 'metaResults'
					? metaResultTitle(section.id.split('/')[1] as MetaResultKind)
					: page.title
		}))
	);

/** Titles of sections edited on other screens, so the history can name their changes. */
export const otherSectionTitles: Readonly<Record<string, string>> = {
	[metaSection.id]: titleOf(metaSection),
	[workflowSection.id]: titleOf(workflowSection)
};
