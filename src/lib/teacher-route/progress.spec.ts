import { describe, expect, it } from 'vitest';
import { routeProgress, routeStatus, schoolRouteOverview } from './progress';
import { planFingerprint } from './sign-off';
import { emptySections, fullRoute, roadmapRow, teacher } from './test-factories';
import type { TeacherRoute } from './teacher-route.schema';

function routeWithRows(): TeacherRoute {
	const route = fullRoute();
	const sections = emptySections();
	sections['1.1'] = [
		roadmapRow({
			id: 'course',
			kind: 'refresher-course',
			hours: 36,
			start: '2025-10-01',
			end: '2025-10-20',
			doneDate: '2025-10-20'
		}),
		roadmapRow({
			id: 'retraining',
			kind: 'retraining',
			hours: 250,
			start: '2025-11-01',
			end: '2026-03-01'
		}),
		roadmapRow({ id: 'no-hours', kind: 'refresher-course', start: '2026-04-01', end: '2026-04-10' })
	];
	sections['1.3'] = [
		roadmapRow({
			id: 'visits',
			kind: 'lesson-visits',
			content: '',
			throughout: true,
			start: '2030-01-01'
		}),
		roadmapRow({
			id: 'seminar',
			kind: 'seminar',
			content: 'Семинар\nвторая строка',
			end: '2025-12-01'
		})
	];
	sections['2.4'] = [
		roadmapRow({
			id: 'product',
			kind: 'methodical-product',
			content: 'Сценарий урока',
			start: '2026-02-01',
			end: '2026-02-10',
			hours: 10
		})
	];
	route.roadmap = { ...route.roadmap, start: '2025-09-01', end: '2026-05-31', sections };
	return route;
}

function signed(route: TeacherRoute): TeacherRoute {
	const fingerprint = planFingerprint(route);
	const at = '2025-09-02T10:00:00.000Z';
	return {
		...route,
		signatures: {
			deputy: { personId: 'adm-1', fullName: 'Сидорова О. И.', signedAt: at, fingerprint },
			teacher: { personId: teacher.personId, fullName: teacher.name, signedAt: at, fingerprint }
		}
	};
}

describe('route progress', () => {
	it('counts completed rows and course hours', () => {
		const progress = routeProgress(routeWithRows(), '2025-12-15');

		expect(progress.rowsTotal).toBe(6);
		expect(progress.rowsCompleted).toBe(1);
		expect(progress.completedShare).toBeCloseTo(1 / 6);
		expect(progress.courseHours).toEqual({ planned: 286, done: 36 });
	});

	it('lists rows whose deadline passed', () => {
		const progress = routeProgress(routeWithRows(), '2025-12-15');

		expect(progress.overdue).toEqual([
			{ rowId: 'seminar', section: '1.3', label: 'Семинар', end: '2025-12-01' }
		]);
	});

	it('takes the route term for rows without dates', () => {
		const { timeline } = routeProgress(routeWithRows(), '2025-12-15');
		const visits = timeline.find((item) => item.rowId === 'visits');
		const seminar = timeline.find((item) => item.rowId === 'seminar');

		expect(visits).toMatchObject({ start: '2025-09-01', end: '2026-05-31', throughout: true });
		expect(visits?.label).toBe(
			'Посещение уроков и внеурочных мероприятий ведущих учителей-методистов'
		);
		expect(seminar).toMatchObject({ start: '2025-09-01', end: '2025-12-01', overdue: true });
		expect(timeline.map((item) => item.rowId)).toEqual([
			'course',
			'retraining',
			'no-hours',
			'visits',
			'seminar',
			'product'
		]);
	});

	it('lists rows with no term at all', () => {
		const route = routeWithRows();
		route.roadmap.start = undefined;

		const progress = routeProgress(route, '2025-12-15');

		expect(progress.undated).toEqual(['visits', 'seminar']);
		expect(progress.timeline).toHaveLength(4);
	});

	it('has no share for an empty roadmap', () => {
		const route = fullRoute();
		route.roadmap.sections = emptySections();

		const progress = routeProgress(route, '2025-12-15');

		expect(progress.rowsTotal).toBe(0);
		expect(progress.completedShare).toBeNull();
	});
});

describe('route status', () => {
	it('is draft until both signed', () => {
		const route = routeWithRows();
		const half = signed(route);
		delete half.signatures.teacher;

		expect(routeStatus(route, '2025-12-15')).toBe('draft');
		expect(routeStatus(half, '2025-12-15')).toBe('draft');
	});

	it('is signed before the start', () => {
		const route = routeWithRows();
		route.roadmap.sections['1.1'][0].doneDate = undefined;

		expect(routeStatus(signed(route), '2025-08-20')).toBe('signed');
	});

	it('is in progress once started', () => {
		expect(routeStatus(signed(routeWithRows()), '2025-12-15')).toBe('in-progress');
	});

	it('is completed when every row is done', () => {
		const route = routeWithRows();
		for (const rows of Object.values(route.roadmap.sections)) {
			for (const row of rows) row.doneDate = '2026-05-01';
		}

		expect(routeStatus(signed(route), '2026-05-02')).toBe('completed');
	});

	it('is draft again after a change of the plan', () => {
		const route = signed(routeWithRows());
		route.goal = 'Другая цель';

		expect(routeStatus(route, '2025-12-15')).toBe('draft');
	});
});

describe('school route overview', () => {
	it('lists routes by teacher name with status and diagnostics date', () => {
		const changed = signed(routeWithRows());
		changed.goal = 'Изменена после подписи';

		const items = schoolRouteOverview(
			[
				{ teacherId: 't-3', teacherName: 'Яковлева Анна', route: signed(routeWithRows()) },
				{ teacherId: 't-2', teacherName: 'Антонов Борис', route: null },
				{ teacherId: 't-1', teacherName: 'Ершова Вера', route: changed }
			],
			'2026-05-20'
		);

		expect(items.map((item) => item.teacherName)).toEqual([
			'Антонов Борис',
			'Ершова Вера',
			'Яковлева Анна'
		]);
		expect(items.map((item) => item.status)).toEqual(['missing', 'draft', 'in-progress']);
		expect(items[1].signatureOutdated).toBe(true);
		expect(items[2]).toMatchObject({ nextDiagnosticsDate: '2026-05-15', diagnosticsDue: true });
	});

	it('carries no progress figures or results', () => {
		const [item] = schoolRouteOverview(
			[{ teacherId: 't-1', teacherName: 'Ершова Вера', route: signed(routeWithRows()) }],
			'2025-12-15'
		);

		expect(Object.keys(item).sort()).toEqual([
			'diagnosticsDue',
			'end',
			'nextDiagnosticsDate',
			'signatureOutdated',
			'start',
			'status',
			'teacherId',
			'teacherName'
		]);
	});
});
