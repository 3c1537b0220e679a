import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { lastChange } from './authorship';
import { EditSession } from './edit-session';
import { docAtEndOfDay, listChanges } from './history';
import { defineSection } from './layout';
import { readSectionAt, restoreSection } from './restore';
import { readSection } from './section-read';
import { exchange, fakeClock, newDoc, session, student, tutor } from './test-factories';

const goals = defineSection('goals', {
	goal: { kind: 'text' },
	fields: { kind: 'map' },
	tasks: { kind: 'rows', textColumns: ['text'] },
	grid: { kind: 'textMap' }
});
const diaryLike = defineSection('career', { conclusions: { kind: 'text' } });

afterEach(() => {
	vi.useRealTimers();
});

describe('listChanges', () => {
	it('groups changes by day and person', () => {
		const clock = fakeClock('2024-10-01T10:00:00');
		const a = newDoc(1);
		const b = newDoc(2);
		const editA = session(a, student, clock);
		const editB = session(b, tutor, clock);

		editA.setText(goals, 'goal', 'Сдать ОГЭ на 4');
		editB.setText(diaryLike, 'conclusions', 'Интерес к ИТ');
		clock.advanceMinutes(30);
		editA.setText(diaryLike, 'conclusions', 'Хочу в ТУСУР');
		clock.set('2024-10-02T16:00:00');
		editA.setValue(goals, 'fields', 'deadline', '2025-05-25');
		exchange(a, b);

		const days = listChanges(b);
		expect(days.map((day) => day.day)).toEqual(['2024-10-02', '2024-10-01']);
		expect(days[0].people).toMatchObject([{ personId: student.personId, sections: ['goals'] }]);
		expect(days[1].people.map((person) => [person.personId, person.sections])).toEqual([
			[student.personId, ['career', 'goals']],
			[tutor.personId, ['career']]
		]);
		expect(listChanges(b, 'goals').map((day) => day.people.length)).toEqual([1, 1]);
	});

	it('combines one person’s entries from two replicas', () => {
		const clock = fakeClock('2024-10-01T10:00:00');
		const phone = newDoc(1);
		const tablet = newDoc(2);
		session(phone, student, clock).setText(goals, 'goal', 'утром');
		clock.advanceMinutes(120);
		session(tablet, student, clock).setText(diaryLike, 'conclusions', 'днём');
		exchange(phone, tablet);

		const [day] = listChanges(phone);
		expect(day.people).toHaveLength(1);
		expect(day.people[0].sections).toEqual(['career', 'goals']);
		expect(day.people[0].lastAt).toBe(clock.now().toISOString());
	});
});

/** Day 1: both replicas fill the section; day 2: the student rewrites most of it. */
function twoDays() {
	const clock = fakeClock('2024-10-01T10:00:00');
	const a = newDoc(1);
	const b = newDoc(2);
	const editA = session(a, student, clock);
	const editB = session(b, tutor, clock);

	editA.setText(goals, 'goal', 'Прочитать 10 книг до мая');
	const kept = editA.insertRow(goals, 'tasks', { text: 'составить список', done: false });
	const removed = editA.insertRow(goals, 'tasks', { text: 'записаться в библиотеку' });
	editA.setTextEntry(goals, 'grid', 'mon', 'библиотека');
	editB.setValue(goals, 'fields', 'level', 'extended');
	// The screens flush when a tablet is put away; without it the day's last chunk waits
	// for the session's timer.
	editA.flush();
	editB.flush();
	exchange(a, b);

	clock.set('2024-10-02T18:00:00');
	editA.setText(goals, 'goal', 'Прочитать 3 книги');
	editA.setCell(goals, 'tasks', kept, 'done', true);
	editA.deleteRow(goals, 'tasks', removed);
	const added = editA.insertRow(goals, 'tasks', { text: 'новая задача' }, { index: 0 });
	editA.setTextEntry(goals, 'grid', 'tue', 'бассейн');
	editA.setValue(goals, 'fields', 'level', 'basic');
	editA.flush();
	exchange(a, b);
	return { clock, a, b, editA, editB, kept, removed, added };
}

describe('readSectionAt', () => {
	it('reads a section as it was at the end of an earlier day', () => {
		const { b, kept, removed } = twoDays();
		const dayOne = readSectionAt(b, goals, '2024-10-01');

		expect(dayOne).toEqual({
			goal: 'Прочитать 10 книг до мая',
			fields: { level: 'extended' },
			tasks: [
				{ id: kept, text: 'составить список', done: false },
				{ id: removed, text: 'записаться в библиотеку' }
			],
			grid: { mon: 'библиотека' }
		});
	});

	it('returns null before the first recorded day', () => {
		const { b } = twoDays();
		expect(readSectionAt(b, goals, '2024-09-30')).toBeNull();
	});

	it('needs a document with gc disabled', () => {
		expect(() => docAtEndOfDay(new Y.Doc(), '2024-10-01')).toThrow(/gc: false/);
	});
});

describe('restoreSection', () => {
	it('restores an earlier day as a new change', () => {
		const { clock, a, b, editB, kept, removed } = twoDays();
		const dayTwo = readSection(b, goals);
		clock.set('2024-10-03T08:30:00');

		expect(restoreSection(editB, goals, '2024-10-01')).toBe('restored');

		const restored = readSection(b, goals);
		expect(restored).toEqual(readSectionAt(b, goals, '2024-10-01'));
		expect(restored.tasks.map((row) => row.id)).toEqual([kept, removed]);
		expect(readSectionAt(b, goals, '2024-10-02')).toEqual(dayTwo);
		expect(listChanges(b, 'goals')[0]).toMatchObject({
			day: '2024-10-03',
			people: [{ personId: tutor.personId }]
		});
		expect(lastChange(b, 'goals/goal')?.personId).toBe(tutor.personId);

		exchange(a, b);
		expect(readSection(a, goals)).toEqual(restored);
	});

	it('reports a day without history', () => {
		const { editB } = twoDays();
		expect(restoreSection(editB, goals, '2024-01-01')).toBe('no-history');
	});

	it('reports a restore that changes nothing', () => {
		const { editB } = twoDays();
		expect(restoreSection(editB, goals, '2024-10-02')).toBe('unchanged');
	});
});

describe('history chunks', () => {
	it('writes the pending chunk after the interval', () => {
		vi.useFakeTimers();
		const clock = fakeClock('2024-10-01T09:00:00');
		const doc = newDoc(1);
		const edit = new EditSession(doc, student, { now: clock.now, chunkIntervalMs: 600_000 });
		edit.setText(goals, 'goal', 'черновик');
		clock.advanceMinutes(1);
		edit.setText(goals, 'goal', 'черновик цели');

		expect(readSectionAt(doc, goals, '2024-10-01')?.goal).toBe('черновик');
		vi.advanceTimersByTime(540_000);
		expect(readSectionAt(doc, goals, '2024-10-01')?.goal).toBe('черновик цели');
	});

	it('closes the previous day before a change after midnight', () => {
		const clock = fakeClock('2024-10-01T23:50:00');
		const doc = newDoc(1);
		const edit = new EditSession(doc, student, { now: clock.now, chunkIntervalMs: 600_000 });
		edit.setText(goals, 'goal', 'вечер');
		clock.advanceMinutes(8);
		edit.setText(goals, 'goal', 'поздний вечер');
		clock.set('2024-10-02T00:05:00');
		edit.setText(goals, 'goal', 'утро');

		expect(readSectionAt(doc, goals, '2024-10-01')?.goal).toBe('поздний вечер');
		expect(readSectionAt(doc, goals, '2024-10-02')?.goal).toBe('утро');
		edit.destroy();
	});

	it('writes the pending chunk on flush', () => {
		const clock = fakeClock('2024-10-01T09:00:00');
		const doc = newDoc(1);
		const edit = new EditSession(doc, student, { now: clock.now });
		edit.setText(goals, 'goal', 'один');
		clock.advanceMinutes(1);
		edit.setText(goals, 'goal', 'два');
		edit.flush();

		expect(readSectionAt(doc, goals, '2024-10-01')?.goal).toBe('два');
	});
});

describe('end of day', () => {
	it('leaves out later days of a replica merged before reading', () => {
		const clock = fakeClock('2024-10-01T10:00:00');
		const a = newDoc(1);
		const b = newDoc(2);
		session(a, student, clock).setText(goals, 'goal', 'цель ученика');
		exchange(a, b);
		clock.set('2024-10-02T10:00:00');
		const tutorEdit = session(b, tutor, clock);
		tutorEdit.setText(goals, 'goal', 'цель ученика, уточнённая тьютором');
		tutorEdit.insertRow(goals, 'tasks', { text: 'задача от тьютора' });
		tutorEdit.flush();
		exchange(a, b);

		expect(readSectionAt(a, goals, '2024-10-01')).toMatchObject({
			goal: 'цель ученика',
			tasks: []
		});
		expect(readSectionAt(a, goals, '2024-10-02')?.tasks).toHaveLength(1);
	});

	it('dates deletions of a session closed before its last chunk', () => {
		vi.useFakeTimers();
		const clock = fakeClock('2024-10-01T10:00:00');
		const doc = newDoc(1);
		const first = session(doc, student, clock);
		first.setText(goals, 'goal', 'длинный черновик цели');
		clock.advanceMinutes(1);
		first.setText(goals, 'goal', 'цель');
		// The tab closes here: no flush, and the timer never fires.

		clock.set('2024-10-03T09:00:00');
		session(doc, student, clock);

		expect(readSectionAt(doc, goals, '2024-10-01')?.goal).toBe('длинный черновик цели');
		expect(readSectionAt(doc, goals, '2024-10-03')?.goal).toBe('цель');
	});

	it('dates items of a closed session when the document is reopened', () => {
		vi.useFakeTimers();
		const clock = fakeClock('2024-10-01T10:00:00');
		const before = newDoc(1);
		const first = session(before, student, clock);
		first.setText(goals, 'goal', 'первая версия');
		clock.advanceMinutes(1);
		first.insertRow(goals, 'tasks', { text: 'несохранённая в истории задача' });

		// Reloading from storage gives a new document instance with a new client id.
		clock.set('2024-10-02T09:00:00');
		const reopened = newDoc(2);
		Y.applyUpdate(reopened, Y.encodeStateAsUpdate(before));
		session(reopened, student, clock);

		expect(readSectionAt(reopened, goals, '2024-10-01')?.tasks).toEqual([]);
		expect(readSectionAt(reopened, goals, '2024-10-02')?.tasks).toHaveLength(1);
	});
});

describe('session start', () => {
	it('adds no chunk when everything is recorded', () => {
		const clock = fakeClock('2024-10-01T10:00:00');
		const doc = newDoc(1);
		const first = session(doc, student, clock);
		first.setText(goals, 'goal', 'цель');
		first.setText(goals, 'goal', 'цель на год');
		first.destroy();
		const chunks = doc.getMap('coedit/history').size;

		const reopened = newDoc(2);
		Y.applyUpdate(reopened, Y.encodeStateAsUpdate(doc));
		session(reopened, tutor, clock).destroy();

		expect(reopened.getMap('coedit/history').size).toBe(chunks);
	});
});

describe('causal closure', () => {
	it('includes unrecorded items that a recorded change builds on', () => {
		vi.useFakeTimers();
		const clock = fakeClock('2024-10-01T10:00:00');
		const a = newDoc(1);
		const b = newDoc(2);
		const first = session(a, student, clock);
		first.setText(goals, 'goal', 'Цель');
		clock.advanceMinutes(1);
		first.setText(goals, 'goal', 'Цель: сдать ОГЭ');
		// The student's tablet closes before its last chunk. The tutor, whose session was
		// already open, builds on the text the next day.
		const byTutor = session(b, tutor, clock);
		exchange(a, b);
		clock.set('2024-10-02T10:00:00');
		byTutor.setText(goals, 'goal', 'Цель: сдать ОГЭ на 4');
		byTutor.flush();

		clock.set('2024-10-03T10:00:00');
		const reopened = newDoc(3);
		Y.applyUpdate(reopened, Y.encodeStateAsUpdate(b));
		session(reopened, student, clock);

		expect(readSectionAt(reopened, goals, '2024-10-01')?.goal).toBe('Цель');
		expect(readSectionAt(reopened, goals, '2024-10-02')?.goal).toBe('Цель: сдать ОГЭ на 4');
	});
});
