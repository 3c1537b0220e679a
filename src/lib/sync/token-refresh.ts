import { AppError, type ReasonCode } from '$lib/shared/errors';
import { createLogger } from '$lib/shared/logger';
import type { SchoolDatabase } from '$lib/storage/db';
import { refreshAccessToken } from './enrolment-client';
import type { Session } from './session.svelte';
import type { SyncStatus } from './sync-status.svelte';

const log = createLogger('token-refresh');

export type RefreshOutcome = 'refreshed' | 'not-due' | 'not-enrolled' | 'unreachable' | 'rejected';

export interface TokenRefresherOptions {
	db: SchoolDatabase;
	session: Pick<Session, 'token' | 'claims' | 'refresh' | 'relayOrigin' | 'replaceToken'>;
	status: Pick<SyncStatus, 'failed'>;
	/** Called after a new access token is stored, e.g. to restart sync. */
	onRefreshed(): void;
	/** Called when the relay rejected the refresh token, e.g. to stop sync. */
	onRejected(reason: ReasonCode): void;
	fetch?: typeof fetch;
	now?: () => number;
	random?: () => number;
	/** How long before expiry a refresh is due, in ms; 5 minutes by default. */
	leadMs?: number;
}

const defaultLeadMs = 5 * 60_000;
const firstRetryMs = 5_000;
const maxRetryMs = 5 * 60_000;
/** setTimeout fires at once for delays above 2^31 - 1 ms (about 24.8 days). */
const maxTimerMs = 2 ** 31 - 1;

/**
 * Keeps an enrolled device's access token fresh: refreshes it shortly before it expires
 * and, after a failed attempt, retries with jittered backoff until the relay responds. A
 * rejected refresh token (revoked device, unknown token, idle too long) ends the retries
 * and is shown in the sync status; only a new invitation code helps then.
 */
export class TokenRefresher {
	readonly #options: Required<Omit<TokenRefresherOptions, 'fetch'>> & { fetch?: typeof fetch };
	#timer: ReturnType<typeof setTimeout> | null = null;
	#running: Promise<RefreshOutcome> | null = null;
	#failures = 0;
	#stopped = true;

	constructor(options: TokenRefresherOptions) {
		this.#options = {
			now: () => Date.now(),
			random: Math.random,
			leadMs: defaultLeadMs,
			...options
		};
	}

	start(): void {
		this.#stopped = false;
		this.#schedule(this.#delayUntilDue());
	}

	stop(): void {
		this.#stopped = true;
		this.#cancelTimer();
	}

	/** Refreshes now when the token expires within the lead time, e.g. when the network returns. */
	refreshIfDue(): Promise<RefreshOutcome> {
		if (!this.#options.session.refresh) return Promise.resolve('not-enrolled');
		if (this.#delayUntilDue(0) > 0) return Promise.resolve('not-due');
		return this.refreshNow();
	}

	/** Refreshes now, or waits for the refresh already running. */
	refreshNow(): Promise<RefreshOutcome> {
		this.#running ??= this.#refresh().finally(() => (this.#running = null));
		return this.#running;
	}

	async #refresh(): Promise<RefreshOutcome> {
		const { session, db } = this.#options;
		const refresh = session.refresh;
		if (!refresh || !session.token) return 'not-enrolled';
		try {
			const token = await refreshAccessToken(
				session.relayOrigin,
				refresh.device,
				refresh.refreshToken,
				this.#options.fetch
			);
			await session.replaceToken(db, token);
		} catch (error) {
			return this.#onFailure(error);
		}
		this.#failures = 0;
		log.debug('access token refreshed', { expires: session.claims?.exp });
		this.#options.onRefreshed();
		this.#schedule(this.#delayUntilDue());
		return 'refreshed';
	}

	#onFailure(error: unknown): RefreshOutcome {
		const reason = error instanceof AppError ? error.reason : 'unknown';
		if (reason === 'relay-unreachable' || reason === 'server-error' || reason === 'unknown') {
			this.#failures++;
			const window = Math.min(maxRetryMs, firstRetryMs * 2 ** (this.#failures - 1));
			log.info('token refresh failed; will retry', { reason, failures: this.#failures });
			this.#schedule(Math.round(window * (0.5 + this.#options.random())));
			return 'unreachable';
		}
		log.warn('the relay rejected the refresh token; a new invitation code is needed', { reason });
		this.stop();
		this.#options.status.failed(reason);
		this.#options.onRejected(reason);
		return 'rejected';
	}

	/**
	 * Milliseconds until a refresh is due: `leadMs` before expiry, plus up to half of it as
	 * jitter so that tablets enrolled together do not refresh in step.
	 */
	#delayUntilDue(jitterShare = this.#options.random()): number {
		const exp = this.#options.session.claims?.exp;
		if (exp === undefined) return 0;
		const lead = this.#options.leadMs * (1 + jitterShare / 2);
		return Math.max(0, exp * 1000 - lead - this.#options.now());
	}

	#schedule(delayMs: number): void {
		this.#cancelTimer();
		if (this.#stopped || !this.#options.session.refresh) return;
		this.#timer = setTimeout(
			() => {
				this.#timer = null;
				void this.refreshIfDue().then((outcome) => {
					if (outcome === 'not-due') this.#schedule(this.#delayUntilDue());
				});
			},
			Math.min(delayMs, maxTimerMs)
		);
	}

	#cancelTimer(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}
}
