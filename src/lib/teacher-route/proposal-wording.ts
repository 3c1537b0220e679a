import { measureLabels } from './teacher-route.labels';
import type { DeficitEvidence } from './teacher-route.schema';
import type { MeasureKind } from './typical-measures';

/*
 * Russian wording of deficit proposals. The text offers methodical support for the teacher's
 * own classes. It states each class's figures against the threshold and nothing else: no
 * score of the teacher, no order among teachers, no figures of other teachers' classes.
 */

const nbsp = '\u00a0';

/** Formats a share 0–1 as whole percent with a non-breaking space: `0.385` → «39 %». */
export function formatPercent(share: number): string {
	return `${Math.round(share * 100)}${nbsp}%`;
}

/** Formats `YYYY-MM-DD` as `ДД.ММ.ГГГГ`. */
export function formatDate(isoDate: string): string {
	const [year, month, day] = isoDate.split('-');
	return `${day}.${month}.${year}`;
}

export function proposalTitle(skillText: string, skillCode: string): string {
	const text = skillText.trim();
	return text
		? `Методический дефицит: ${text} (элемент ${skillCode})`
		: `Методический дефицит по элементу ${skillCode}`;
}

function classList(classes: readonly string[]): string {
	return classes.length === 1 ? `класса ${classes[0]}` : `классов ${classes.join(', ')}`;
}

export function proposalSummary(evidence: DeficitEvidence, classes: readonly string[]): string {
	const subject = `по предмету «${evidence.subject}»`;
	if (evidence.persistence === 'persistent') {
		return `Устойчивый дефицит: повторяется в результатах ${classList(classes)} ${subject}. Ошибки носят массовый характер.`;
	}
	return `Выявлен впервые в результатах ${classList(classes)} ${subject}. Ошибки носят массовый характер.`;
}

/** Returns one line per class and procedure: where, when, and the class's figures. */
export function evidenceLines(evidence: DeficitEvidence): string[] {
	const lines: string[] = [];
	for (const procedure of evidence.procedures) {
		const title = procedure.procedureTitle.trim() || procedure.procedureId;
		for (const item of procedure.classes) {
			const recurrence =
				item.persistence === 'persistent' ? 'дефицит повторяется' : 'выявлен впервые';
			lines.push(
				`${title} (${formatDate(procedure.date)}), ${item.className}: выполнение ${formatPercent(item.solveRate)} при пороге ${formatPercent(item.threshold)}, не справились ${formatPercent(item.failedShare)} обучающихся класса; ${recurrence}.`
			);
		}
	}
	return lines;
}

export function supportText(measures: readonly MeasureKind[]): string {
	const names = measures.map((measure) => measureLabels[measure].toLowerCase());
	return `Рекомендуемая методическая поддержка: ${names.join(', ')}.`;
}

/** Content of a roadmap row added as a typical measure for a deficit. */
export function measureTopic(topic: string): string {
	return `Тема: ${topic}`;
}
