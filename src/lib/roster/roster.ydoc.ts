import * as Y from 'yjs';
import type { RosterIndex } from '../shared/access';
import { emptyRosterIndex } from '../shared/access';
import {
	personSchema,
	rosterSchema,
	schoolClassSchema,
	studentSchema,
	teachingSchema,
	type Roster
} from './roster.schema';

/**
 * The roster document keeps one Y.Map per collection, keyed by id, with plain JSON values,
 * so that two administrators adding different students never conflict. Teaching
 * assignments are keyed `{teacherId}:{classId}:{subject}`.
 */
const collections = ['classes', 'people', 'students', 'teaching'] as const;

export function teachingKey(teaching: {
	teacherId: string;
	classId: string;
	subject: string;
}): string {
	return `${teaching.teacherId}:${teaching.classId}:${teaching.subject}`;
}

/** Sets a key only when its value differs, so rewriting the same roster changes nothing. */
function setIfChanged(map: Y.Map<unknown>, key: string, value: unknown): void {
	if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
}

/**
 * Writes the roster into the document in one transaction. Entries are added or replaced;
 * entries equal to the stored ones are left alone, so writing the same roster twice
 * produces no update at all.
 */
export function writeRoster(doc: Y.Doc, roster: Roster, origin: unknown = null): void {
	const valid = rosterSchema.parse(roster);
	doc.transact(() => {
		const meta = doc.getMap('meta');
		setIfChanged(meta, 'schoolId', valid.schoolId);
		setIfChanged(meta, 'schoolName', valid.schoolName);
		setIfChanged(meta, 'municipality', valid.municipality);
		for (const item of valid.classes) setIfChanged(doc.getMap('classes'), item.id, item);
		for (const item of valid.people) setIfChanged(doc.getMap('people'), item.id, item);
		for (const item of valid.students) setIfChanged(doc.getMap('students'), item.id, item);
		for (const item of valid.teaching) {
			setIfChanged(doc.getMap('teaching'), teachingKey(item), item);
		}
	}, origin);
}

/**
 * Reads the roster from the document. Entries that fail validation are skipped and listed
 * in `invalid`, so one bad entry never hides the rest.
 */
export function readRoster(doc: Y.Doc): { roster: Roster; invalid: string[] } {
	const meta = doc.getMap('meta');
	const invalid: string[] = [];
	const read = <T>(
		name: (typeof collections)[number],
		schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }
	) => {
		const out: T[] = [];
		doc.getMap(name).forEach((value, key) => {
			const parsed = schema.safeParse(value);
			if (parsed.success) out.push(parsed.data);
			else invalid.push(`${name}/${key}`);
		});
		return out;
	};
	const roster: Roster = {
		schoolId: String(meta.get('schoolId') ?? ''),
		schoolName: String(meta.get('schoolName') ?? ''),
		municipality: String(meta.get('municipality') ?? ''),
		classes: read('classes', schoolClassSchema),
		people: read('people', personSchema),
		students: read('students', studentSchema),
		teaching: read('teaching', teachingSchema)
	};
	return { roster, invalid };
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
	let set = map.get(key);
	if (!set) map.set(key, (set = new Set()));
	set.add(value);
}

/**
 * Builds the access relations from a roster. Classes are named by their label in
 * document ids of results (`.../class/5A`), so class sets hold ids.
 */
export function buildRosterIndex(roster: Roster): RosterIndex {
	const index = emptyRosterIndex();
	const classTutor = new Map(roster.classes.map((c) => [c.id, c.tutorId]));
	for (const schoolClass of roster.classes) {
		if (schoolClass.tutorId) add(index.tutorClasses, schoolClass.tutorId, schoolClass.id);
	}
	for (const student of roster.students) {
		const tutor = student.tutorId ?? classTutor.get(student.classId);
		if (tutor) add(index.tutorStudents, tutor, student.id);
		for (const parent of student.parentIds) add(index.parentChildren, parent, student.id);
	}
	for (const teaching of roster.teaching)
		add(index.teacherClasses, teaching.teacherId, teaching.classId);
	return index;
}
