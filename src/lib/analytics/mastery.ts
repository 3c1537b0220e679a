import { EPSILON, type GroupRates, type PositionSums } from './solve-rates';

/** Mastery codes in the arrays below. */
export const Mastery = { notMeasured: -1, notMastered: 0, mastered: 1 } as const;

/**
 * Mastery per group. A task is mastered when the group's solve rate reaches its level's
 * threshold. A skill is mastered when the group earned at least threshold × maximum, summed
 * over the tasks checking it. A group with fewer present students than `minGroupSize` is unreliable:
 * the codes are still filled, and the interface shows them as indicative only.
 */
export interface GroupMastery {
	/** Row-major by group, one Mastery code per column. */
	positions: Int8Array;
	/** Row-major by group, one Mastery code per skill. */
	skills: Int8Array;
	/** 1 when the group has at least `minGroupSize` present students. */
	reliable: Uint8Array;
}

export function groupMastery(
	sums: PositionSums,
	rates: GroupRates,
	thresholds: Float64Array,
	minGroupSize: number
): GroupMastery {
	const P = thresholds.length;
	const positions = new Int8Array(rates.positions.length);
	for (let base = 0; base < positions.length; base += P) {
		for (let p = 0; p < P; p++)
			positions[base + p] = code(rates.positions[base + p], thresholds[p]);
	}
	const skills = new Int8Array(rates.skills.length);
	for (let i = 0; i < skills.length; i++) {
		skills[i] = code(rates.skills[i], rates.skillThresholds[i]);
	}
	const reliable = new Uint8Array(sums.groupCount);
	for (let g = 0; g < reliable.length; g++) reliable[g] = sums.students[g] >= minGroupSize ? 1 : 0;
	return { positions, skills, reliable };
}

function code(rate: number, threshold: number): number {
	if (Number.isNaN(rate)) return Mastery.notMeasured;
	return rate + EPSILON >= threshold ? Mastery.mastered : Mastery.notMastered;
}
