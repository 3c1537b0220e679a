import type { Role } from '$lib/shared/access';
import type { SchoolDatabase } from '$lib/storage/db';
import { peopleOf } from '$lib/storage/roster.repo';

/** A person an invitation can be made for, from the roster projections. */
export interface PersonOption {
	id: string;
	name: string;
	/** A class label for a student, subjects for a teacher; '' when there is nothing to add. */
	detail: string;
}

/** Lists the people of the school with `role`, students by class and then by name. */
export async function peopleForRole(
	db: SchoolDatabase,
	school: string,
	role: Role
): Promise<PersonOption[]> {
	if (role === 'student') {
		const students = await db.students.where('school').equals(school).toArray();
		// Numeric order puts 5А before 10А.
		return students
			.sort(
				(a, b) =>
					a.classLabel.localeCompare(b.classLabel, 'ru', { numeric: true }) ||
					a.fullName.localeCompare(b.fullName, 'ru')
			)
			.map((student) => ({ id: student.id, name: student.fullName, detail: student.classLabel }));
	}
	const people = await peopleOf(db, school);
	return people
		.filter((person) => person.role === role)
		.map((person) => ({
			id: person.id,
			name: person.fullName,
			detail: person.subjects.join(', ')
		}));
}

/** Reads the names of everyone in the school's roster, students included, by id. */
export async function personNames(
	db: SchoolDatabase,
	school: string
): Promise<Map<string, string>> {
	const [people, students] = await Promise.all([
		peopleOf(db, school),
		db.students.where('school').equals(school).toArray()
	]);
	return new Map([...people, ...students].map((person) => [person.id, person.fullName]));
}
