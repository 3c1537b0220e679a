import type * as Y from 'yjs';
import { getPartMap, readValidatedSection, type EditSession, type InvalidValue } from '$lib/coedit';
import { formatDocId } from '$lib/shared/doc-ids';
import { AppError } from '$lib/shared/errors';
import { dateField } from './fields.schema';
import { diaryNoteKinds, diarySection, type DiaryNote, type DiaryNoteKind } from './diary.schema';

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Returns the document id of a student's diary, `{school}/diary/{student}`. */
export function diaryDocId(schoolId: string, studentId: string): string {
	return formatDocId({ kind: 'diary', school: schoolId, student: studentId });
}

/** Sets the diary's owner if it is not set yet; safe to run again and on two replicas. */
export function initDiary(doc: Y.Doc, init: { schoolId: string; studentId: string }): void {
	if (!idPattern.test(init.schoolId) || !idPattern.test(init.studentId)) {
		throw new AppError(
			'validation-failed',
			`Неверный идентификатор: ${init.schoolId}/${init.studentId}.`
		);
	}
	const fields = getPartMap(doc, diarySection.layout, 'fields');
	const owner = fields.get('studentId');
	if (owner !== undefined && owner !== init.studentId) {
		throw new AppError(
			'validation-failed',
			`Дневник уже ведётся для обучающегося ${String(owner)}.`
		);
	}
	doc.transact(() => {
		if (!fields.has('studentId')) fields.set('studentId', init.studentId);
		if (!fields.has('schoolId')) fields.set('schoolId', init.schoolId);
	});
}

export interface DiaryNoteInput {
	date: string;
	kind: DiaryNoteKind;
	text: string;
}

/**
 * Adds a note written by the session's editor and returns its id. Only a tutor or an
 * administrator writes the diary. Throws a validation error, before anything is written,
 * when the date, kind or text is invalid.
 */
export function addDiaryNote(session: EditSession, note: DiaryNoteInput): string {
	const { role, personId, name } = session.editor;
	if (role !== 'tutor' && role !== 'admin') {
		throw new AppError('room-forbidden', 'Дневник ведут тьютор и администрация школы.');
	}
	if (!dateField.safeParse(note.date).success || note.date === null) {
		throw new AppError('validation-failed', `Дата «${note.date}»: укажите её в виде ГГГГ-ММ-ДД.`);
	}
	if (!diaryNoteKinds.includes(note.kind)) {
		throw new AppError('validation-failed', 'Выберите вид записи.');
	}
	if (note.text.trim().length === 0) {
		throw new AppError('validation-failed', 'Текст записи пуст: опишите, что произошло.');
	}
	return session.insertRow(diarySection.layout, 'notes', {
		...note,
		authorId: personId,
		authorName: name
	});
}

export interface DiaryRead {
	studentId: string;
	schoolId: string;
	/** Newest date first; notes of one day in the order they were added. */
	notes: DiaryNote[];
	invalid: InvalidValue[];
}

export function readDiary(doc: Y.Doc): DiaryRead {
	const invalid: InvalidValue[] = [];
	const value = readValidatedSection(doc, diarySection, invalid);
	const notes = value.notes
		.map((note, order) => ({ note, order }))
		.sort((a, b) => (b.note.date ?? '').localeCompare(a.note.date ?? '') || a.order - b.order)
		.map(({ note }) => note);
	return { ...value.fields, notes, invalid };
}
