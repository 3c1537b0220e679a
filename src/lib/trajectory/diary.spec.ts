import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditSession, type Editor } from '$lib/coedit';
import { accessFor, emptyRosterIndex } from '$lib/shared/access';
import { parseDocId } from '$lib/shared/doc-ids';
import { AppError } from '$lib/shared/errors';
import { addDiaryNote, diaryDocId, initDiary, readDiary } from './diary.ydoc';
import { diarySection } from './diary.schema';

const tutor: Editor = { personId: 'tu-1', name: 'Смирнова А. П.', role: 'tutor' };
const student: Editor = { personId: 'st-1', name: 'Петров Иван', role: 'student' };

function diary() {
	const doc = new Y.Doc({ gc: false });
	initDiary(doc, { schoolId: 'sch-1', studentId: 'st-1' });
	const session = new EditSession(doc, tutor, { now: () => new Date('2024-10-01T10:00:00') });
	return { doc, session };
}

describe('tutor diary', () => {
	it('lists notes newest first with their author', () => {
		const { doc, session } = diary();
		addDiaryNote(session, {
			date: '2024-09-20',
			kind: 'behaviour',
			text: 'Сам предложил тему проекта.'
		});
		addDiaryNote(session, {
			date: '2024-10-01',
			kind: 'parents',
			text: 'Беседа с мамой о выборе ОГЭ.'
		});
		addDiaryNote(session, { date: '2024-09-20', kind: 'other', text: 'Пропустил консультацию.' });

		const read = readDiary(doc);
		expect(read.studentId).toBe('st-1');
		expect(read.notes.map((note) => note.text)).toEqual([
			'Беседа с мамой о выборе ОГЭ.',
			'Сам предложил тему проекта.',
			'Пропустил консультацию.'
		]);
		expect(read.notes[0]).toMatchObject({
			kind: 'parents',
			authorId: 'tu-1',
			authorName: tutor.name
		});
		expect(read.invalid).toEqual([]);
	});

	it('rejects a note with an empty text or a bad date', () => {
		const { doc, session } = diary();
		expect(() =>
			addDiaryNote(session, { date: '2024-10-01', kind: 'behaviour', text: ' ' })
		).toThrow(/Текст записи пуст/);
		expect(() =>
			addDiaryNote(session, { date: '01.10.2024', kind: 'behaviour', text: 'x' })
		).toThrow(/ГГГГ-ММ-ДД/);
		expect(readDiary(doc).notes).toEqual([]);
	});

	it('is written only by a tutor or an administrator', () => {
		const doc = new Y.Doc({ gc: false });
		const session = new EditSession(doc, student);
		expect(() => addDiaryNote(session, { date: '2024-10-01', kind: 'other', text: 'x' })).toThrow(
			AppError
		);
	});

	it('lists an invalid kind as such', () => {
		const { doc, session } = diary();
		const id = session.insertRow(diarySection.layout, 'notes', {
			date: '2024-10-01',
			kind: 'call',
			text: 'Звонок'
		});
		const read = readDiary(doc);
		expect(read.notes[0]).toMatchObject({ id, kind: null, text: 'Звонок' });
		expect(read.invalid.map((item) => [item.path, item.value])).toEqual([
			[`diary/notes/${id}/kind`, 'call']
		]);
	});

	it('is a document the student never receives', () => {
		const ref = parseDocId(diaryDocId('sch-1', 'st-1'));
		expect(ref).toEqual({ kind: 'diary', school: 'sch-1', student: 'st-1' });
		const claims = { sub: 'st-1', school: 'sch-1', role: 'student' as const, device: 'd', exp: 0 };
		expect(accessFor(claims, ref!, emptyRosterIndex())).toBe('none');
	});

	it('rejects a diary of another student', () => {
		const { doc } = diary();
		expect(() => initDiary(doc, { schoolId: 'sch-1', studentId: 'st-2' })).toThrow(/уже ведётся/);
	});
});
