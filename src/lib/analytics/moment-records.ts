import type { MeasuredGroups } from './group-moments';
import type { Grouping } from './groups';
import type { Moments } from './item-statistics';

/**
 * Moments of coarser groups (schools, then the file), summed from the finer groups instead
 * of reading cells again. Each level is summed from the one below it, so a record is added
 * once. Classes come ordered by school, so a level over ordered finer groups keeps a single
 * record and finishes each group as soon as the next one starts. Any other level keeps one
 * record per group until the end.
 */

type WriteGroup = (
	tables: MeasuredGroups,
	g: number,
	moments: Moments,
	notTaught: ArrayLike<number>
) => void;

export class CoarserLevel {
	readonly records: Float64Array;
	/** The group summed in the single record of an ordered level, or -1. */
	private current = -1;
	private readonly written: Uint8Array;

	constructor(
		readonly tables: MeasuredGroups,
		readonly parentOf: Int32Array,
		readonly ordered: boolean,
		readonly stride: number,
		readonly P: number,
		readonly H: number,
		readonly next: CoarserLevel | null
	) {
		const G = tables.sums.groupCount;
		this.records = new Float64Array((ordered ? 1 : G) * stride);
		this.written = new Uint8Array(G);
	}

	/** Adds the moments of finer group `child` to its coarser group. */
	addMoments(child: number, m: Moments, notTaught: ArrayLike<number>, write: WriteGroup): void {
		const at = this.slotFor(this.parentOf[child], write);
		if (at >= 0) addToRecord(this.records, at, m, notTaught);
	}

	/** Adds the finished record of a finer level's group to its coarser group. */
	addRecord(child: number, source: Float64Array, from: number, write: WriteGroup): void {
		const at = this.slotFor(this.parentOf[child], write);
		if (at < 0) return;
		const { P, H } = this;
		// Scalars, per-column sums and students per total, then the rows of byTotal in use.
		const head = 3 + 4 * P + H;
		for (let i = 0; i < head; i++) this.records[at + i] += source[from + i];
		const counts = from + 3 + 4 * P;
		for (let t = 0; t < H; t++) {
			if (source[counts + t] === 0) continue;
			const row = head + t * P;
			for (let p = 0; p < P; p++) this.records[at + row + p] += source[from + row + p];
		}
	}

	/**
	 * Writes the groups still open. A group that no finer group reached is written from an
	 * empty record and adds nothing to the next level.
	 */
	finish(write: WriteGroup): void {
		if (this.ordered) this.flush(write);
		const G = this.tables.sums.groupCount;
		for (let g = 0; g < G; g++) {
			if (this.written[g]) continue;
			if (this.ordered) {
				this.records.fill(0);
				this.writeRecord(g, 0, write, false);
			} else {
				this.writeRecord(g, g * this.stride, write, true);
			}
		}
	}

	private slotFor(parent: number, write: WriteGroup): number {
		if (parent < 0) return -1;
		if (!this.ordered) return parent * this.stride;
		if (parent !== this.current) {
			this.flush(write);
			this.current = parent;
		}
		return 0;
	}

	private flush(write: WriteGroup): void {
		if (this.current < 0) return;
		this.writeRecord(this.current, 0, write);
		this.records.fill(0);
		this.current = -1;
	}

	private writeRecord(g: number, at: number, write: WriteGroup, propagate = true): void {
		const view = recordView(this.records, at, this.P, this.H);
		write(this.tables, g, view.moments, view.notTaught);
		this.written[g] = 1;
		if (propagate) this.next?.addRecord(g, this.records, at, write);
	}
}

/** Builds the chain of coarser levels above `grouping`, the finest first. */
export function buildLevels(
	grouping: Grouping,
	coarser: Grouping[],
	P: number,
	H: number,
	tablesOf: (level: number) => MeasuredGroups
): CoarserLevel[] {
	const stride = recordLength(P, H);
	const levels: CoarserLevel[] = [];
	let next: CoarserLevel | null = null;
	for (let level = coarser.length - 1; level >= 0; level--) {
		const finer = level === 0 ? grouping : coarser[level - 1];
		const parentOf = parentsOf(finer, coarser[level]);
		const ordered = isOrdered(parentOf);
		next = new CoarserLevel(tablesOf(level), parentOf, ordered, stride, P, H, next);
		levels.unshift(next);
	}
	return levels;
}

function isOrdered(parentOf: Int32Array): boolean {
	for (let g = 1; g < parentOf.length; g++) if (parentOf[g] < parentOf[g - 1]) return false;
	return true;
}

/** Maps each group to the coarser group holding its members; throws if one spans two. */
function parentsOf(grouping: Grouping, parent: Grouping): Int32Array {
	const parentOf = new Int32Array(grouping.labels.length).fill(-1);
	for (let g = 0; g < parentOf.length; g++) {
		for (let i = grouping.offsets[g]; i < grouping.offsets[g + 1]; i++) {
			const p = parent.groupOf[grouping.members[i]];
			if (parentOf[g] === -1) parentOf[g] = p;
			else if (parentOf[g] !== p) {
				throw new Error(`Group ${grouping.keys[g]} is not inside one ${parent.kind} group`);
			}
		}
	}
	return parentOf;
}

/**
 * Returns the length of the Float64 record of a coarser group's moments: n, ΣT, ΣT², then
 * Σx, Σx², Σx·T and not-taught counts per column, students per total, item points per total.
 */
function recordLength(P: number, H: number): number {
	return 3 + 4 * P + H + H * P;
}

function addToRecord(records: Float64Array, at: number, m: Moments, notTaught: ArrayLike<number>) {
	const { P, H } = m;
	records[at] += m.n;
	records[at + 1] += m.sumT;
	records[at + 2] += m.sumT2;
	let o = at + 3;
	for (let p = 0; p < P; p++, o++) records[o] += m.sumX[p];
	for (let p = 0; p < P; p++, o++) records[o] += m.sumX2[p];
	for (let p = 0; p < P; p++, o++) records[o] += m.sumXT[p];
	for (let p = 0; p < P; p++, o++) records[o] += notTaught[p];
	for (let t = 0; t < H; t++, o++) records[o] += m.countByTotal[t];
	// A class has students at few totals, so only those rows of byTotal are added.
	for (let t = 0; t < H; t++, o += P) {
		if (m.countByTotal[t] === 0) continue;
		for (let p = 0; p < P; p++) records[o + p] += m.byTotal[t * P + p];
	}
}

function recordView(records: Float64Array, at: number, P: number, H: number) {
	let o = at + 3;
	const take = (length: number) => records.subarray(o, (o += length));
	const moments: Moments = {
		P,
		H,
		n: records[at],
		sumT: records[at + 1],
		sumT2: records[at + 2],
		sumX: take(P),
		sumX2: take(P),
		sumXT: take(P),
		byTotal: new Float64Array(0),
		countByTotal: new Float64Array(0)
	};
	const notTaught = take(P);
	moments.countByTotal = take(H);
	moments.byTotal = take(H * P);
	return { moments, notTaught };
}
