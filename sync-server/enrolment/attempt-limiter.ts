/**
 * Limits failed attempts to redeem an invitation code, per client address and for the
 * whole relay. Each key has a leaky bucket: a failure adds one, the level drains at a
 * fixed rate, and requests are refused while the level exceeds the capacity less one. Only failures
 * count, so a class enrolling twenty tablets from one school network is never slowed.
 *
 * With the defaults, a guesser gets at most 10 attempts a minute across all addresses.
 * Codes carry 50 random bits, so a year of guessing finds a given live code with a
 * probability of about 5 in a billion. The relay-wide bucket also lets a guesser block
 * enrolment for everyone while it keeps failing; the relay logs when that bucket is full.
 */
export interface BucketLimit {
	/** Failures that fill the bucket. */
	capacity: number;
	/** Failures drained per minute. */
	drainPerMinute: number;
}

export const perAddressLimit: BucketLimit = { capacity: 10, drainPerMinute: 1 };
export const relayWideLimit: BucketLimit = { capacity: 100, drainPerMinute: 10 };

/** Entries beyond this count are pruned of drained buckets. */
const pruneAbove = 10_000;

class LeakyBuckets {
	private readonly levels = new Map<string, { level: number; at: number }>();
	private readonly drainPerMs: number;

	constructor(
		private readonly limit: BucketLimit,
		private readonly now: () => number
	) {
		this.drainPerMs = limit.drainPerMinute / 60_000;
	}

	/**
	 * Milliseconds until `key` may try again; 0 when it may now. After `capacity` quick
	 * failures the next attempt waits until one failure has drained.
	 */
	waitMs(key: string): number {
		const excess = this.level(key) - (this.limit.capacity - 1);
		return excess > 0 ? Math.ceil(excess / this.drainPerMs) : 0;
	}

	add(key: string): void {
		if (this.levels.size > pruneAbove) this.prune();
		this.levels.set(key, { level: this.level(key) + 1, at: this.now() });
	}

	private level(key: string): number {
		const entry = this.levels.get(key);
		if (!entry) return 0;
		return Math.max(0, entry.level - (this.now() - entry.at) * this.drainPerMs);
	}

	private prune(): void {
		for (const key of this.levels.keys()) {
			if (this.level(key) === 0) this.levels.delete(key);
		}
	}
}

export class AttemptLimiter {
	private readonly perAddress: LeakyBuckets;
	private readonly relayWide: LeakyBuckets;

	constructor(
		limits: { perAddress: BucketLimit; relayWide: BucketLimit } = {
			perAddress: perAddressLimit,
			relayWide: relayWideLimit
		},
		now: () => number = () => Date.now()
	) {
		this.perAddress = new LeakyBuckets(limits.perAddress, now);
		this.relayWide = new LeakyBuckets(limits.relayWide, now);
	}

	/**
	 * Returns the milliseconds until `address` may try again, 0 when it may now. `relayWide`
	 * tells whether the relay-wide bucket is the one that is full.
	 */
	check(address: string): { waitMs: number; relayWide: boolean } {
		const relayWide = this.relayWide.waitMs('');
		const own = this.perAddress.waitMs(address);
		return { waitMs: Math.max(relayWide, own), relayWide: relayWide > own };
	}

	recordFailure(address: string): void {
		this.perAddress.add(address);
		this.relayWide.add('');
	}
}
