import type { EditSession } from '$lib/coedit';
import type { RoadmapSectionId } from '../roadmap.schema';
import { blockTitles, deficitsHeading } from '../teacher-route.labels';
import { routeSections, sectionPart } from '../teacher-route.layout';
import {
	deficitGroups,
	type Deficit,
	type DeficitGroup,
	type TeacherRoute
} from '../teacher-route.schema';

/** Helpers shared by the route's form components and its print view. */

export interface NumberedDeficit {
	number: number;
	group: DeficitGroup;
	deficit: Deficit;
}

/**
 * Numbers the route's deficits 1, 2, … across the three groups in the order of the form, so
 * the roadmap can name the deficits a row addresses by number.
 */
export function numberDeficits(route: TeacherRoute): NumberedDeficit[] {
	let number = 0;
	return deficitGroups.flatMap((group) =>
		route.deficits[group].map((deficit) => ({ number: ++number, group, deficit }))
	);
}

/** Sets one cell of a roadmap row: a text column by diff, any other to a plain value. */
export function setRoadmapCell(
	session: EditSession,
	section: RoadmapSectionId,
	rowId: string,
	column: string,
	value: unknown
): boolean {
	return session.setCell(routeSections.roadmap, sectionPart(section), rowId, column, value);
}

/** Sections the history panel may restore to an earlier day, with their titles. */
export const restorableSections = [
	{ layout: routeSections.personal, title: `${blockTitles.personal}, цель` },
	{ layout: routeSections.deficits, title: deficitsHeading },
	{ layout: routeSections.diagnostics, title: blockTitles.diagnostics },
	{ layout: routeSections.roadmap, title: blockTitles.roadmap },
	{ layout: routeSections.closing, title: 'Даты маршрута и данные заместителя директора' },
	{ layout: routeSections.proposals, title: 'Отклонённые предложения по результатам анализа' }
];

/**
 * Sections listed in the history but never restored: the route's setup, and the signatures,
 * because restoring a signature would bring back a record its signer withdrew.
 */
export const otherSectionTitles: Record<string, string> = {
	[routeSections.route.id]: 'Создание маршрута',
	[routeSections.signatures.id]: 'Подписи'
};

const months = [
	'января',
	'февраля',
	'марта',
	'апреля',
	'мая',
	'июня',
	'июля',
	'августа',
	'сентября',
	'октября',
	'ноября',
	'декабря'
];

/** Formats `YYYY-MM-DD` as the form writes dates: «01» сентября 2025 г. */
export function formDate(isoDate: string): string {
	const [year, month, day] = isoDate.split('-');
	return `«${day}» ${months[Number(month) - 1] ?? month} ${year} г.`;
}

/** Element id of a roadmap row's card; row ids may contain `~` and `.`. */
export function rowAnchor(rowId: string): string {
	return `row-${rowId}`.replace(/[^\w-]/g, '-');
}
