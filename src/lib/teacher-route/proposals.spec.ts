import { describe, expect, it } from 'vitest';
import {
	acceptProposal,
	dismissProposal,
	openProposals,
	proposalStatus,
	proposeDeficits,
	restoreProposal,
	type DeficitProposal
} from './proposals';
import { removeDeficit } from './route-rows.ydoc';
import {
	exchange,
	massDeficit,
	newRoute,
	otherTeacher,
	replicaOf,
	sessionFor,
	teacher
} from './test-factories';
import { readTeacherRoute } from './teacher-route.ydoc';
import { measureRowId } from './typical-measures';

function onlyProposal(input: unknown[]): DeficitProposal {
	const { proposals, rejected } = proposeDeficits(input, teacher.personId);
	expect(rejected).toEqual([]);
	expect(proposals).toHaveLength(1);
	return proposals[0];
}

describe('deficit proposals', () => {
	it('propose a mass deficit with its evidence', () => {
		const proposal = onlyProposal([massDeficit()]);

		expect(proposal.title).toBe(
			'Методический дефицит: Решать задачи на нахождение части числа (элемент 1.2)'
		);
		expect(proposal.classes).toEqual(['5А']);
		expect(proposal.persistence).toBe('new');
		expect(proposal.evidence.procedures).toEqual([
			{
				procedureId: 'vpr-2025-math-5',
				procedureTitle: 'ВПР, математика, 5 класс',
				date: '2025-04-15',
				classes: [
					{
						className: '5А',
						solveRate: 0.32,
						threshold: 0.6,
						failedShare: 0.71,
						persistence: 'new'
					}
				]
			}
		]);
		expect(proposal.evidenceLines).toEqual([
			'ВПР, математика, 5 класс (15.04.2025), 5А: выполнение 32\u00a0% при пороге 60\u00a0%, не справились 71\u00a0% обучающихся класса; выявлен впервые.'
		]);
		expect(proposal.support).toBe(
			'Рекомендуемая методическая поддержка: семинар, посещение уроков ведущих учителей-методистов.'
		);
	});

	it('group one skill across classes and procedures', () => {
		const proposal = onlyProposal([
			massDeficit({ className: '5Б', solveRate: 0.4 }),
			massDeficit({ className: '5А' }),
			massDeficit({
				procedureId: 'akr-2025-12',
				procedureTitle: 'АКР, математика, I полугодие',
				date: '2024-12-18',
				className: '5А',
				skillText: 'Находить часть числа'
			}),
			massDeficit({ subject: ' математика ', className: '5В' })
		]);

		expect(proposal.classes).toEqual(['5А', '5Б', '5В']);
		expect(proposal.evidence.procedures.map((p) => p.procedureId)).toEqual([
			'akr-2025-12',
			'vpr-2025-math-5'
		]);
		expect(proposal.evidence.procedures[1].classes.map((c) => c.className)).toEqual([
			'5А',
			'5Б',
			'5В'
		]);
		expect(proposal.evidence.skillTexts).toEqual([
			'Решать задачи на нахождение части числа',
			'Находить часть числа'
		]);
		expect(proposal.evidenceLines).toHaveLength(4);
	});

	it('put persistent deficits before new ones', () => {
		const { proposals } = proposeDeficits(
			[
				massDeficit({ skillCode: '1.1', className: '5А' }),
				massDeficit({ skillCode: '1.1', className: '5Б' }),
				massDeficit({ skillCode: '4.2', persistence: 'persistent' })
			],
			teacher.personId
		);

		expect(proposals.map((p) => p.skillCode)).toEqual(['4.2', '1.1']);
		expect(proposals[0].persistence).toBe('persistent');
		expect(proposals[0].summary).toMatch(/^Устойчивый дефицит/);
		expect(proposals[0].measures).toEqual(['mentoring', 'course', 'lesson-visits']);
	});

	it('give no proposal for a point deficit', () => {
		const { proposals, rejected } = proposeDeficits(
			[massDeficit({ kind: 'point' })],
			teacher.personId
		);

		expect(proposals).toEqual([]);
		expect(rejected).toEqual([]);
	});

	it('skip classes of other teachers', () => {
		const { proposals } = proposeDeficits(
			[massDeficit({ teacherId: otherTeacher.personId, className: '6В' }), massDeficit()],
			teacher.personId
		);

		expect(proposals.map((p) => p.classes)).toEqual([['5А']]);
	});

	it('reject invalid and repeated entries', () => {
		const { proposals, rejected } = proposeDeficits(
			[massDeficit({ solveRate: 32 }), massDeficit(), massDeficit(), { skillCode: '1.2' }],
			teacher.personId
		);

		expect(proposals).toHaveLength(1);
		expect(rejected.map((r) => r.index)).toEqual([0, 2, 3]);
		expect(rejected[0].message).toMatch(/^solveRate: /);
		expect(rejected[1].message).toMatch(/^Повтор/);
	});

	it('contain no ranking words', () => {
		const { proposals } = proposeDeficits(
			[
				massDeficit({ persistence: 'persistent' }),
				massDeficit({ className: '5Б', skillCode: '2.1', skillText: 'Читать диаграммы' }),
				massDeficit({ subject: 'Русский язык', skillCode: '3', skillText: '' })
			],
			teacher.personId
		);
		const texts = proposals.flatMap((p) => [p.title, p.summary, p.support, ...p.evidenceLines]);
		// Stems catch every form (лучший, лучшие, худшего…); «место» is matched as a whole word.
		const ranking = /рейтинг|лучш|худш|сравн|(?<![а-яё])мест(о|а|е|у|ом)?(?![а-яё])/iu;

		expect('Первое место в рейтинге').toMatch(ranking);
		expect('Лучшие и худшие классы').toMatch(ranking);
		expect('Работать вместе с наставником').not.toMatch(ranking);
		expect(texts.length).toBeGreaterThan(9);
		for (const text of texts) expect(text).not.toMatch(ranking);
	});
});

describe('proposal decisions', () => {
	it('accept adds the deficit with its evidence', () => {
		const { doc, session } = newRoute();
		const proposal = onlyProposal([massDeficit()]);

		acceptProposal(session, proposal, [], new Date('2025-09-05T07:00:00Z'));
		const { route } = readTeacherRoute(doc);

		expect(route.deficits.professional).toEqual([
			{
				id: proposal.deficitId,
				text: proposal.title,
				source: 'analysis',
				proposalKey: proposal.key,
				evidence: proposal.evidence,
				addedAt: '2025-09-05T07:00:00.000Z',
				addedBy: teacher.personId
			}
		]);
		expect(proposalStatus(route, proposal)).toBe('accepted');
	});

	it('accept adds linked rows for the measures', () => {
		const { doc, session } = newRoute();
		const proposal = onlyProposal([massDeficit({ persistence: 'persistent' })]);

		const { rowIds } = acceptProposal(session, proposal, proposal.measures);
		const { sections } = readTeacherRoute(doc).route.roadmap;

		expect(rowIds).toEqual([
			measureRowId(proposal.deficitId, 'mentoring'),
			measureRowId(proposal.deficitId, 'course'),
			measureRowId(proposal.deficitId, 'lesson-visits')
		]);
		expect(sections['2.5'].map((row) => row.kind)).toEqual(['having-mentor']);
		expect(sections['1.1'].map((row) => row.kind)).toEqual(['refresher-course']);
		expect(sections['1.3'].map((row) => row.kind)).toEqual(['lesson-visits']);
		for (const row of [...sections['2.5'], ...sections['1.1'], ...sections['1.3']]) {
			expect(row.deficitIds).toEqual([proposal.deficitId]);
			expect(row.content).toBe('Тема: Решать задачи на нахождение части числа');
		}
	});

	it('accept twice adds nothing', () => {
		const { doc, session } = newRoute();
		const proposal = onlyProposal([massDeficit()]);
		acceptProposal(session, proposal, ['seminar']);
		const once = readTeacherRoute(doc).route;

		acceptProposal(session, proposal, ['seminar']);

		expect(readTeacherRoute(doc).route).toEqual(once);
	});

	it('accept on two offline devices keeps one copy', () => {
		const { doc: a, session } = newRoute();
		const b = replicaOf(a);
		const proposal = onlyProposal([massDeficit()]);
		const now = new Date('2025-09-05T07:00:00Z');
		acceptProposal(session, proposal, ['seminar'], now);
		acceptProposal(sessionFor(b), proposal, ['seminar'], now);

		exchange(a, b);
		const { route, invalid } = readTeacherRoute(a);

		expect(invalid).toEqual([]);
		expect(route.deficits.professional).toHaveLength(1);
		expect(route.roadmap.sections['1.3']).toHaveLength(1);
		expect(readTeacherRoute(b).route).toEqual(route);
	});

	it('dismissed stays dismissed in a later analysis', () => {
		const { doc, session } = newRoute();
		const proposal = onlyProposal([massDeficit()]);

		dismissProposal(session, proposal, new Date('2025-09-05T07:00:00Z'));
		const later = proposeDeficits(
			[massDeficit({ procedureId: 'akr-2026', date: '2026-02-10', persistence: 'persistent' })],
			teacher.personId
		).proposals;
		const { route } = readTeacherRoute(doc);

		expect(route.dismissedProposals[proposal.key]).toEqual({
			at: '2025-09-05T07:00:00.000Z',
			by: teacher.personId
		});
		expect(proposalStatus(route, later[0])).toBe('dismissed');
		expect(openProposals(route, later)).toEqual([]);
	});

	it('dismiss twice keeps the first record', () => {
		const { doc, session } = newRoute();
		const proposal = onlyProposal([massDeficit()]);

		dismissProposal(session, proposal, new Date('2025-09-05T07:00:00Z'));
		dismissProposal(session, proposal, new Date('2025-10-01T07:00:00Z'));

		expect(readTeacherRoute(doc).route.dismissedProposals[proposal.key].at).toBe(
			'2025-09-05T07:00:00.000Z'
		);
	});

	it('dismiss leaves an accepted proposal', () => {
		const { doc, session } = newRoute();
		const proposal = onlyProposal([massDeficit()]);
		acceptProposal(session, proposal);

		expect(dismissProposal(session, proposal)).toBe(false);
		expect(readTeacherRoute(doc).route.dismissedProposals).toEqual({});
	});

	it('accept after dismissal clears it', () => {
		const { doc, session } = newRoute();
		const proposal = onlyProposal([massDeficit()]);
		dismissProposal(session, proposal);

		acceptProposal(session, proposal);
		const { route } = readTeacherRoute(doc);

		expect(route.dismissedProposals).toEqual({});
		expect(proposalStatus(route, proposal)).toBe('accepted');
	});

	it('removing an accepted deficit dismisses it', () => {
		const { doc, session } = newRoute();
		const proposal = onlyProposal([massDeficit()]);
		acceptProposal(session, proposal, ['seminar']);

		removeDeficit(session, proposal.deficitId);
		const { route } = readTeacherRoute(doc);

		expect(proposalStatus(route, proposal)).toBe('dismissed');
		expect(route.roadmap.sections['1.3'][0].deficitIds).toEqual([]);
	});

	it('remove clears both offline acceptances', () => {
		const { doc: a, session } = newRoute();
		const b = replicaOf(a);
		const proposal = onlyProposal([massDeficit()]);
		acceptProposal(session, proposal, ['seminar']);
		acceptProposal(sessionFor(b), proposal, ['seminar']);
		exchange(a, b);

		removeDeficit(session, proposal.deficitId);
		const { route } = readTeacherRoute(a);

		expect(route.deficits.professional).toEqual([]);
		expect(proposalStatus(route, proposal)).toBe('dismissed');
	});

	it('restore offers a dismissed proposal again', () => {
		const { doc, session } = newRoute();
		const proposal = onlyProposal([massDeficit()]);
		dismissProposal(session, proposal);

		restoreProposal(session, proposal.key);

		expect(proposalStatus(readTeacherRoute(doc).route, proposal)).toBe('open');
	});
});
