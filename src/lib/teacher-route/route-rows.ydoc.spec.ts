import { describe, expect, it } from 'vitest';
import {
	addCompetenceResult,
	addDeficit,
	addRoadmapRow,
	clearRoadmapRowDone,
	linkDeficit,
	markRoadmapRowDone,
	removeCompetenceResult,
	removeDeficit,
	removeRoadmapRow,
	setDeficitText,
	unlinkDeficit,
	updateCompetenceResult
} from './route-rows.ydoc';
import { newRoute } from './test-factories';
import { readTeacherRoute } from './teacher-route.ydoc';

describe('roadmap rows', () => {
	it('start lesson visits throughout the route', () => {
		const { doc, session } = newRoute();
		addRoadmapRow(session, '1.3', 'lesson-visits');
		addRoadmapRow(session, '1.3', 'seminar');

		const rows = readTeacherRoute(doc).route.roadmap.sections['1.3'];

		expect(rows.map((row) => row.throughout)).toEqual([true, false]);
	});

	it('reject a kind of another section', () => {
		const { session } = newRoute();

		expect(() => addRoadmapRow(session, '1.1', 'seminar')).toThrow(/1\.1/);
	});

	it('keep a completion mark until cleared', () => {
		const { doc, session } = newRoute();
		const id = addRoadmapRow(session, '1.1', 'refresher-course', { hours: 72 });

		markRoadmapRowDone(session, id, { date: '2025-12-01', document: 'Удостоверение № 15' });
		const done = readTeacherRoute(doc).route.roadmap.sections['1.1'][0];
		clearRoadmapRowDone(session, id);
		const cleared = readTeacherRoute(doc).route.roadmap.sections['1.1'][0];

		expect(done.doneDate).toBe('2025-12-01');
		expect(done.doneDocument).toBe('Удостоверение № 15');
		expect(cleared.doneDate).toBeUndefined();
		expect(cleared.doneDocument).toBe('');
		expect(cleared.hours).toBe(72);
	});

	it('link only deficits of the route', () => {
		const { doc, session } = newRoute();
		const row = addRoadmapRow(session, '2.5', 'having-mentor');
		const deficit = addDeficit(session, 'professional', {
			text: 'Текстовые задачи',
			source: 'manual'
		});

		expect(linkDeficit(session, row, 'no-such-deficit')).toBe(false);
		expect(linkDeficit(session, row, deficit)).toBe(true);
		expect(readTeacherRoute(doc).route.roadmap.sections['2.5'][0].deficitIds).toEqual([deficit]);
		unlinkDeficit(session, row, deficit);
		expect(readTeacherRoute(doc).route.roadmap.sections['2.5'][0].deficitIds).toEqual([]);
	});

	it('lose their links when removed', () => {
		const { doc, session } = newRoute();
		const deficit = addDeficit(session, 'professional', {
			text: 'Текстовые задачи',
			source: 'manual'
		});
		const row = addRoadmapRow(session, '1.3', 'seminar', { deficitIds: [deficit] });

		expect(removeRoadmapRow(session, row)).toBe(true);
		const again = addRoadmapRow(session, '1.3', 'seminar', {}, row);

		expect(readTeacherRoute(doc).route.roadmap.sections['1.3']).toEqual([
			expect.objectContaining({ id: again, deficitIds: [] })
		]);
	});

	it('report an edit of a removed row', () => {
		const { session } = newRoute();
		const row = addRoadmapRow(session, '1.5', 'literature');
		removeRoadmapRow(session, row);

		expect(markRoadmapRowDone(session, row, { date: '2025-10-01', document: '' })).toBe(false);
	});
});

describe('deficits', () => {
	it('keep one deficit per id', () => {
		const { doc, session } = newRoute();
		addDeficit(session, 'professional', { id: 'd-1', text: 'Первый', source: 'manual' });
		addDeficit(session, 'generalCultural', { id: 'd-1', text: 'Второй', source: 'manual' });

		const { deficits } = readTeacherRoute(doc).route;

		expect(deficits.professional.map((d) => d.text)).toEqual(['Первый']);
		expect(deficits.generalCultural).toEqual([]);
	});

	it('change text by id', () => {
		const { doc, session } = newRoute();
		const id = addDeficit(session, 'generalProfessional', { text: 'Цифровые', source: 'manual' });

		expect(setDeficitText(session, id, 'Цифровые инструменты урока')).toBe(true);
		expect(readTeacherRoute(doc).route.deficits.generalProfessional[0].text).toBe(
			'Цифровые инструменты урока'
		);
	});

	it('lose their links when removed', () => {
		const { doc, session } = newRoute();
		const kept = addDeficit(session, 'professional', { text: 'Остаётся', source: 'manual' });
		const removed = addDeficit(session, 'professional', { text: 'Удаляется', source: 'manual' });
		addRoadmapRow(session, '1.3', 'seminar', { deficitIds: [kept, removed] });

		removeDeficit(session, removed);
		const { route, invalid } = readTeacherRoute(doc);

		expect(invalid).toEqual([]);
		expect(route.deficits.professional.map((d) => d.id)).toEqual([kept]);
		expect(route.roadmap.sections['1.3'][0].deficitIds).toEqual([kept]);
		expect(route.dismissedProposals).toEqual({});
	});

	it('list an analysis deficit without evidence', () => {
		const { doc, session } = newRoute();
		const id = addDeficit(session, 'professional', { text: 'Из анализа', source: 'analysis' });

		const { invalid } = readTeacherRoute(doc);

		expect(invalid.map((item) => item.path)).toEqual([`deficits/professional/${id}/evidence`]);
	});

	it('skip and list a row without a source', () => {
		const { doc, session } = newRoute();
		const id = addDeficit(session, 'professional', { text: 'Без источника' } as never);

		const { route, invalid } = readTeacherRoute(doc);

		expect(route.deficits.professional).toEqual([]);
		expect(invalid.map((item) => item.path)).toEqual([`deficits/professional/${id}/source`]);
	});
});

describe('competence results', () => {
	it('add, change and remove', () => {
		const { doc, session } = newRoute();
		const id = addCompetenceResult(session, { competence: 'Методическая', result: 'Частично' });

		updateCompetenceResult(session, id, { result: 'Сформирована' });
		const changed = readTeacherRoute(doc).route.diagnostics.results;
		removeCompetenceResult(session, id);

		expect(changed).toEqual([{ id, competence: 'Методическая', result: 'Сформирована' }]);
		expect(readTeacherRoute(doc).route.diagnostics.results).toEqual([]);
	});
});
