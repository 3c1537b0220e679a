import type { Role } from '$lib/shared/access';

/** The parts of the app as the navigation shows them, with the roles that see each. */
export interface Section {
	path: string;
	title: string;
	short: string;
	roles: readonly Role[];
}

const school: readonly Role[] = ['admin', 'tutor', 'teacher'];

export const sections: readonly Section[] = [
	{
		path: '/trajectories',
		title: 'Индивидуальные траектории',
		short: 'Траектории',
		roles: ['admin', 'tutor', 'student', 'parent']
	},
	{
		path: '/analysis',
		title: 'Анализ результатов оценочных процедур',
		short: 'Анализ',
		roles: school
	},
	{
		path: '/teacher-routes',
		title: 'Маршруты профессионального роста педагогов',
		short: 'Маршруты педагогов',
		roles: ['admin', 'teacher']
	},
	{ path: '/plans', title: 'Планы мероприятий и чек-лист', short: 'Планы', roles: school },
	{
		path: '/quality-form',
		title: 'Оценка муниципальных механизмов управления качеством',
		short: 'Муниципальная форма',
		roles: ['municipal']
	},
	{
		path: '/settings',
		title: 'Настройки и синхронизация',
		short: 'Настройки',
		roles: ['admin', 'tutor', 'teacher', 'student', 'parent', 'municipal']
	}
];

/** Sections a role sees; before sign-in only the settings. */
export function sectionsFor(role: Role | null): Section[] {
	return sections.filter((section) =>
		role ? section.roles.includes(role) : section.path === '/settings'
	);
}
