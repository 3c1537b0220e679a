import type { ChartConfiguration } from 'chart.js';
import { examKindLabels, lifeSphereLabels } from '$lib/trajectory/trajectory.labels';
import { lifeSpheres, type ExamsValue, type LifeSphere } from '$lib/trajectory/trajectory.schema';

/**
 * chart.js configurations of the design tools, built from plain values so that they can be
 * checked without a canvas. Every array here is new, because chart.js patches the arrays it
 * draws and must never patch Svelte state.
 */

/** Colours of the app's palette (app.css), in the order series take them. */
export const seriesColours = ['#1f5f8b', '#b26a00', '#2e7d4f', '#7b3fa0', '#b3261e', '#5b6670'];

function translucent(hex: string, alpha: number): string {
	const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
	return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** Formats a change with its sign: `+3`, `−2` (a minus sign, not a hyphen) or `±0`. */
export function formatSigned(value: number): string {
	if (value > 0) return `+${value}`;
	if (value < 0) return `−${-value}`;
	return '±0';
}

/** `2025-05-25` as `25.05.2025`, `2025-05` as `05.2025`; other text is returned as it is. */
export function shortDate(value: string): string {
	const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
	if (!match) return value;
	const [, year, month, day] = match;
	return day ? `${day}.${month}.${year}` : `${month}.${year}`;
}

export interface RadarSeries {
	label: string;
	scores: Record<LifeSphere, number | null>;
	/** A dashed outline without fill, for a draft that is not saved yet. */
	dashed?: boolean;
}

/** Builds a radar of the eight life spheres, 0–10, with one closed outline per series. */
export function balanceRadarConfig(series: readonly RadarSeries[]): ChartConfiguration<'radar'> {
	return {
		type: 'radar',
		data: {
			labels: lifeSpheres.map((sphere) => lifeSphereLabels[sphere]),
			datasets: series.map((item, index) => {
				const colour = seriesColours[index % seriesColours.length];
				return {
					label: item.label,
					data: lifeSpheres.map((sphere) => item.scores[sphere]),
					borderColor: colour,
					backgroundColor: item.dashed ? 'transparent' : translucent(colour, 0.15),
					borderDash: item.dashed ? [6, 4] : [],
					pointBackgroundColor: colour,
					borderWidth: 2,
					fill: !item.dashed,
					spanGaps: false
				};
			})
		},
		options: {
			scales: {
				r: {
					min: 0,
					max: 10,
					ticks: { stepSize: 2, backdropColor: 'transparent' },
					pointLabels: { font: { size: 13 } }
				}
			},
			plugins: { legend: { position: 'bottom' } }
		}
	};
}

export interface LineSeries {
	label: string;
	points: readonly { date: string; value: number }[];
}

/**
 * Builds a line chart over dates. The x axis is the sorted union of every series' dates, and a
 * series without a point on a date is bridged to its next point.
 */
export function datedLineConfig(
	series: readonly LineSeries[],
	scale: { min: number; max: number; step: number }
): ChartConfiguration<'line'> {
	const dates = [...new Set(series.flatMap((item) => item.points.map((point) => point.date)))];
	dates.sort();
	return {
		type: 'line',
		data: {
			labels: dates.map(shortDate),
			datasets: series.map((item, index) => {
				const colour = seriesColours[index % seriesColours.length];
				const byDate = new Map(item.points.map((point) => [point.date, point.value]));
				return {
					label: item.label,
					data: dates.map((date) => byDate.get(date) ?? null),
					borderColor: colour,
					backgroundColor: colour,
					borderWidth: 2,
					pointRadius: 4,
					spanGaps: true,
					tension: 0
				};
			})
		},
		options: {
			scales: { y: { min: scale.min, max: scale.max, ticks: { stepSize: scale.step } } },
			plugins: { legend: { position: 'bottom' } }
		}
	};
}

type ExamRow = ExamsValue['entries'][number];

/** The four measures of an exam subject, as the exam-choice table names them. */
export const examMeasures = [
	{ key: 'plannedScore', label: 'Планируемые баллы' },
	{ key: 'decemberScore', label: 'Репетиционный экзамен (декабрь)' },
	{ key: 'marchScore', label: 'Репетиционный экзамен (март)' },
	{ key: 'actualScore', label: 'Результат экзамена' }
] as const satisfies readonly { key: keyof ExamRow; label: string }[];

/** Subject name with its exam, e.g. «Математика (ЕГЭ)»; rows without a subject are numbered. */
export function examSubjectLabel(row: ExamRow, index: number): string {
	const subject = row.subject.trim() || `Предмет ${index + 1}`;
	return row.exam ? `${subject} (${examKindLabels[row.exam]})` : subject;
}

/** Grouped bars per chosen subject: planned score, both rehearsals and the result, 0–100. */
export function examTargetsConfig(rows: readonly ExamRow[]): ChartConfiguration<'bar'> {
	return {
		type: 'bar',
		data: {
			labels: rows.map(examSubjectLabel),
			datasets: examMeasures.map((measure, index) => {
				const colour = seriesColours[index % seriesColours.length];
				return {
					label: measure.label,
					data: rows.map((row) => row[measure.key]),
					backgroundColor: index === 0 ? translucent(colour, 0.35) : colour,
					borderColor: colour,
					borderWidth: index === 0 ? 2 : 0
				};
			})
		},
		options: {
			scales: { y: { min: 0, max: 100, ticks: { stepSize: 20 } } },
			plugins: { legend: { position: 'bottom' } }
		}
	};
}
