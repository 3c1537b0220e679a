import type { CurriculumPlan } from '$lib/trajectory/curriculum-plan.schema';
import { planGroups } from '$lib/trajectory/curriculum-plan.schema';

/**
 * Returns the subjects of the individual curriculum plan (ИУП) that the grade summary does
 * not list yet, in the plan's order. Names compare without case and outer spaces, and each
 * name appears once.
 */
export function subjectsMissingFromGrades(
	plan: Pick<CurriculumPlan, (typeof planGroups)[number]>,
	listed: readonly string[]
): string[] {
	const seen = new Set(listed.map((name) => name.trim().toLowerCase()));
	const missing: string[] = [];
	for (const group of planGroups) {
		for (const row of plan[group]) {
			const name = row.subject.trim();
			const key = name.toLowerCase();
			if (name === '' || seen.has(key)) continue;
			seen.add(key);
			missing.push(name);
		}
	}
	return missing;
}
