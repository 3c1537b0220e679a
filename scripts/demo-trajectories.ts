import type * as Y from 'yjs';
import { EditSession } from '../src/lib/coedit/edit-session';
import type { Editor } from '../src/lib/coedit/identity';
import { fillPlanFromTemplate } from '../src/lib/plans/activity-plan';
import { DEMO_ADMIN_ID, DEMO_TUTOR_ID } from '../src/lib/roster/demo-school';
import type { Roster } from '../src/lib/roster/roster.schema';
import { formatDocId } from '../src/lib/shared/doc-ids';
import {
	aboutSection,
	examsSection,
	sphereSections
} from '../src/lib/trajectory/trajectory.schema';
import { initTrajectory } from '../src/lib/trajectory/trajectory.ydoc';
import type { SeedWriter } from './demo-results';

/** The demo's documents are dated to the start of the school year. */
const seededAt = new Date('2026-09-15T09:00:00Z');

/**
 * Writes `fill` into a document only while it is empty: content written by an EditSession
 * gets new row ids every time, so a second seed must not write again.
 */
function once(fill: (doc: Y.Doc) => void): (doc: Y.Doc) => void {
	return (doc) => {
		if (doc.share.size === 0) fill(doc);
	};
}

function session(doc: Y.Doc, editor: Editor): EditSession {
	return new EditSession(doc, editor, { now: () => seededAt });
}

function fillTrajectory(doc: Y.Doc, roster: Roster, studentId: string, tutor: Editor): void {
	const student = roster.students.find((s) => s.id === studentId)!;
	const grade = roster.classes.find((c) => c.id === student.classId)!.grade;
	initTrajectory(doc, {
		schoolId: roster.schoolId,
		studentId,
		studentName: student.fullName,
		grade,
		academicYear: '2026/2027'
	});
	const edit = session(doc, tutor);
	const about = aboutSection.layout;
	edit.setText(
		about,
		'want',
		grade >= 10
			? 'Поступить на биологический факультет ТГУ.'
			: 'Научиться решать задачи на движение.'
	);
	edit.setText(about, 'can', 'Много читаю, занимаюсь в кружке «Юный натуралист».');
	edit.setText(
		about,
		'must',
		grade >= 10
			? 'Сдать ЕГЭ по биологии и химии не ниже 80 баллов.'
			: 'Выполнять домашние задания вовремя.'
	);
	const academic = sphereSections.academic.layout;
	edit.setText(
		academic,
		'goal',
		grade >= 10
			? 'Повысить отметку по химии до «5» к концу первого полугодия'
			: 'Получить «4» по математике за четверть'
	);
	edit.insertRow(academic, 'tasks', { text: 'Разобрать типичные ошибки ВПР', done: true });
	edit.insertRow(academic, 'tasks', { text: 'Заниматься с тьютором по вторникам', done: false });
	edit.insertRow(academic, 'events', {
		title: 'Школьный этап олимпиады',
		date: '2026-10-10',
		level: 'school',
		outcome: 'took-part',
		result: ''
	});
	if (grade >= 10) {
		edit.insertRow(examsSection.layout, 'entries', {
			exam: 'ege',
			subject: 'Биология',
			plannedScore: 80,
			decemberScore: 62,
			decemberDate: '2026-12-12'
		});
		edit.insertRow(examsSection.layout, 'entries', {
			exam: 'ege',
			subject: 'Химия',
			plannedScore: 75
		});
	}
	edit.destroy();
}

/** Seeds two students' trajectories and the school's activity plan. Returns how many changed. */
export async function seedDemoTrajectories(roster: Roster, seed: SeedWriter): Promise<number> {
	const person = (id: string) => roster.people.find((p) => p.id === id)!;
	const tutor: Editor = {
		personId: DEMO_TUTOR_ID,
		name: person(DEMO_TUTOR_ID).fullName,
		role: 'tutor'
	};
	const admin: Editor = {
		personId: DEMO_ADMIN_ID,
		name: person(DEMO_ADMIN_ID).fullName,
		role: 'admin'
	};
	let changed = 0;
	for (const studentId of ['student-10a-02', 'student-5a-02']) {
		const id = formatDocId({ kind: 'trajectory', school: roster.schoolId, student: studentId });
		if (
			await seed(
				id,
				once((doc) => fillTrajectory(doc, roster, studentId, tutor))
			)
		)
			changed++;
	}
	const plans = formatDocId({ kind: 'plans', school: roster.schoolId });
	const fillPlan = once((doc) => {
		const edit = session(doc, admin);
		fillPlanFromTemplate(edit);
		edit.destroy();
	});
	if (await seed(plans, fillPlan)) changed++;
	return changed;
}
