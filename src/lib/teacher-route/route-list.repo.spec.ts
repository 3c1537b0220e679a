import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { EditSession, type Editor } from '$lib/coedit';
import type { Roster } from '$lib/roster/roster.schema';
import { createDatabase, type SchoolDatabase } from '$lib/storage/db';
import { teacherRouteRepository } from '$lib/storage/repository';
import { saveRoster } from '$lib/storage/roster.repo';
import { schoolRouteOverview } from './progress';
import { loadRouteInit, loadSchoolRoutes, startRoute } from './route-list.repo';
import { signRoute } from './sign-off';
import { initTeacherRoute, setRouteField } from './teacher-route.ydoc';

const opened: SchoolDatabase[] = [];

function freshDatabase(): SchoolDatabase {
	const db = createDatabase(`route-list-${crypto.randomUUID()}`);
	opened.push(db);
	return db;
}

afterEach(async () => {
	for (const db of opened.splice(0)) {
		db.close();
		await Dexie.delete(db.name);
	}
});

function person(
	id: string,
	fullName: string,
	role: 'teacher' | 'admin' = 'teacher',
	subjects: string[] = []
) {
	return { id, fullName, role, subjects };
}

const roster: Roster = {
	schoolId: 'school-1',
	schoolName: 'МБОУ «Сосновская СОШ»',
	municipality: '',
	classes: [],
	people: [
		person('t-2', 'Яковлева Ирина Павловна'),
		person('t-1', 'Андреев Олег Иванович', 'teacher', ['Математика', 'Информатика']),
		person('adm-1', 'Сидорова Ольга Ивановна', 'admin')
	],
	students: [],
	teaching: []
};

const deputy: Editor = { personId: 'adm-1', name: 'Сидорова Ольга Ивановна', role: 'admin' };

/** Opens a teacher's route document and runs `edit` in an edit session of `editor`. */
async function editRoute(
	db: SchoolDatabase,
	teacher: string,
	editor: Editor,
	edit: (session: EditSession) => void
): Promise<void> {
	const document = await teacherRouteRepository.open(db, { school: 'school-1', teacher });
	const session = new EditSession(document.doc, editor);
	try {
		edit(session);
	} finally {
		session.destroy();
		document.release();
	}
	// The registry records the change time asynchronously after each update.
	await new Promise((resolve) => setTimeout(resolve, 50));
}

function start(teacher: string, fullName: string) {
	return (session: EditSession) =>
		initTeacherRoute(session, { schoolId: 'school-1', teacherId: teacher, fullName });
}

describe('school route list', () => {
	it('lists every teacher of the roster by name', async () => {
		const db = freshDatabase();
		await saveRoster(db, roster);
		await editRoute(db, 't-2', deputy, start('t-2', 'Яковлева Ирина Павловна'));

		const items = schoolRouteOverview(await loadSchoolRoutes(db, 'school-1'), '2025-09-01');

		expect(items.map((item) => [item.teacherId, item.status])).toEqual([
			['t-1', 'missing'],
			['t-2', 'draft']
		]);
	});

	it('rebuilds a summary older than its document', async () => {
		const db = freshDatabase();
		await saveRoster(db, roster);
		await editRoute(db, 't-1', deputy, start('t-1', 'Андреев Олег Иванович'));
		await loadSchoolRoutes(db, 'school-1');

		await editRoute(db, 't-1', deputy, (session) =>
			setRouteField(session, 'closing', 'nextDiagnosticsDate', '2026-05-20')
		);
		const entries = await loadSchoolRoutes(db, 'school-1');

		const route = entries.find((entry) => entry.teacherId === 't-1')?.route;
		expect(route?.closing.nextDiagnosticsDate).toBe('2026-05-20');
	});

	it('keeps the signature state of the summary', async () => {
		const db = freshDatabase();
		await saveRoster(db, roster);
		await editRoute(db, 't-1', deputy, (session) => {
			start('t-1', 'Андреев Олег Иванович')(session);
			signRoute(session, 'deputy');
		});
		await editRoute(db, 't-1', deputy, (session) =>
			setRouteField(session, 'personal', 'position', 'учитель математики')
		);

		const items = schoolRouteOverview(await loadSchoolRoutes(db, 'school-1'), '2025-09-01');

		expect(items.find((item) => item.teacherId === 't-1')?.signatureOutdated).toBe(true);
	});

	it('lists the route of a teacher who left the roster', async () => {
		const db = freshDatabase();
		await saveRoster(db, roster);
		await editRoute(db, 't-9', deputy, start('t-9', 'Борисова Анна Львовна'));

		const entries = await loadSchoolRoutes(db, 'school-1');

		expect(entries.find((entry) => entry.teacherId === 't-9')?.teacherName).toBe(
			'Борисова Анна Львовна'
		);
	});

	it('leaves out a document whose route was never started', async () => {
		const db = freshDatabase();
		await saveRoster(db, roster);
		await teacherRouteRepository.ensure(db, { school: 'school-1', teacher: 't-1' });

		const entries = await loadSchoolRoutes(db, 'school-1');

		expect(entries.find((entry) => entry.teacherId === 't-1')?.route).toBeNull();
	});
});

describe('starting a route', () => {
	it('prefills block 1 from the roster', async () => {
		const db = freshDatabase();
		await saveRoster(db, roster);

		const init = await loadRouteInit(db, 'school-1', 't-1');

		expect(init.fullName).toBe('Андреев Олег Иванович');
		expect(init.school).toBe('МБОУ «Сосновская СОШ»');
		expect(init.subjectArea).toBe('Математика, Информатика');
	});

	it('leaves unknown teachers unnamed', async () => {
		const db = freshDatabase();
		await saveRoster(db, roster);

		const init = await loadRouteInit(db, 'school-1', 't-404');

		expect(init.fullName).toBeUndefined();
		expect(init.subjectArea).toBeUndefined();
	});

	it('creates a draft route the list shows', async () => {
		const db = freshDatabase();
		await saveRoster(db, roster);

		await startRoute(db, await loadRouteInit(db, 'school-1', 't-1'), deputy);
		const entries = await loadSchoolRoutes(db, 'school-1');

		const route = entries.find((entry) => entry.teacherId === 't-1')?.route;
		expect(route?.meta.teacherId).toBe('t-1');
		expect(route?.personal.fullName).toBe('Андреев Олег Иванович');
		expect(route?.personal.subjectArea).toBe('Математика, Информатика');
	});
});
