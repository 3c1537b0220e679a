import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	EditSession,
	lastChange,
	listChanges,
	observeValidatedSection,
	restoreSection,
	type Editor
} from '$lib/coedit';
import { AppError } from '$lib/shared/errors';
import { writeCurriculumPlan } from './curriculum-plan';
import { curriculumPlanSection } from './curriculum-plan.schema';
import { letterExamplePlan } from './curriculum-plan.fixture';
import { gradesSection, sphereSections } from './trajectory.schema';
import { initTrajectory, readTrajectory, trajectoryDocId } from './trajectory.ydoc';

const student: Editor = { personId: 'st-7', name: 'Кузнецова Дарья', role: 'student' };
const tutor: Editor = { personId: 'tu-2', name: 'Орлова Елена Викторовна', role: 'tutor' };
const academic = sphereSections.academic.layout;
const grades = gradesSection.layout;

function clockAt(iso: string) {
	let time = new Date(iso).getTime();
	return { now: () => new Date(time), set: (next: string) => (time = new Date(next).getTime()) };
}

function replica(clientID: number) {
	const doc = new Y.Doc({ gc: false });
	doc.clientID = clientID;
	initTrajectory(doc, {
		schoolId: 'sch-1',
		studentId: 'st-7',
		studentName: 'Кузнецова Дарья',
		grade: 9
	});
	return doc;
}

function exchange(a: Y.Doc, b: Y.Doc): void {
	const forB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
	const forA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
	Y.applyUpdate(b, forB, 'network');
	Y.applyUpdate(a, forA, 'network');
}

describe('initTrajectory', () => {
	it('sets the meta fields once', () => {
		const doc = replica(1);
		initTrajectory(doc, { schoolId: 'sch-1', studentId: 'st-7', grade: 10 });

		const { trajectory } = readTrajectory(doc);
		expect(trajectory.meta).toMatchObject({ studentId: 'st-7', schoolId: 'sch-1', grade: 9 });
	});

	it('rejects a document of another student', () => {
		const doc = replica(1);
		expect(() => initTrajectory(doc, { schoolId: 'sch-1', studentId: 'st-8' })).toThrow(AppError);
	});

	it('rejects ids that cannot be document ids', () => {
		expect(() => initTrajectory(new Y.Doc(), { schoolId: 'школа', studentId: 'st-7' })).toThrow(
			/Неверный идентификатор/
		);
	});

	it('creates no duplicates on two offline replicas', () => {
		const a = replica(1);
		const b = replica(2);
		const clock = clockAt('2024-10-01T10:00:00');
		new EditSession(a, student, clock).insertRow(academic, 'tasks', { text: 'решать задачи' });
		new EditSession(b, tutor, clock).setText(academic, 'goal', 'Сдать ОГЭ на 4');
		exchange(a, b);

		const fromA = readTrajectory(a).trajectory;
		expect(readTrajectory(b).trajectory).toEqual(fromA);
		expect(fromA.spheres.academic.tasks).toHaveLength(1);
		expect(fromA.spheres.academic.goal).toBe('Сдать ОГЭ на 4');
		expect(fromA.timeManagement.slots).toHaveLength(7);
		expect(fromA.meta.studentId).toBe('st-7');
		expect(fromA.workflow.state.stage).toBe(1);
	});
});

describe('offline co-editing', () => {
	it('merges edits of the same rows and different fields', () => {
		const a = replica(1);
		const b = replica(2);
		const clock = clockAt('2024-10-01T10:00:00');
		const editA = new EditSession(a, student, clock);
		const editB = new EditSession(b, tutor, clock);
		editA.setText(academic, 'goal', 'Сдать ОГЭ по математике.');
		const event = editA.insertRow(academic, 'events', { title: 'Школьный этап', level: 'school' });
		const algebra = editA.insertRow(grades, 'subjects', { subject: 'Алгебра', akr1: 3 });
		exchange(a, b);

		editA.setCell(academic, 'events', event, 'title', 'Школьный этап ВСОШ');
		editA.setCell(grades, 'subjects', algebra, 'half1', 4);
		editA.setText(academic, 'goal', 'Сдать ОГЭ по математике на 4.');
		editA.insertRow(academic, 'tasks', { text: 'решать вариант в неделю' });
		editB.setCell(academic, 'events', event, 'outcome', 'result');
		editB.setCell(academic, 'events', event, 'result', 'призёр');
		editB.setCell(grades, 'subjects', algebra, 'nextGoal', 'не ниже 4');
		editB.setText(academic, 'goal', 'Цель: сдать ОГЭ по математике.');
		editB.insertRow(academic, 'tasks', { text: 'ходить на консультации' });
		exchange(a, b);

		const merged = readTrajectory(a).trajectory;
		expect(readTrajectory(b).trajectory).toEqual(merged);
		expect(merged.spheres.academic.goal).toBe('Цель: сдать ОГЭ по математике на 4.');
		expect(merged.spheres.academic.events).toEqual([
			expect.objectContaining({
				title: 'Школьный этап ВСОШ',
				level: 'school',
				outcome: 'result',
				result: 'призёр'
			})
		]);
		expect(merged.grades.subjects[0]).toMatchObject({ akr1: 3, half1: 4, nextGoal: 'не ниже 4' });
		expect(merged.spheres.academic.tasks.map((task) => task.text).sort()).toEqual([
			'решать вариант в неделю',
			'ходить на консультации'
		]);
	});

	it('keeps each field author after the merge', () => {
		const a = replica(1);
		const b = replica(2);
		const clock = clockAt('2024-10-01T10:00:00');
		const row = new EditSession(a, student, clock).insertRow(grades, 'subjects', {
			subject: 'Физика'
		});
		exchange(a, b);
		new EditSession(a, student, clock).setCell(grades, 'subjects', row, 'comment', 'доволен');
		new EditSession(b, tutor, clock).setCell(grades, 'subjects', row, 'half1', 5);
		exchange(a, b);

		for (const doc of [a, b]) {
			expect(lastChange(doc, `grades/subjects/${row}/comment`)?.personId).toBe(student.personId);
			expect(lastChange(doc, `grades/subjects/${row}/half1`)?.personId).toBe(tutor.personId);
		}
		expect(readTrajectory(a).lastChange?.at).toBe(clock.now().toISOString());
	});
});

describe('trajectory history', () => {
	it('restores a sphere to an earlier day as a new change', () => {
		const doc = replica(1);
		const clock = clockAt('2024-10-01T10:00:00');
		const first = new EditSession(doc, student, clock);
		first.setText(academic, 'goal', 'Прочитать 5 книг до мая');
		first.insertRow(academic, 'tasks', { text: 'составить список книг' });
		first.destroy();

		clock.set('2024-10-05T10:00:00');
		const second = new EditSession(doc, student, clock);
		second.setText(academic, 'goal', '');
		second.destroy();

		clock.set('2024-10-06T09:00:00');
		const byTutor = new EditSession(doc, tutor, clock);
		expect(restoreSection(byTutor, academic, '2024-10-01')).toBe('restored');

		const { trajectory } = readTrajectory(doc);
		expect(trajectory.spheres.academic.goal).toBe('Прочитать 5 книг до мая');
		expect(trajectory.spheres.academic.tasks).toHaveLength(1);
		expect(listChanges(doc, 'spheres/academic').map((day) => day.day)).toEqual([
			'2024-10-06',
			'2024-10-05',
			'2024-10-01'
		]);
		expect(lastChange(doc, 'spheres/academic/goal')?.personId).toBe(tutor.personId);
	});
});

describe('readTrajectory', () => {
	it('lists invalid values and keeps their rows', () => {
		const doc = replica(1);
		const edit = new EditSession(doc, student, clockAt('2024-10-01T10:00:00'));
		const row = edit.insertRow(grades, 'subjects', { subject: 'Химия', akr1: 6, half1: 4 });
		const event = edit.insertRow(academic, 'events', { title: 'Конференция', date: 'вчера' });

		const { trajectory, invalid } = readTrajectory(doc);

		expect(trajectory.grades.subjects[0]).toMatchObject({ id: row, akr1: null, half1: 4 });
		expect(trajectory.spheres.academic.events[0]).toMatchObject({ id: event, date: null });
		expect(invalid).toEqual([
			{
				path: `spheres/academic/events/${event}/date`,
				value: 'вчера',
				message: expect.stringMatching(/ГГГГ-ММ-ДД/)
			},
			{
				path: `grades/subjects/${row}/akr1`,
				value: 6,
				message: 'Отметка — целое число от 2 до 5.'
			}
		]);
	});

	it('reads the curriculum plan it was given', () => {
		const doc = replica(1);
		const edit = new EditSession(doc, tutor, clockAt('2024-10-01T10:00:00'));
		const plan = letterExamplePlan();
		writeCurriculumPlan(edit, plan);

		const read = readTrajectory(doc).trajectory.curriculumPlan;
		const withoutIds = (rows: { id: string }[]) => rows.map(({ id: _id, ...rest }) => rest);
		expect(read.info).toEqual(plan.info);
		expect(withoutIds(read.basic)).toEqual(withoutIds(plan.basic));
		expect(withoutIds(read.additional)).toEqual(withoutIds(plan.additional));
		expect(() => writeCurriculumPlan(edit, plan)).toThrow(/already has rows/);
	});

	it('feeds validated values to an observer', () => {
		const doc = replica(1);
		const seen: unknown[] = [];
		const observer = observeValidatedSection(doc, curriculumPlanSection, (value, invalid) =>
			seen.push([value.info.grade, invalid.length])
		);
		const edit = new EditSession(doc, tutor, clockAt('2024-10-01T10:00:00'));
		edit.setValue(curriculumPlanSection.layout, 'info', 'grade', 11);
		edit.setValue(curriculumPlanSection.layout, 'info', 'grade', 12);

		expect(seen).toEqual([
			[11, 0],
			[null, 1]
		]);
		observer.stop();
	});
});

describe('trajectoryDocId', () => {
	it('formats the document id', () => {
		expect(trajectoryDocId('sch-1', 'st-7')).toBe('sch-1/trajectory/st-7');
	});
});
