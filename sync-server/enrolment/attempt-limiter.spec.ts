import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attempt-limiter';

function limiterAt(clock: { now: number }) {
	return new AttemptLimiter(
		{
			perAddress: { capacity: 3, drainPerMinute: 1 },
			relayWide: { capacity: 5, drainPerMinute: 5 }
		},
		() => clock.now
	);
}

describe('AttemptLimiter', () => {
	it('blocks an address after its capacity of failures', () => {
		const clock = { now: 0 };
		const limiter = limiterAt(clock);
		for (let i = 0; i < 3; i++) {
			expect(limiter.check('10.0.0.1').waitMs).toBe(0);
			limiter.recordFailure('10.0.0.1');
		}

		expect(limiter.check('10.0.0.1').waitMs).toBe(60_000);
		expect(limiter.check('10.0.0.2').waitMs).toBe(0);
	});

	it('lets an address try again once a failure drained', () => {
		const clock = { now: 0 };
		const limiter = limiterAt(clock);
		for (let i = 0; i < 3; i++) limiter.recordFailure('10.0.0.1');

		clock.now = 59_999;
		expect(limiter.check('10.0.0.1').waitMs).toBeGreaterThan(0);
		clock.now = 60_000;
		expect(limiter.check('10.0.0.1').waitMs).toBe(0);
	});

	it('blocks every address when the relay-wide bucket is full', () => {
		const clock = { now: 0 };
		const limiter = limiterAt(clock);
		for (let i = 0; i < 5; i++) limiter.recordFailure(`10.0.1.${i}`);

		const check = limiter.check('10.0.2.1');

		expect(check.waitMs).toBe(12_000);
		expect(check.relayWide).toBe(true);
	});
});
