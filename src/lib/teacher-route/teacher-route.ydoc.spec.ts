import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getPartRows } from '$lib/coedit';
import { roadmapSectionIds } from './roadmap.schema';
import { addDeficit, addRoadmapRow, linkDeficit, updateRoadmapRow } from './route-rows.ydoc';
import {
	deputy,
	exchange,
	fixedNow,
	fullRoute,
	newDoc,
	newRoute,
	otherTeacher,
	replicaOf,
	sessionFor,
	teacher
} from './test-factories';
import { routeSections } from './teacher-route.layout';
import {
	initTeacherRoute,
	readTeacherRoute,
	setGoal,
	setRouteField,
	setRouteText,
	writeTeacherRoute
} from './teacher-route.ydoc';

const init = { schoolId: 'school-1', teacherId: teacher.personId, fullName: teacher.name };

function countUpdates(doc: Y.Doc, change: () => void): number {
	let updates = 0;
	const count = () => updates++;
	doc.on('update', count);
	change();
	doc.off('update', count);
	return updates;
}

describe('teacher route binding', () => {
	it('round-trips a full route', () => {
		const doc = newDoc();
		writeTeacherRoute(sessionFor(doc), fullRoute());

		const { route, invalid } = readTeacherRoute(doc);

		expect(invalid).toEqual([]);
		expect(route).toEqual(fullRoute());
	});

	it('writes nothing when the route is unchanged', () => {
		const doc = newDoc();
		const session = sessionFor(doc);
		writeTeacherRoute(session, fullRoute());
		const { route } = readTeacherRoute(doc);

		expect(countUpdates(doc, () => writeTeacherRoute(session, route))).toBe(0);
	});

	it('applies removed rows, links and fields', () => {
		const doc = newDoc();
		const session = sessionFor(doc);
		writeTeacherRoute(session, fullRoute());
		const changed = fullRoute();
		changed.roadmap.sections['1.3'] = [];
		changed.roadmap.sections['1.1'][0].deficitIds = [];
		delete changed.roadmap.sections['1.1'][0].hours;
		changed.personal.phone = '';

		writeTeacherRoute(session, changed);

		expect(readTeacherRoute(doc).route).toEqual(changed);
	});

	it('rejects an invalid route naming the field', () => {
		const route = fullRoute();
		route.personal.birthDate = '1985-02-30';

		expect(() => writeTeacherRoute(sessionFor(newDoc()), route)).toThrow(/personal\.birthDate/);
	});

	it('init prefills block 1 and is idempotent', () => {
		const { doc, session } = newRoute();

		const again = countUpdates(doc, () => initTeacherRoute(session, init, fixedNow));
		const { route, invalid } = readTeacherRoute(doc);

		expect(again).toBe(0);
		expect(invalid).toEqual([]);
		expect(route.meta).toEqual({
			version: 1,
			schoolId: 'school-1',
			teacherId: teacher.personId,
			createdAt: fixedNow.toISOString()
		});
		expect(route.personal.fullName).toBe(teacher.name);
	});

	it('init on two offline replicas merges into one route', () => {
		const a = newDoc();
		const b = newDoc();
		initTeacherRoute(sessionFor(a), init, new Date('2025-09-01T08:00:00Z'));
		initTeacherRoute(
			sessionFor(b, deputy),
			{ ...init, school: 'МБОУ «Берёзовская СОШ»' },
			new Date('2025-09-01T09:00:00Z')
		);
		addRoadmapRow(sessionFor(a), '1.3', 'seminar', { content: 'Семинар A' });
		addRoadmapRow(sessionFor(b, deputy), '1.3', 'webinar', { content: 'Вебинар B' });

		exchange(a, b);
		const fromA = readTeacherRoute(a);
		const fromB = readTeacherRoute(b);

		expect(fromA).toEqual(fromB);
		expect(fromA.invalid).toEqual([]);
		expect(fromA.route.personal.fullName).toBe(teacher.name);
		expect(fromA.route.personal.school).toBe('МБОУ «Берёзовская СОШ»');
		expect(Object.keys(fromA.route.roadmap.sections)).toEqual(roadmapSectionIds);
		expect(fromA.route.roadmap.sections['1.3'].map((row) => row.content).sort()).toEqual([
			'Вебинар B',
			'Семинар A'
		]);
		const sectionTypes = [...a.share.keys()].filter((name) => name.startsWith('roadmap/1-3'));
		expect(sectionTypes).toEqual(['roadmap/1-3']);
	});

	it('init rejects an invalid teacher id', () => {
		expect(() =>
			initTeacherRoute(sessionFor(newDoc()), { ...init, teacherId: 'учитель 1' })
		).toThrow(/teacherId/);
	});

	it('init rejects a route of another teacher', () => {
		const { session } = newRoute();

		expect(() => initTeacherRoute(session, { ...init, teacherId: otherTeacher.personId })).toThrow(
			/другому учителю/
		);
	});

	it('two replicas editing apart converge', () => {
		const { doc: a, session } = newRoute();
		setGoal(session, 'Освоить формирующее оценивание');
		const row = addRoadmapRow(session, '1.3', 'seminar', { content: 'Семинар' });
		const first = addDeficit(session, 'professional', {
			text: 'Текстовые задачи',
			source: 'manual'
		});
		const b = replicaOf(a);
		const onA = sessionFor(a, teacher);
		const onB = sessionFor(b, deputy);

		setGoal(onA, 'Цель: освоить формирующее оценивание');
		setGoal(onB, 'Освоить формирующее оценивание на уроках');
		setRouteField(onA, 'personal', 'phone', '+7 913 000-00-00');
		setRouteField(onB, 'personal', 'email', 'ivanova@example.ru');
		setRouteText(onB, 'personal', 'educationInstitution', 'ТГПУ');
		linkDeficit(onA, row, first);
		const second = addDeficit(onB, 'generalProfessional', {
			text: 'Цифровые инструменты',
			source: 'manual'
		});
		linkDeficit(onB, row, second);
		updateRoadmapRow(onA, row, { content: 'Семинар «Оценивание»' });
		updateRoadmapRow(onB, row, { details: 'ТОИПКРО', hours: 6 });
		exchange(a, b);

		const { route } = readTeacherRoute(a);
		expect(readTeacherRoute(b).route).toEqual(route);
		expect(route.goal).toBe('Цель: освоить формирующее оценивание на уроках');
		expect(route.personal.phone).toBe('+7 913 000-00-00');
		expect(route.personal.email).toBe('ivanova@example.ru');
		expect(route.personal.educationInstitution).toBe('ТГПУ');
		const [merged] = route.roadmap.sections['1.3'];
		expect(merged.content).toBe('Семинар «Оценивание»');
		expect(merged.details).toBe('ТОИПКРО');
		expect(merged.hours).toBe(6);
		expect(merged.deficitIds).toEqual([second, first]);
	});

	it('lists invalid values and keeps them in the document', () => {
		const { doc, session } = newRoute();
		setRouteField(session, 'personal', 'email', 'ivanova.example.ru');
		setRouteField(session, 'personal', 'birthDate', '1985-02-30');
		const row = addRoadmapRow(session, '1.1', 'refresher-course', { hours: 36 });
		updateRoadmapRow(session, row, { hours: -6 });

		const { route, invalid } = readTeacherRoute(doc);

		expect(invalid.map((item) => item.path)).toEqual([
			'personal/fields/birthDate',
			'personal/fields/email',
			`roadmap/1-1/${row}/hours`
		]);
		expect(invalid.map((item) => item.value)).toEqual(['1985-02-30', 'ivanova.example.ru', -6]);
		expect(invalid[1].message).toMatch(/name@example\.ru/);
		expect(route.personal.email).toBe('');
		expect(route.personal.birthDate).toBeUndefined();
		expect(route.roadmap.sections['1.1'][0].hours).toBeUndefined();
	});

	it('lists an end date before the start date', () => {
		const { doc, session } = newRoute();
		setRouteField(session, 'roadmap', 'start', '2026-01-10');
		setRouteField(session, 'roadmap', 'end', '2025-12-31');

		const { route, invalid } = readTeacherRoute(doc);

		expect(invalid).toHaveLength(1);
		expect(invalid[0].path).toBe('roadmap/fields/end');
		expect(route.roadmap.end).toBe('2025-12-31');
	});

	it('skips and lists a row of another section', () => {
		const { doc, session } = newRoute();
		session.insertRow(routeSections.roadmap, '1-1', { kind: 'seminar' }, { id: 'misplaced' });

		const { route, invalid } = readTeacherRoute(doc);

		expect(route.roadmap.sections['1.1']).toEqual([]);
		expect(invalid).toHaveLength(1);
		expect(invalid[0].path).toBe('roadmap/1-1/misplaced');
		expect(invalid[0].message).toMatch(/1\.1/);
	});

	it('shows one row added with one id on two devices', () => {
		const { doc: a, session } = newRoute();
		const b = replicaOf(a);
		addRoadmapRow(session, '1.3', 'seminar', { content: 'Семинар' }, 'derived-1');
		addRoadmapRow(sessionFor(b), '1.3', 'seminar', { content: 'Семинар' }, 'derived-1');
		exchange(a, b);

		const { route, invalid } = readTeacherRoute(a);

		expect(getPartRows(a, routeSections.roadmap, '1-3').length).toBe(2);
		expect(route.roadmap.sections['1.3']).toHaveLength(1);
		expect(invalid).toEqual([]);
	});

	it('lists a second copy of a row when it differs', () => {
		const { doc: a, session } = newRoute();
		const b = replicaOf(a);
		addRoadmapRow(session, '1.3', 'seminar', { content: 'Семинар A' }, 'derived-1');
		addRoadmapRow(sessionFor(b), '1.3', 'seminar', { content: 'Семинар B' }, 'derived-1');
		exchange(a, b);

		const { route, invalid } = readTeacherRoute(a);

		expect(route.roadmap.sections['1.3']).toHaveLength(1);
		expect(invalid).toHaveLength(1);
		expect(invalid[0].path).toBe('roadmap/1-3/derived-1');
		expect(readTeacherRoute(b)).toEqual({ route, invalid });
	});
});
