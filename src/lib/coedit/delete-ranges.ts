import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Deleted item ranges per Yjs client: `[clock, length]` pairs, sorted and merged. The same
 * facts as a Yjs DeleteSet, in a form that can be merged, subtracted and stored compactly.
 */
export type DeletedRanges = Map<number, [number, number][]>;

type DeleteSet = Y.Snapshot['ds'];
type DeleteItem = DeleteSet['clients'] extends Map<number, (infer Item)[]> ? Item : never;

function normalise(ranges: [number, number][]): [number, number][] {
	const sorted = ranges.filter(([, length]) => length > 0).sort((a, b) => a[0] - b[0]);
	const merged: [number, number][] = [];
	for (const [clock, length] of sorted) {
		const last = merged.at(-1);
		if (last && clock <= last[0] + last[1]) {
			last[1] = Math.max(last[1], clock + length - last[0]);
		} else {
			merged.push([clock, length]);
		}
	}
	return merged;
}

export function rangesFromDeleteSet(deleteSet: DeleteSet): DeletedRanges {
	const ranges: DeletedRanges = new Map();
	deleteSet.clients.forEach((items, client) => {
		const merged = normalise(items.map((item) => [item.clock, item.len]));
		if (merged.length > 0) ranges.set(client, merged);
	});
	return ranges;
}

export function toDeleteSet(ranges: DeletedRanges): DeleteSet {
	const deleteSet = Y.createDeleteSet();
	for (const [client, list] of ranges) {
		deleteSet.clients.set(
			client,
			list.map(([clock, len]) => ({ clock, len }) as DeleteItem)
		);
	}
	return deleteSet;
}

export function mergeRanges(all: Iterable<DeletedRanges>): DeletedRanges {
	const collected = new Map<number, [number, number][]>();
	for (const ranges of all) {
		for (const [client, list] of ranges) {
			const target = collected.get(client) ?? [];
			for (const [clock, length] of list) target.push([clock, length]);
			collected.set(client, target);
		}
	}
	const merged: DeletedRanges = new Map();
	for (const [client, list] of collected) merged.set(client, normalise(list));
	return merged;
}

/** Returns the ranges of `from` that `remove` does not cover. */
export function subtractRanges(from: DeletedRanges, remove: DeletedRanges): DeletedRanges {
	const result: DeletedRanges = new Map();
	for (const [client, list] of from) {
		const holes = remove.get(client) ?? [];
		const left: [number, number][] = [];
		for (const [clock, length] of list) {
			let start = clock;
			const end = clock + length;
			for (const [holeClock, holeLength] of holes) {
				const holeEnd = holeClock + holeLength;
				if (holeEnd <= start || holeClock >= end) continue;
				if (holeClock > start) left.push([start, holeClock - start]);
				start = Math.max(start, holeEnd);
			}
			if (start < end) left.push([start, end - start]);
		}
		if (left.length > 0) result.set(client, left);
	}
	return result;
}

export function isEmptyRanges(ranges: DeletedRanges): boolean {
	return ranges.size === 0;
}

/** Encodes as varints: client count, then per client its id, range count and the ranges. */
export function encodeRanges(ranges: DeletedRanges): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, ranges.size);
	for (const [client, list] of ranges) {
		encoding.writeVarUint(encoder, client);
		encoding.writeVarUint(encoder, list.length);
		let previousEnd = 0;
		// Clocks as gaps from the previous range's end keep the numbers, and the bytes, small.
		for (const [clock, length] of list) {
			encoding.writeVarUint(encoder, clock - previousEnd);
			encoding.writeVarUint(encoder, length);
			previousEnd = clock + length;
		}
	}
	return encoding.toUint8Array(encoder);
}

/** Decodes `encodeRanges` output; throws on malformed input. */
export function decodeRanges(bytes: Uint8Array): DeletedRanges {
	const decoder = decoding.createDecoder(bytes);
	const ranges: DeletedRanges = new Map();
	const clients = decoding.readVarUint(decoder);
	for (let i = 0; i < clients; i++) {
		const client = decoding.readVarUint(decoder);
		const count = decoding.readVarUint(decoder);
		const list: [number, number][] = [];
		let previousEnd = 0;
		for (let j = 0; j < count; j++) {
			const clock = previousEnd + decoding.readVarUint(decoder);
			const length = decoding.readVarUint(decoder);
			list.push([clock, length]);
			previousEnd = clock + length;
		}
		ranges.set(client, list);
	}
	if (decoding.hasContent(decoder)) throw new Error('Trailing bytes after deleted ranges.');
	return ranges;
}
