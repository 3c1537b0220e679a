import type { Roster } from '$lib/roster/roster.schema';
import type { SkillDeficit } from './deficits';
import type { TeacherRef } from './options';

/** Looks up the teacher of a class: by `school/class` first, then by the class label alone. */
export function teacherOf(
	teachers: Record<string, TeacherRef>,
	school: string,
	classLabel: string
): TeacherRef | null {
	const own = (key: string) => (Object.hasOwn(teachers, key) ? teachers[key] : undefined);
	return own(`${school}/${classLabel}`) ?? own(classLabel) ?? null;
}

/**
 * Maps class labels to the teacher of `subject` in them, from a school roster. Subjects
 * match ignoring case and surrounding spaces.
 * NOTE: a class whose subject is split between two teachers maps to the first listed.
 */
export function teachersFromRoster(roster: Roster, subject: string): Record<string, TeacherRef> {
	const wanted = subject.trim().toLocaleLowerCase('ru');
	const labels = new Map(roster.classes.map((c) => [c.id, c.label]));
	const names = new Map(roster.people.map((p) => [p.id, p.fullName]));
	const teachers: Record<string, TeacherRef> = {};
	for (const teaching of roster.teaching) {
		if (teaching.subject.trim().toLocaleLowerCase('ru') !== wanted) continue;
		const label = labels.get(teaching.classId);
		if (label === undefined || label in teachers) continue;
		teachers[label] = { id: teaching.teacherId, name: names.get(teaching.teacherId) ?? '' };
	}
	return teachers;
}

/** How often each skill is a problem across one teacher's classes. */
export interface TeacherSummary {
	teacher: TeacherRef;
	classKeys: string[];
	skills: { skill: string; notMastered: number; mass: number; point: number }[];
}

export interface TeacherClassRecord {
	key: string;
	teacher: TeacherRef | null;
	deficits: SkillDeficit[];
	typicalErrors: { skills: string[] };
}

/** Counts, per teacher and skill, the classes where it was not mastered, mass or point. */
export function summarizeTeachers(classes: TeacherClassRecord[]): TeacherSummary[] {
	const byTeacher = new Map<string, TeacherSummary>();
	for (const report of classes) {
		if (!report.teacher) continue;
		let summary = byTeacher.get(report.teacher.id);
		if (!summary) {
			summary = { teacher: report.teacher, classKeys: [], skills: [] };
			byTeacher.set(report.teacher.id, summary);
		}
		summary.classKeys.push(report.key);
		const row = (skill: string) => {
			let found = summary.skills.find((s) => s.skill === skill);
			if (!found) summary.skills.push((found = { skill, notMastered: 0, mass: 0, point: 0 }));
			return found;
		};
		for (const skill of report.typicalErrors.skills) row(skill).notMastered++;
		for (const deficit of report.deficits) row(deficit.skill)[deficit.kind]++;
	}
	return [...byTeacher.values()];
}
