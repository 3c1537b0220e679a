import * as Y from 'yjs';
import { EditSession, type Editor } from '$lib/coedit';
import { roadmapSectionIds, type RoadmapRow, type RoadmapSectionId } from './roadmap.schema';
import type { MassDeficitInput } from './proposals';
import type { TeacherRoute } from './teacher-route.schema';
import { initTeacherRoute } from './teacher-route.ydoc';

/** Small builders for the specs of this folder. Not used by application code. */

export const teacher: Editor = { personId: 't-1', name: 'Иванова Мария Петровна', role: 'teacher' };
export const otherTeacher: Editor = {
	personId: 't-2',
	name: 'Петров Илья Сергеевич',
	role: 'teacher'
};
export const deputy: Editor = { personId: 'adm-1', name: 'Сидорова Ольга Ивановна', role: 'admin' };

export const fixedNow = new Date('2025-09-01T08:00:00.000Z');

export function newDoc(): Y.Doc {
	return new Y.Doc({ gc: false });
}

export function sessionFor(
	doc: Y.Doc,
	editor: Editor = teacher,
	now: Date = fixedNow
): EditSession {
	return new EditSession(doc, editor, { now: () => now });
}

/** Creates a document with the route of `teacher` set up, and a session of `editor`. */
export function newRoute(editor: Editor = teacher): { doc: Y.Doc; session: EditSession } {
	const doc = newDoc();
	const session = sessionFor(doc, editor);
	initTeacherRoute(
		session,
		{ schoolId: 'school-1', teacherId: teacher.personId, fullName: teacher.name },
		fixedNow
	);
	return { doc, session };
}

/** Sends each document's missing updates to the other, as a sync round would. */
export function exchange(a: Y.Doc, b: Y.Doc): void {
	const forB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
	const forA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
	Y.applyUpdate(b, forB, 'remote');
	Y.applyUpdate(a, forA, 'remote');
}

/** Creates a second replica of `doc`, in sync with it. */
export function replicaOf(doc: Y.Doc): Y.Doc {
	const copy = newDoc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc), 'remote');
	return copy;
}

export function massDeficit(overrides: Partial<MassDeficitInput> = {}): MassDeficitInput {
	return {
		procedureId: 'vpr-2025-math-5',
		procedureTitle: 'ВПР, математика, 5 класс',
		date: '2025-04-15',
		subject: 'Математика',
		className: '5А',
		skillCode: '1.2',
		skillText: 'Решать задачи на нахождение части числа',
		solveRate: 0.32,
		threshold: 0.6,
		failedShare: 0.71,
		persistence: 'new',
		teacherId: teacher.personId,
		...overrides
	};
}

export function roadmapRow(overrides: Partial<RoadmapRow> = {}): RoadmapRow {
	return {
		id: 'row-1',
		kind: 'seminar',
		content: 'Семинар «Формирующее оценивание»',
		details: '',
		role: '',
		throughout: false,
		deficitIds: [],
		doneDocument: '',
		...overrides
	};
}

export function emptySections(): Record<RoadmapSectionId, RoadmapRow[]> {
	return Object.fromEntries(roadmapSectionIds.map((id) => [id, []])) as unknown as Record<
		RoadmapSectionId,
		RoadmapRow[]
	>;
}

/** Returns a route with every block filled, for round trips. */
export function fullRoute(): TeacherRoute {
	const sections = emptySections();
	sections['1.1'] = [
		roadmapRow({
			id: 'course-1',
			kind: 'refresher-course',
			content: '«Методика обучения решению текстовых задач»',
			hours: 36,
			start: '2025-10-01',
			end: '2025-11-15',
			deficitIds: ['deficit-2'],
			doneDate: '2025-11-15',
			doneDocument: 'Удостоверение № 7019-123'
		})
	];
	sections['1.3'] = [
		roadmapRow({
			id: 'visits-1',
			kind: 'lesson-visits',
			throughout: true,
			details: 'Котова Е. А., МБОУ СОШ № 2'
		})
	];
	sections['1.4'] = [
		roadmapRow({
			id: 'mo-1',
			kind: 'methodical-association',
			content: 'ШМО учителей математики',
			role: 'Руководитель',
			level: 'school'
		})
	];
	return {
		meta: {
			version: 1,
			schoolId: 'school-1',
			teacherId: teacher.personId,
			createdAt: fixedNow.toISOString()
		},
		personal: {
			fullName: teacher.name,
			birthDate: '1985-03-12',
			educationLevel: 'specialist-master',
			educationInstitution: 'Томский государственный педагогический университет',
			educationSpeciality: 'Математика',
			educationQualification: 'Учитель математики',
			graduationDate: '2007-06-30',
			experienceYears: 18,
			school: 'МБОУ «Берёзовская СОШ»',
			position: 'Учитель математики',
			subjectArea: 'Математика и информатика',
			category: 'first',
			categoryOrderDate: '2022-12-20',
			categoryOrderNumber: '1234',
			phone: '+7 913 123-45-67',
			email: 'ivanova@example.ru'
		},
		goal: 'Освоить приёмы формирующего оценивания на уроках математики',
		deficits: {
			generalCultural: [],
			generalProfessional: [
				{ id: 'deficit-1', text: 'Цифровые инструменты урока', source: 'manual' }
			],
			professional: [
				{ id: 'deficit-2', text: 'Обучение решению текстовых задач', source: 'manual' }
			]
		},
		diagnostics: {
			date: '2025-05-20',
			instrument: 'Диагностика ЦНППМ',
			results: [{ id: 'competence-1', competence: 'Предметная компетенция', result: '62 %' }]
		},
		roadmap: { duration: '1 учебный год', start: '2025-09-01', end: '2026-05-31', sections },
		closing: {
			nextDiagnosticsDate: '2026-05-15',
			drawnUpDate: '2025-09-01',
			deputyName: deputy.name,
			deputyPosition: 'Заместитель директора по УР',
			deputyContacts: 'sidorova@example.ru'
		},
		signatures: {},
		dismissedProposals: {}
	};
}
