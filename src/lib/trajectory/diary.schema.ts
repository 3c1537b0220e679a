import { z } from 'zod';
import { defineValidatedSection, type SectionValue } from '$lib/coedit';
import { choiceField, dateField, textField } from './fields.schema';
import { diaryNoteKindLabels } from './trajectory.labels';

/**
 * The tutor's diary of a trajectory («Дневник реализации ИОТ»): dated notes on the student's
 * significant behaviour and on work with the parents. It is a separate document,
 * `{school}/diary/{student}`, that only the tutor and the administration receive.
 */

export const diaryNoteKinds = ['behaviour', 'parents', 'other'] as const;
export type DiaryNoteKind = (typeof diaryNoteKinds)[number];

const shortText = z
	.string({ error: 'Ожидается текст.' })
	.max(300, 'Не длиннее 300 знаков.')
	.default('');

export const diarySection = defineValidatedSection('diary', {
	fields: { kind: 'fields', shape: { studentId: shortText, schoolId: shortText } },
	notes: {
		kind: 'rows',
		textColumns: ['text'],
		shape: {
			date: dateField,
			kind: choiceField(diaryNoteKinds, diaryNoteKindLabels),
			text: textField,
			/** The note's author, fixed when it is written; later edits show in authorship. */
			authorId: shortText,
			authorName: shortText
		}
	}
});

export type DiaryValue = SectionValue<typeof diarySection.schemas>;
export type DiaryNote = DiaryValue['notes'][number];
