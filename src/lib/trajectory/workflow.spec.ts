import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditSession, readValidatedSection, type Editor } from '$lib/coedit';
import { AppError } from '$lib/shared/errors';
import { workflowSection } from './trajectory.schema';
import {
	addBalanceSnapshot,
	addScalingQuestion,
	addScalingRating,
	balanceSnapshots,
	compareBalance,
	scalingSeries,
	selfAnalysisQuestions,
	setLevel,
	setSelfAnalysisAnswer,
	setStage,
	type BalanceSnapshot
} from './workflow';

const tutor: Editor = { personId: 'tu-1', name: 'Смирнова А. П.', role: 'tutor' };

function setup() {
	const doc = new Y.Doc({ gc: false });
	const session = new EditSession(doc, tutor, { now: () => new Date('2024-10-01T10:00:00') });
	const read = () => readValidatedSection(doc, workflowSection, []);
	return { session, read };
}

function snapshot(
	date: string,
	score: number,
	overrides: Partial<BalanceSnapshot['scores']> = {}
): BalanceSnapshot {
	return {
		id: date,
		date,
		scores: {
			study: score,
			health: score,
			family: score,
			friends: score,
			hobbies: score,
			rest: score,
			growth: score,
			future: score,
			...overrides
		}
	};
}

describe('stage and level', () => {
	it('stores the stage and the level', () => {
		const { session, read } = setup();
		expect(read().state).toEqual({ stage: 1, level: null });
		setStage(session, 3);
		setLevel(session, 'in-depth');
		expect(read().state).toEqual({ stage: 3, level: 'in-depth' });
		setLevel(session, null);
		expect(read().state.level).toBeNull();
	});

	it('rejects a stage out of range', () => {
		const { session } = setup();
		expect(() => setStage(session, 7 as never)).toThrow(AppError);
	});
});

describe('balance wheel', () => {
	it('keeps dated snapshots in date order', () => {
		const { session, read } = setup();
		addBalanceSnapshot(session, '2025-03-01', { study: 7 });
		addBalanceSnapshot(session, '2024-09-15', { study: 4, health: 6 });
		const snapshots = balanceSnapshots(read());
		expect(snapshots.map((s) => s.date)).toEqual(['2024-09-15', '2025-03-01']);
		expect(snapshots[0].scores).toMatchObject({ study: 4, health: 6, family: null });
	});

	it('names the sphere of an invalid score', () => {
		const { session, read } = setup();
		expect(() => addBalanceSnapshot(session, '2024-09-15', { rest: 11 })).toThrow(
			/«Отдых»: оценка/
		);
		expect(() => addBalanceSnapshot(session, '15.09.2024', {})).toThrow(/ГГГГ-ММ-ДД/);
		expect(read().balance).toEqual([]);
	});

	it('compares two snapshots sphere by sphere', () => {
		const comparison = compareBalance(
			snapshot('2024-09-15', 5, { study: 3, rest: null }),
			snapshot('2025-03-01', 5, { study: 7, health: 4 })
		);
		expect(comparison.spheres.find((s) => s.sphere === 'study')).toEqual({
			sphere: 'study',
			before: 3,
			after: 7,
			change: 4
		});
		expect(comparison.improved).toEqual(['study']);
		expect(comparison.declined).toEqual(['health']);
		expect(comparison.unchanged).toEqual(['family', 'friends', 'hobbies', 'growth', 'future']);
		expect(comparison.spheres.find((s) => s.sphere === 'rest')?.change).toBeNull();
		expect(comparison.averageBefore).toBeCloseTo(33 / 7);
		expect(comparison.averageAfter).toBeCloseTo(36 / 7);
	});
});

describe('self-analysis and scaling', () => {
	it('stores answers by question', () => {
		const { session, read } = setup();
		setSelfAnalysisAnswer(session, selfAnalysisQuestions[0].id, 'Сдал все зачёты.');
		expect(read().selfAnalysis).toEqual({ achieved: 'Сдал все зачёты.' });
	});

	it('groups dated ratings by question', () => {
		const { session, read } = setup();
		const question = addScalingQuestion(session, 'Насколько я близок к цели по алгебре?');
		const other = addScalingQuestion(session, 'Насколько мне интересно на уроках?');
		addScalingRating(session, question, '2024-12-20', 6);
		addScalingRating(session, question, '2024-10-01', 3);
		addScalingRating(session, other, '2024-10-01', 8);

		const [first, second] = scalingSeries(read());
		expect(first.ratings).toEqual([
			{ date: '2024-10-01', rating: 3 },
			{ date: '2024-12-20', rating: 6 }
		]);
		expect(first.change).toBe(3);
		expect(second.change).toBeNull();
	});

	it('rejects a rating out of the scale', () => {
		const { session } = setup();
		expect(() => addScalingRating(session, 'q', '2024-10-01', 12)).toThrow(/от 0 до 10/);
		expect(() => addScalingQuestion(session, '  ')).toThrow(/не заполнен/);
	});
});
