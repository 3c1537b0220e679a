/**
 * Correction groups of one class: the students with a point deficit, grouped by the failed
 * skills they share. Skill sets are bit sets over the layout's skills, and similarity is the
 * Jaccard index of two sets.
 *
 * The grouping is greedy and agglomerative, and deterministic for a given input:
 * 1. Students with the same failed set form one cluster; a cluster larger than `max` is cut
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

export interface Candidate {
	row: number;
	/** Indices of the failed skills that count, ascending. */
	skills: number[];
}

interface Cluster {
	rows: number[];
	bits: Uint32Array;
}

export function correctionGroups(
	candidates: Candidate[],
	skillCodes: string[],
	bounds: { min: number; max: number }
): CorrectionGroup[] {
	const words = Math.max(1, Math.ceil(skillCodes.length / 32));
	const clusters = seedClusters(candidates, words, bounds.max);
	mergeSmallClusters(clusters, bounds);
	const failedSets = new Map(candidates.map((c) => [c.row, c.skills]));
	return clusters
		.map((cluster) => describe(cluster, failedSets, skillCodes, bounds.min))
		.sort((a, b) => a.members[0] - b.members[0]);
}

function seedClusters(candidates: Candidate[], words: number, max: number): Cluster[] {
	const byProfile = new Map<string, Cluster>();
	for (const candidate of [...candidates].sort((a, b) => a.row - b.row)) {
		const key = candidate.skills.join(',');
		let cluster = byProfile.get(key);
		if (!cluster) {
			cluster = { rows: [], bits: new Uint32Array(words) };
			for (const k of candidate.skills) cluster.bits[k >>> 5] |= 1 << (k & 31);
			byProfile.set(key, cluster);
		}
		cluster.rows.push(candidate.row);
	}
	const seeds: Cluster[] = [];
	for (const cluster of byProfile.values()) {
		const parts = Math.ceil(cluster.rows.length / max);
		let start = 0;
		for (let part = 0; part < parts; part++) {
			const size = Math.floor((cluster.rows.length - start) / (parts - part));
			seeds.push({ rows: cluster.rows.slice(start, start + size), bits: cluster.bits.slice() });
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
		for (let w = 0; w < partner.bits.length; w++) partner.bits[w] |= small.bits[w];
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

export function jaccard(a: Uint32Array, b: Uint32Array): number {
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
	failedSets: Map<number, number[]>,
	skillCodes: string[],
	min: number
): CorrectionGroup {
	const counts = new Map<number, number>();
	for (const row of cluster.rows) {
		for (const k of failedSets.get(row) ?? []) counts.set(k, (counts.get(k) ?? 0) + 1);
	}
	const order = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || a - b);
	return {
		members: Int32Array.from(cluster.rows),
		skills: order.map((k) => skillCodes[k]),
		skillCounts: order.map((k) => counts.get(k)!),
		shared: order.filter((k) => counts.get(k) === cluster.rows.length).map((k) => skillCodes[k]),
		belowMin: cluster.rows.length < min
	};
}
