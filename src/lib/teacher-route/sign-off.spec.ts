import { describe, expect, it } from 'vitest';
import { addRoadmapRow, markRoadmapRowDone } from './route-rows.ydoc';
import { isSigned, signOffState, signRoute, withdrawSignature } from './sign-off';
import {
	deputy,
	exchange,
	newRoute,
	otherTeacher,
	replicaOf,
	sessionFor,
	teacher
} from './test-factories';
import { readTeacherRoute, setGoal, setRouteField } from './teacher-route.ydoc';

function signedRoute() {
	const { doc, session } = newRoute();
	setGoal(session, 'Освоить формирующее оценивание');
	const row = addRoadmapRow(session, '1.1', 'refresher-course', { hours: 36 });
	signRoute(sessionFor(doc, deputy), 'deputy', new Date('2025-09-02T10:00:00Z'));
	signRoute(session, 'teacher', new Date('2025-09-02T10:05:00Z'));
	return { doc, session, row };
}

describe('sign-off', () => {
	it('records who signed and when', () => {
		const { doc } = signedRoute();

		const { route } = readTeacherRoute(doc);

		expect(route.signatures.deputy).toMatchObject({
			personId: deputy.personId,
			fullName: deputy.name,
			signedAt: '2025-09-02T10:00:00.000Z'
		});
		expect(route.signatures.teacher?.personId).toBe(teacher.personId);
		expect(isSigned(route)).toBe(true);
	});

	it('becomes outdated when the plan changes', () => {
		const { doc, session } = signedRoute();

		setRouteField(session, 'roadmap', 'end', '2026-05-31');
		const { route } = readTeacherRoute(doc);

		expect(signOffState(route, 'deputy')).toBe('outdated');
		expect(signOffState(route, 'teacher')).toBe('outdated');
		expect(isSigned(route)).toBe(false);
	});

	it('stays valid when a row is marked done', () => {
		const { doc, session, row } = signedRoute();

		markRoadmapRowDone(session, row, { date: '2025-11-20', document: 'Удостоверение № 42' });

		expect(isSigned(readTeacherRoute(doc).route)).toBe(true);
	});

	it('is valid again after signing anew', () => {
		const { doc, session } = signedRoute();
		setGoal(session, 'Новая цель');

		signRoute(sessionFor(doc, deputy), 'deputy');
		signRoute(session, 'teacher');

		expect(isSigned(readTeacherRoute(doc).route)).toBe(true);
	});

	it('is outdated on both replicas after an offline edit', () => {
		const { doc: a } = newRoute();
		const b = replicaOf(a);
		signRoute(sessionFor(a, deputy), 'deputy');
		setGoal(sessionFor(b), 'Цель, изменённая без сети');

		exchange(a, b);

		expect(signOffState(readTeacherRoute(a).route, 'deputy')).toBe('outdated');
		expect(signOffState(readTeacherRoute(b).route, 'deputy')).toBe('outdated');
	});

	it('rejects a signer in the wrong slot', () => {
		const { doc, session } = newRoute();

		expect(() => signRoute(session, 'deputy')).toThrow(/заместитель директора/);
		expect(() => signRoute(sessionFor(doc, otherTeacher), 'teacher')).toThrow(/чей это маршрут/);
		expect(() => signRoute(sessionFor(doc, deputy), 'teacher')).toThrow(/чей это маршрут/);
	});

	it('is missing after withdrawal', () => {
		const { doc } = signedRoute();

		withdrawSignature(sessionFor(doc, deputy), 'deputy');

		expect(signOffState(readTeacherRoute(doc).route, 'deputy')).toBe('missing');
	});
});
