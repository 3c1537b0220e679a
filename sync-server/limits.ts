/**
 * A token bucket: up to `capacity` messages at once, refilled at `ratePerSecond`.
 * `now` is injectable so tests can drive the clock.
 */
export class TokenBucket {
	private tokens: number;
	private lastRefill: number;

	constructor(
		private readonly ratePerSecond: number,
		private readonly capacity: number,
		private readonly now: () => number = () => performance.now()
	) {
		this.tokens = capacity;
		this.lastRefill = now();
	}

	/** Takes one token; returns false when the bucket is empty. */
	take(): boolean {
		const now = this.now();
		const elapsedSeconds = Math.max(0, now - this.lastRefill) / 1000;
		this.tokens = Math.min(this.capacity, this.tokens + elapsedSeconds * this.ratePerSecond);
		this.lastRefill = now;
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}
}

/** Counts open connections per key (a device of a school) against a maximum. */
export class ConnectionCounter {
	private readonly counts = new Map<string, number>();

	constructor(private readonly max: number) {}

	/** Counts one more connection for `key`; returns false, counting nothing, when full. */
	tryAdd(key: string): boolean {
		const count = this.counts.get(key) ?? 0;
		if (count >= this.max) return false;
		this.counts.set(key, count + 1);
		return true;
	}

	remove(key: string): void {
		const count = this.counts.get(key) ?? 0;
		if (count <= 1) this.counts.delete(key);
		else this.counts.set(key, count - 1);
	}

	count(key: string): number {
		return this.counts.get(key) ?? 0;
	}
}
