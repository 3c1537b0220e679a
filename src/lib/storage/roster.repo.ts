import type { Roster } from '$lib/roster/roster.schema';
import { writeRoster } from '$lib/roster/roster.ydoc';
import type { ClassRow, PersonRow, SchoolDatabase, StudentRow } from './db';
import { rebuildRosterProjection } from './projections';
import { rosterRepository } from './repository';

/** Writes a roster into the school's roster document and refreshes the projections. */
export async function saveRoster(
	db: SchoolDatabase,
	roster: Roster,
	origin: unknown = 'local'
): Promise<void> {
	const opened = await rosterRepository.open(db, { school: roster.schoolId });
	try {
		writeRoster(opened.doc, roster, origin);
		await rebuildRosterProjection(db, roster.schoolId, opened.doc);
	} finally {
		opened.release();
	}
}

export function classesOf(db: SchoolDatabase, school: string): Promise<ClassRow[]> {
	return db.classes.where('school').equals(school).sortBy('label');
}

export function studentsOfClass(db: SchoolDatabase, classId: string): Promise<StudentRow[]> {
	return db.students.where('classId').equals(classId).sortBy('fullName');
}

export function studentsOfTutor(db: SchoolDatabase, tutorId: string): Promise<StudentRow[]> {
	return db.students.where('tutorId').equals(tutorId).sortBy('fullName');
}

export function peopleOf(db: SchoolDatabase, school: string): Promise<PersonRow[]> {
	return db.people.where('school').equals(school).sortBy('fullName');
}
