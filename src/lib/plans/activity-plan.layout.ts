import { defineSection } from '$lib/coedit/layout';

/**
 * The school's plan of activities on assessment results: seven sections, each a list of
 * items with their timing («Октябрь», «В течение года», «По итогам каждой четверти») and the
 * people responsible. Timing and responsibility stay free text because schools write them so.
 */
const itemRows = {
	items: { kind: 'rows', textColumns: ['name', 'timing', 'responsible', 'note'] }
} as const;

export const planSections = [
	{ layout: defineSection('plan/organisation', itemRows), title: 'Организационный этап' },
	{ layout: defineSection('plan/monitoring', itemRows), title: 'Мониторинг качества образования' },
	{ layout: defineSection('plan/analysis', itemRows), title: 'Анализ результатов' },
	{ layout: defineSection('plan/teachers', itemRows), title: 'Работа с педагогами' },
	{ layout: defineSection('plan/students', itemRows), title: 'Работа с обучающимися' },
	{ layout: defineSection('plan/parents', itemRows), title: 'Работа с родителями' },
	{ layout: defineSection('plan/methodical', itemRows), title: 'Информационно-методическая работа' }
] as const;

export const planHeader = defineSection('plan/header', {
	fields: { kind: 'map' },
	title: { kind: 'text' }
});

export type PlanSectionId = (typeof planSections)[number]['layout']['id'];
