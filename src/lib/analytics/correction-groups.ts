/**
 * Correction groups of one class: the students with a point deficit, grouped by the failed
 * skills they share. Skill sets are bit sets over the layout's skills, and similarity is the
 * Jaccard index of two sets.
 *
 * The grouping is greedy and agglomerative, and deterministic for a given input:
 * 1. Students with the same failed set form one cluster. A cluster larger than `max` is cut
 *    into near-equal parts of at most `max`, in row order.
 * 2. While a cluster is smaller than `min`, the smallest (then the earliest) is merged with
 *    the cluster most similar to it whose combined size stays within `max` (ties: the smaller
 *    partner, then the earliest). A cluster that no partner fits stays, marked `belowMin`.
 * Every candidate ends in exactly one group.
 */

export interface CorrectionGroup {
	/** Rows of the members, ascending. */
	members: Int32Array;
	/** Skills failed by any member, most frequent first, then in layout order. */
	skills: string[];
	/** Members who failed each skill of `skills`. */
	skillCounts: number[];
	/** Skills every member failed. */
	shared: string[];
	/** True when the group has fewer than `min` members because no merge fitted. */
	belowMin: boolean;
}

/**
 * The students to group: `rows[i]` failed the skills whose bits are set in
 * `masks[i * words .. (i + 1) * words)`, bit k & 31 of word k >>> 5 for skill k.
 */
export interface CandidateSet {
	rows: number[];
	masks: number[];
	words: number;
}

/** Builds a candidate set from lists of failed skill indices. */
export function candidateSet(
	candidates: { row: number; skills: number[] }[],
	skillCount: number
): CandidateSet {
	const words = wordsFor(skillCount);
	const set: CandidateSet = { rows: [], masks: [], words };
	for (const { row, skills } of candidates) {
		const at = set.masks.length;
		set.rows.push(row);
		for (let w = 0; w < words; w++) set.masks.push(0);
		for (const k of skills)
			set.masks[at + (k >>> 5)] = (set.masks[at + (k >>> 5)] | (1 << (k & 31))) >>> 0;
	}
	return set;
}

export function wordsFor(skillCount: number): number {
	return Math.max(1, Math.ceil(skillCount / 32));
}

interface Cluster {
	rows: number[];
	bits: number[];
}

export function correctionGroups(
	candidates: CandidateSet,
	skillCodes: string[],
	bounds: { min: number; max: number }
): CorrectionGroup[] {
	const clusters = seedClusters(candidates, bounds.max);
	mergeSmallClusters(clusters, bounds);
	const maskAt = new Map(candidates.rows.map((row, i) => [row, i * candidates.words]));
	return clusters
		.map((cluster) => describe(cluster, candidates, maskAt, skillCodes, bounds.min))
		.sort((a, b) => a.members[0] - b.members[0]);
}

function seedClusters({ rows, masks, words }: CandidateSet, max: number): Cluster[] {
	const order = rows.map((_, i) => i).sort((a, b) => rows[a] - rows[b]);
	const byProfile = new Map<number | string, Cluster>();
	for (const i of order) {
		const bits = masks.slice(i * words, (i + 1) * words);
		const key = words === 1 ? bits[0] : bits.join(',');
		let cluster = byProfile.get(key);
		if (!cluster) byProfile.set(key, (cluster = { rows: [], bits }));
		cluster.rows.push(rows[i]);
	}
	const seeds: Cluster[] = [];
	for (const cluster of byProfile.values()) {
		const parts = Math.ceil(cluster.rows.length / max);
		let start = 0;
		for (let part = 0; part < parts; part++) {
			const size = Math.floor((cluster.rows.length - start) / (parts - part));
			seeds.push({ rows: cluster.rows.slice(start, start + size), bits: [...cluster.bits] });
			start += size;
		}
	}
	return seeds.sort((a, b) => a.rows[0] - b.rows[0]);
}

function mergeSmallClusters(clusters: Cluster[], bounds: { min: number; max: number }): void {
	const stuck = new Set<Cluster>();
	for (;;) {
		const small = smallestBelow(clusters, bounds.min, stuck);
		if (!small) return;
		const partner = bestPartner(clusters, small, bounds.max);
		if (!partner) {
			stuck.add(small);
			continue;
		}
		partner.rows = mergeSorted(partner.rows, small.rows);
		for (let w = 0; w < partner.bits.length; w++)
			partner.bits[w] = (partner.bits[w] | small.bits[w]) >>> 0;
		clusters.splice(clusters.indexOf(small), 1);
		// A grown cluster may now fit with a formerly stuck one.
		stuck.clear();
	}
}

function smallestBelow(clusters: Cluster[], min: number, skip: Set<Cluster>): Cluster | null {
	let best: Cluster | null = null;
	for (const cluster of clusters) {
		if (cluster.rows.length >= min || skip.has(cluster)) continue;
		if (!best || compareSizeThenRow(cluster, best) < 0) best = cluster;
	}
	return best;
}

function bestPartner(clusters: Cluster[], small: Cluster, max: number): Cluster | null {
	let best: Cluster | null = null;
	let bestSimilarity = -1;
	for (const other of clusters) {
		if (other === small || other.rows.length + small.rows.length > max) continue;
		const similarity = jaccard(small.bits, other.bits);
		const better =
			similarity > bestSimilarity ||
			(similarity === bestSimilarity && compareSizeThenRow(other, best!) < 0);
		if (better) {
			best = other;
			bestSimilarity = similarity;
		}
	}
	return best;
}

function compareSizeThenRow(a: Cluster, b: Cluster): number {
	return a.rows.length - b.rows.length || a.rows[0] - b.rows[0];
}

export function jaccard(a: number[], b: number[]): number {
	let both = 0;
	let either = 0;
	for (let w = 0; w < a.length; w++) {
		both += popcount(a[w] & b[w]);
		either += popcount(a[w] | b[w]);
	}
	return either === 0 ? 1 : both / either;
}

function popcount(value: number): number {
	let v = value - ((value >>> 1) & 0x55555555);
	v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
	return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function mergeSorted(a: number[], b: number[]): number[] {
	return [...a, ...b].sort((x, y) => x - y);
}

function describe(
	cluster: Cluster,
	{ masks }: CandidateSet,
	maskAt: Map<number, number>,
	skillCodes: string[],
	min: number
): CorrectionGroup {
	const counts = new Array<number>(skillCodes.length).fill(0);
	for (const row of cluster.rows) {
		const at = maskAt.get(row)!;
		for (let k = 0; k < skillCodes.length; k++) {
			if ((masks[at + (k >>> 5)] >>> (k & 31)) & 1) counts[k]++;
		}
	}
	const order = skillCodes
		.map((_, k) => k)
		.filter((k) => counts[k] > 0)
		.sort((a, b) => counts[b] - counts[a] || a - b);
	return {
		members: Int32Array.from(cluster.rows),
		skills: order.map((k) => skillCodes[k]),
		skillCounts: order.map((k) => counts[k]),
		shared: order.filter((k) => counts[k] === cluster.rows.length).map((k) => skillCodes[k]),
		belowMin: cluster.rows.length < min
	};
}
