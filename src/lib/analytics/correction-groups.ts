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

/** Candidates by index into a row-sorted candidate set, so a lower index is an earlier row. */
interface Cluster {
	items: number[];
	bits: number[];
	/** No partner fitted at the last try; cleared whenever a merge changes the clusters. */
	stuck: boolean;
}

export function correctionGroups(
	candidates: CandidateSet,
	skillCodes: string[],
	bounds: { min: number; max: number }
): CorrectionGroup[] {
	const sorted = sortedByRow(candidates);
	const clusters = seedClusters(sorted, bounds.max);
	mergeSmallClusters(clusters, bounds);
	return clusters
		.map((cluster) => describe(cluster, sorted, skillCodes, bounds.min))
		.sort((a, b) => a.members[0] - b.members[0]);
}

function sortedByRow(candidates: CandidateSet): CandidateSet {
	const { rows, masks, words } = candidates;
	let ascending = true;
	for (let i = 1; i < rows.length && ascending; i++) ascending = rows[i - 1] < rows[i];
	if (ascending) return candidates;

	const order = rows.map((_, i) => i).sort((a, b) => rows[a] - rows[b]);
	return {
		rows: order.map((i) => rows[i]),
		masks: order.flatMap((i) => masks.slice(i * words, (i + 1) * words)),
		words
	};
}

function seedClusters({ rows, masks, words }: CandidateSet, max: number): Cluster[] {
	const byProfile = new Map<number | string, Cluster>();
	for (let i = 0; i < rows.length; i++) {
		const key = words === 1 ? masks[i] : masks.slice(i * words, (i + 1) * words).join(',');
		let cluster = byProfile.get(key);
		if (!cluster) {
			const bits = masks.slice(i * words, (i + 1) * words);
			byProfile.set(key, (cluster = { items: [], bits, stuck: false }));
		}
		cluster.items.push(i);
	}
	const seeds: Cluster[] = [];
	for (const cluster of byProfile.values()) {
		const parts = Math.ceil(cluster.items.length / max);
		if (parts === 1) {
			seeds.push(cluster);
			continue;
		}
		let start = 0;
		for (let part = 0; part < parts; part++) {
			const size = Math.floor((cluster.items.length - start) / (parts - part));
			const items = cluster.items.slice(start, start + size);
			seeds.push({ items, bits: [...cluster.bits], stuck: false });
			start += size;
		}
	}
	return seeds.sort((a, b) => a.items[0] - b.items[0]);
}

function mergeSmallClusters(clusters: Cluster[], bounds: { min: number; max: number }): void {
	for (;;) {
		const small = smallestBelow(clusters, bounds.min);
		if (!small) return;
		const partner = bestPartner(clusters, small, bounds.max);
		if (!partner) {
			small.stuck = true;
			continue;
		}
		partner.items = mergeSorted(partner.items, small.items);
		for (let w = 0; w < partner.bits.length; w++) {
			partner.bits[w] = (partner.bits[w] | small.bits[w]) >>> 0;
		}
		clusters.splice(clusters.indexOf(small), 1);
		// A grown cluster may now fit with a formerly stuck one.
		for (const cluster of clusters) cluster.stuck = false;
	}
}

function smallestBelow(clusters: Cluster[], min: number): Cluster | null {
	let best: Cluster | null = null;
	for (const cluster of clusters) {
		if (cluster.items.length >= min || cluster.stuck) continue;
		if (!best || compareSizeThenRow(cluster, best) < 0) best = cluster;
	}
	return best;
}

function bestPartner(clusters: Cluster[], small: Cluster, max: number): Cluster | null {
	let best: Cluster | null = null;
	let bestSimilarity = -1;
	for (const other of clusters) {
		if (other === small || other.items.length + small.items.length > max) continue;
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
	return a.items.length - b.items.length || a.items[0] - b.items[0];
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
	const out: number[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length || j < b.length) {
		if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
		else out.push(b[j++]);
	}
	return out;
}

function describe(
	cluster: Cluster,
	{ rows, masks, words }: CandidateSet,
	skillCodes: string[],
	min: number
): CorrectionGroup {
	const K = skillCodes.length;
	const size = cluster.items.length;
	const counts = new Int32Array(K);
	for (const item of cluster.items) {
		const at = item * words;
		for (let k = 0; k < K; k++) counts[k] += (masks[at + (k >>> 5)] >>> (k & 31)) & 1;
	}
	const order: number[] = [];
	for (let k = 0; k < K; k++) if (counts[k] > 0) order.push(k);
	order.sort((a, b) => counts[b] - counts[a] || a - b);

	const group: CorrectionGroup = {
		members: new Int32Array(size),
		skills: [],
		skillCounts: [],
		shared: [],
		belowMin: size < min
	};
	cluster.items.forEach((item, i) => (group.members[i] = rows[item]));
	for (const k of order) {
		group.skills.push(skillCodes[k]);
		group.skillCounts.push(counts[k]);
		if (counts[k] === size) group.shared.push(skillCodes[k]);
	}
	return group;
}
