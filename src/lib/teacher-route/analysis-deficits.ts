import type { ProcedureAnalysis } from '$lib/analytics/analyze';
import { skillKey } from '$lib/assessment/spec-import';
import type { Skill } from '$lib/assessment/specification.schema';
import type { MassDeficitInput } from './proposals';

/*
 * Adapter from the analysis of one procedure (`analyzeProcedure`) to the input of deficit
 * proposals (`massDeficitInputSchema`): one entry per class and skill that the analysis found
 * to be a mass deficit of a known teacher. Point deficits, classes without a teacher and
 * skills with no measured points are left out, because none of them can become a proposal.
 */

/** The procedure as the proposals name it; the analysis itself carries no title or id. */
export interface ProcedureSource {
	procedureId: string;
	title: string;
	/** `YYYY-MM-DD`. */
	date: string;
	/** Codifier elements of the specification, for the wording of each skill. */
	skills: readonly Skill[];
}

/** Returns the mass deficits of every class with a known teacher, in the analysis's order. */
export function massDeficitsFromAnalysis(
	analysis: ProcedureAnalysis,
	source: ProcedureSource
): MassDeficitInput[] {
	const skillCount = analysis.skillCodes.length;
	const skillIndex = new Map(analysis.skillCodes.map((code, k) => [code, k]));
	const entries: MassDeficitInput[] = [];

	analysis.classDetails.forEach((detail, g) => {
		if (!detail.teacher) return;
		for (const deficit of detail.deficits) {
			const persistence = deficit.persistence;
			if (deficit.kind !== 'mass' || (persistence !== 'persistent' && persistence !== 'new'))
				continue;
			const k = skillIndex.get(deficit.skill);
			if (k === undefined) continue;
			// Class tables and class details list the classes in the same order.
			const solveRate = analysis.classes.skillRates[g * skillCount + k];
			const threshold = analysis.classes.skillThresholds[g * skillCount + k];
			if (!Number.isFinite(solveRate) || !Number.isFinite(threshold)) continue;

			entries.push({
				kind: 'mass',
				procedureId: source.procedureId,
				procedureTitle: source.title,
				date: source.date,
				subject: analysis.procedure.subject,
				className: analysis.classes.labels[g],
				skillCode: deficit.skill,
				skillText: skillText(source.skills, deficit.skill),
				solveRate,
				threshold,
				failedShare: deficit.share,
				persistence,
				teacherId: detail.teacher.id
			});
		}
	});
	return entries;
}

/**
 * Returns the text of the skill a task names. Imported specifications name skills by kind and
 * code (`КТ 2`, as `skillKey` builds it), hand-made ones by the bare code. A КЭС and a КТ
 * element may share a bare code, and then the first one with a text is taken.
 */
function skillText(skills: readonly Skill[], key: string): string {
	const named = (skill: Skill) =>
		(skillKey(skill.kind, skill.code) === key || skill.code === key) && skill.text.trim() !== '';
	return skills.find(named)?.text.trim() ?? '';
}
