import type { DocRef } from './doc-ids';

/** The roles a person can hold; each device's token names exactly one. */
export const roles = ['admin', 'tutor', 'teacher', 'student', 'parent', 'municipal'] as const;
export type Role = (typeof roles)[number];

export const roleNames: Record<Role, string> = {
	admin: 'Заместитель директора',
	tutor: 'Тьютор / классный руководитель',
	teacher: 'Учитель-предметник',
	student: 'Обучающийся',
	parent: 'Родитель',
	municipal: 'Муниципальный координатор'
};

/** What a signed token asserts about the connecting device. */
export interface Claims {
	/** Person id: a student, teacher, parent id from the roster. */
	sub: string;
	/** School id, or the municipality id for a municipal organiser. */
	school: string;
	role: Role;
	device: string;
	/** Expiry, seconds since the epoch. */
	exp: number;
}

/**
 * Relations from the school roster that decide access. Built by the relay from the roster
 * document, never from anything the client sends.
 */
export interface RosterIndex {
	tutorStudents: Map<string, Set<string>>;
	tutorClasses: Map<string, Set<string>>;
	teacherClasses: Map<string, Set<string>>;
	parentChildren: Map<string, Set<string>>;
}

export type Access = 'write' | 'read' | 'none';

export function emptyRosterIndex(): RosterIndex {
	return {
		tutorStudents: new Map(),
		tutorClasses: new Map(),
		teacherClasses: new Map(),
		parentChildren: new Map()
	};
}

function has(map: Map<string, Set<string>>, key: string, value: string): boolean {
	return map.get(key)?.has(value) ?? false;
}

/**
 * Decides what the holder of `claims` may do with the document `ref`. The table this
 * implements: the administrator writes everything of the school; a tutor writes the
 * trajectories and diaries of their students and reads the roster, procedures and their
 * classes' results; a subject teacher writes their own route and reads the results of the
 * classes they teach; a student writes their own trajectory; a parent reads their child's
 * trajectory; a municipal organiser writes the municipal form and sees nothing of a school.
 */
export function accessFor(claims: Claims, ref: DocRef, roster: RosterIndex): Access {
	if (ref.kind === 'quality-form') {
		return claims.role === 'municipal' && claims.school === ref.municipality ? 'write' : 'none';
	}
	if (claims.role === 'municipal' || claims.school !== ref.school) return 'none';
	if (claims.role === 'admin') return 'write';

	const person = claims.sub;
	switch (ref.kind) {
		case 'roster':
		case 'procedure':
		case 'plans':
		case 'checklist':
			return claims.role === 'tutor' || claims.role === 'teacher' ? 'read' : 'none';
		case 'trajectory':
			if (claims.role === 'tutor')
				return has(roster.tutorStudents, person, ref.student) ? 'write' : 'none';
			if (claims.role === 'student') return person === ref.student ? 'write' : 'none';
			if (claims.role === 'parent')
				return has(roster.parentChildren, person, ref.student) ? 'read' : 'none';
			return 'none';
		case 'diary':
			return claims.role === 'tutor' && has(roster.tutorStudents, person, ref.student)
				? 'write'
				: 'none';
		case 'procedure-class':
			if (claims.role === 'tutor')
				return has(roster.tutorClasses, person, ref.className) ? 'read' : 'none';
			if (claims.role === 'teacher')
				return has(roster.teacherClasses, person, ref.className) ? 'read' : 'none';
			return 'none';
		case 'teacher-route':
			return claims.role === 'teacher' && person === ref.teacher ? 'write' : 'none';
	}
}
