import { sectionLabels } from '$lib/trajectory/trajectory.labels';

/** Russian titles of every trajectory section by id, for history lists on any of its pages. */
export const trajectorySectionTitles: Readonly<Record<string, string>> = {
	...Object.fromEntries(Object.entries(sectionLabels).map(([id, labels]) => [id, labels.title])),
	curriculumPlan: 'Индивидуальный учебный план'
};
