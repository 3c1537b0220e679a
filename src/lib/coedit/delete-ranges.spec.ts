import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	decodeRanges,
	encodeRanges,
	mergeRanges,
	rangesFromDeleteSet,
	subtractRanges,
	toDeleteSet,
	type DeletedRanges
} from './delete-ranges';

const ranges = (entries: [number, [number, number][]][]): DeletedRanges => new Map(entries);

describe('deleted ranges', () => {
	it('merges overlapping and adjacent ranges', () => {
		const merged = mergeRanges([
			ranges([
				[
					7,
					[
						[0, 3],
						[10, 2]
					]
				]
			]),
			ranges([
				[
					7,
					[
						[3, 2],
						[11, 4]
					]
				],
				[9, [[5, 1]]]
			])
		]);
		expect(merged).toEqual(
			ranges([
				[
					7,
					[
						[0, 5],
						[10, 5]
					]
				],
				[9, [[5, 1]]]
			])
		);
	});

	it('subtracts covered parts', () => {
		const left = subtractRanges(
			ranges([
				[
					1,
					[
						[0, 10],
						[20, 5]
					]
				],
				[2, [[0, 1]]]
			]),
			ranges([
				[
					1,
					[
						[2, 3],
						[8, 14]
					]
				]
			])
		);
		expect(left).toEqual(
			ranges([
				[
					1,
					[
						[0, 2],
						[5, 3],
						[22, 3]
					]
				],
				[2, [[0, 1]]]
			])
		);
	});

	it('round-trips through bytes', () => {
		const original = ranges([
			[
				4_000_000_000,
				[
					[3, 2],
					[300, 7000]
				]
			],
			[1, [[0, 1]]]
		]);
		expect(decodeRanges(encodeRanges(original))).toEqual(original);
		expect(() => decodeRanges(new Uint8Array([1, 1, 5]))).toThrow();
	});

	it('round-trips through a Yjs delete set', () => {
		const doc = new Y.Doc({ gc: false });
		const text = doc.getText('t');
		text.insert(0, 'абвгдежз');
		text.delete(1, 2);
		text.delete(5, 1);
		const fromDoc = rangesFromDeleteSet(Y.createDeleteSetFromStructStore(doc.store));

		expect(rangesFromDeleteSet(toDeleteSet(fromDoc))).toEqual(fromDoc);
		expect([...fromDoc.values()][0]).toEqual([
			[1, 2],
			[7, 1]
		]);
	});
});
