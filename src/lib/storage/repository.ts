import { formatDocId, type DocKind, type DocRef } from '$lib/shared/doc-ids';
import type { DocumentRow, SchoolDatabase } from './db';
import { ensureDocument, listDocuments, openDocument, type OpenedDocument } from './documents.repo';

type RefOf<K extends DocKind> = Extract<DocRef, { kind: K }>;

/** Typed access to the documents of one kind: ids built from references, never by hand. */
export interface DocumentRepository<K extends DocKind> {
	kind: K;
	idOf(ref: Omit<RefOf<K>, 'kind'>): string;
	ensure(db: SchoolDatabase, ref: Omit<RefOf<K>, 'kind'>, title?: string): Promise<DocumentRow>;
	open(db: SchoolDatabase, ref: Omit<RefOf<K>, 'kind'>): Promise<OpenedDocument>;
	list(db: SchoolDatabase, school: string): Promise<DocumentRow[]>;
}

export function documentRepository<K extends DocKind>(
	kind: K,
	defaultTitle: string
): DocumentRepository<K> {
	const idOf = (ref: Omit<RefOf<K>, 'kind'>) => formatDocId({ ...ref, kind } as unknown as DocRef);
	return {
		kind,
		idOf,
		ensure: (db, ref, title) => ensureDocument(db, { id: idOf(ref), title: title ?? defaultTitle }),
		async open(db, ref) {
			await ensureDocument(db, { id: idOf(ref), title: '' });
			return openDocument(db, idOf(ref));
		},
		list: (db, school) => listDocuments(db, { kind, school })
	};
}

export const rosterRepository = documentRepository('roster', 'Контингент школы');
export const trajectoryRepository = documentRepository('trajectory', 'Индивидуальная траектория');
export const diaryRepository = documentRepository('diary', 'Дневник реализации ИОТ');
export const procedureRepository = documentRepository('procedure', 'Оценочная процедура');
export const procedureClassRepository = documentRepository('procedure-class', 'Результаты класса');
export const teacherRouteRepository = documentRepository('teacher-route', 'Маршрут педагога');
export const plansRepository = documentRepository('plans', 'План мероприятий');
export const checklistRepository = documentRepository('checklist', 'Чек-лист цифрового управления');
export const qualityFormRepository = documentRepository(
	'quality-form',
	'Форма оценки муниципальных механизмов'
);
