import { describe, expect, it } from 'vitest';
import { ConnectionCounter, TokenBucket } from './limits';

describe('TokenBucket', () => {
	it('allows a burst, then the sustained rate', () => {
		let now = 0;
		const bucket = new TokenBucket(10, 3, () => now);

		expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
			true,
			true,
			true,
			false
		]);
		now += 100;
		expect(bucket.take()).toBe(true);
		expect(bucket.take()).toBe(false);
	});

	it('never refills past its capacity', () => {
		let now = 0;
		const bucket = new TokenBucket(10, 2, () => now);
		now += 60_000;

		expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
	});
});

describe('ConnectionCounter', () => {
	it('refuses past the maximum until one is removed', () => {
		const counter = new ConnectionCounter(2);

		expect(counter.tryAdd('s1/d1')).toBe(true);
		expect(counter.tryAdd('s1/d1')).toBe(true);
		expect(counter.tryAdd('s1/d1')).toBe(false);
		expect(counter.tryAdd('s1/d2')).toBe(true);
		counter.remove('s1/d1');
		expect(counter.count('s1/d1')).toBe(1);
		expect(counter.tryAdd('s1/d1')).toBe(true);
	});
});
