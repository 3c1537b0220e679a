import { z } from 'zod';
import type { EditSession } from '$lib/coedit';
import { AppError } from '$lib/shared/errors';
import { dateField } from './fields.schema';
import { lifeSphereLabels } from './trajectory.labels';
import {
	lifeSpheres,
	trajectoryLevels,
	trajectoryStages,
	workflowSection,
	type LifeSphere,
	type TrajectoryLevel,
	type TrajectoryStage,
	type WorkflowValue
} from './trajectory.schema';

/**
 * The design workflow a tutor leads: the current stage (1–6) and the tools of the stages. The
 * level choice is stage 1, the balance wheel stage 2, self-analysis stage 4 and scaling stage 5.
 * SMART goals (stages 3 and 5) are in smart-goal.ts and the stage-6 figures in group-view.ts.
 */

const layout = workflowSection.layout;

function invalid(detail: string): AppError {
	return new AppError('validation-failed', detail);
}

export function setStage(session: EditSession, stage: TrajectoryStage): boolean {
	if (!trajectoryStages.includes(stage)) throw invalid('Этап — число от 1 до 6.');
	return session.setValue(layout, 'state', 'stage', stage);
}

/** Sets the level of study chosen at stage 1, or clears it with null. */
export function setLevel(session: EditSession, level: TrajectoryLevel | null): boolean {
	if (level !== null && !trajectoryLevels.includes(level)) {
		throw invalid('Уровень: базовый, расширенный или углублённый.');
	}
	return session.setValue(layout, 'state', 'level', level ?? undefined);
}

export type BalanceScores = Record<LifeSphere, number | null>;

export interface BalanceSnapshot {
	id: string;
	date: string | null;
	scores: BalanceScores;
}

/** Returns the balance-wheel snapshots, oldest first; undated ones come last. */
export function balanceSnapshots(workflow: WorkflowValue): BalanceSnapshot[] {
	const snapshots = workflow.balance.map((row) => ({
		id: row.id,
		date: row.date,
		scores: Object.fromEntries(lifeSpheres.map((sphere) => [sphere, row[sphere]])) as BalanceScores
	}));
	return snapshots.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
}

const scoreSchema = z.number().int().min(0).max(10).nullable();

/**
 * Adds a dated balance-wheel snapshot. Throws a validation error naming the sphere when a
 * score is not a whole number from 0 to 10, before anything is written.
 */
export function addBalanceSnapshot(
	session: EditSession,
	date: string,
	scores: Partial<BalanceScores>
): string {
	if (!dateField.safeParse(date).success) throw invalid(`Дата «${date}»: укажите ГГГГ-ММ-ДД.`);
	for (const sphere of lifeSpheres) {
		if (!scoreSchema.safeParse(scores[sphere] ?? null).success) {
			throw invalid(`«${lifeSphereLabels[sphere]}»: оценка — целое число от 0 до 10.`);
		}
	}
	const cells: Record<string, unknown> = { date };
	for (const sphere of lifeSpheres) cells[sphere] = scores[sphere] ?? null;
	return session.insertRow(layout, 'balance', cells);
}

export interface SphereChange {
	sphere: LifeSphere;
	before: number | null;
	after: number | null;
	/** `after - before`, or null when either score is missing. */
	change: number | null;
}

export interface BalanceComparison {
	spheres: SphereChange[];
	/** Mean of the spheres scored in both snapshots, or null when there are none. */
	averageBefore: number | null;
	averageAfter: number | null;
	improved: LifeSphere[];
	declined: LifeSphere[];
	unchanged: LifeSphere[];
}

function mean(values: number[]): number | null {
	return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Compares two balance-wheel snapshots sphere by sphere; `a` is the earlier one. */
export function compareBalance(a: BalanceSnapshot, b: BalanceSnapshot): BalanceComparison {
	const spheres = lifeSpheres.map((sphere): SphereChange => {
		const before = a.scores[sphere];
		const after = b.scores[sphere];
		const change = before === null || after === null ? null : after - before;
		return { sphere, before, after, change };
	});
	const both = spheres.filter((item) => item.change !== null);
	return {
		spheres,
		averageBefore: mean(both.map((item) => item.before as number)),
		averageAfter: mean(both.map((item) => item.after as number)),
		improved: both.filter((item) => (item.change as number) > 0).map((item) => item.sphere),
		declined: both.filter((item) => (item.change as number) < 0).map((item) => item.sphere),
		unchanged: both.filter((item) => item.change === 0).map((item) => item.sphere)
	};
}

/**
 * Default questions of the self-analysis tutorial (stage 4). The methodical letter names the
 * tutorial and its aim, a clear view of how far each goal is reached and of the difficulties
 * met, and its criteria (effectiveness, satisfaction, competences formed), but lists no
 * questions. These are drafted from that aim and those criteria, and a school can reword them.
 */
export const selfAnalysisQuestions = [
	{ id: 'achieved', text: 'Каких целей ты достиг за этот период? Чем это подтверждается?' },
	{ id: 'not-achieved', text: 'Какие цели не достигнуты? Что помешало?' },
	{ id: 'difficulties', text: 'Какие затруднения ты испытывал и как с ними справлялся?' },
	{ id: 'competences', text: 'Чему ты научился? Какие новые умения у тебя появились?' },
	{ id: 'satisfaction', text: 'Насколько ты доволен своей учёбой и своим маршрутом? Почему?' },
	{ id: 'next', text: 'Что ты изменишь в своём маршруте на следующий период?' }
] as const;

export type SelfAnalysisQuestionId = (typeof selfAnalysisQuestions)[number]['id'];

export function setSelfAnalysisAnswer(
	session: EditSession,
	questionId: SelfAnalysisQuestionId,
	answer: string
): boolean {
	return session.setTextEntry(layout, 'selfAnalysis', questionId, answer);
}

/** Adds a scaling question (stage 5), e.g. «Насколько я продвинулся к цели по алгебре?». */
export function addScalingQuestion(session: EditSession, text: string): string {
	if (text.trim().length === 0) throw invalid('Вопрос для шкалирования не заполнен.');
	return session.insertRow(layout, 'scalingQuestions', { text });
}

/** Adds a dated self-rating from 0 to 10 for a scaling question. */
export function addScalingRating(
	session: EditSession,
	questionId: string,
	date: string,
	rating: number
): string {
	if (!dateField.safeParse(date).success) throw invalid(`Дата «${date}»: укажите ГГГГ-ММ-ДД.`);
	if (!scoreSchema.safeParse(rating).success) {
		throw invalid(`Оценка ${rating}: целое число от 0 до 10.`);
	}
	return session.insertRow(layout, 'scalingRatings', { questionId, date, rating });
}

export interface ScalingSeries {
	questionId: string;
	text: string;
	/** Ratings oldest first. */
	ratings: { date: string; rating: number }[];
	/** Last rating minus first, or null with fewer than two ratings. */
	change: number | null;
}

/** Groups the scaling ratings by question, in the order of the questions. */
export function scalingSeries(workflow: WorkflowValue): ScalingSeries[] {
	return workflow.scalingQuestions.map((question) => {
		const ratings = workflow.scalingRatings
			.filter((row) => row.questionId === question.id && row.date !== null && row.rating !== null)
			.map((row) => ({ date: row.date as string, rating: row.rating as number }))
			.sort((a, b) => a.date.localeCompare(b.date));
		const change =
			ratings.length < 2 ? null : ratings[ratings.length - 1].rating - ratings[0].rating;
		return { questionId: question.id, text: question.text, ratings, change };
	});
}
