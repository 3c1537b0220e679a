import type { ReasonCode } from '$lib/shared/errors';
import { reasonMessages } from '$lib/shared/errors';

export type SyncState = 'offline' | 'connecting' | 'syncing' | 'synced' | 'error';

export const syncStateNames: Record<SyncState, string> = {
	offline: 'Нет сети — изменения сохраняются на устройстве',
	connecting: 'Подключение…',
	syncing: 'Синхронизация…',
	synced: 'Синхронизировано',
	error: 'Ошибка синхронизации'
};

/**
 * The one sync-health state of the app, shown the same way on every screen. The sync engine
 * reports into it; components only read it.
 */
export class SyncStatus {
	#state = $state<SyncState>('offline');
	#lastSyncedAt = $state<number | null>(null);
	#reason = $state<ReasonCode | null>(null);
	#pending = $state(0);

	get state(): SyncState {
		return this.#state;
	}

	get lastSyncedAt(): number | null {
		return this.#lastSyncedAt;
	}

	/** Documents waiting for background sync. */
	get pending(): number {
		return this.#pending;
	}

	get reason(): ReasonCode | null {
		return this.#reason;
	}

	get message(): string {
		if (this.#state === 'error' && this.#reason) return reasonMessages[this.#reason];
		return syncStateNames[this.#state];
	}

	set(state: Exclude<SyncState, 'error' | 'synced'>): void {
		this.#state = state;
		if (state !== 'offline') this.#reason = null;
	}

	synced(at = Date.now()): void {
		this.#state = 'synced';
		this.#lastSyncedAt = at;
		this.#reason = null;
	}

	failed(reason: ReasonCode): void {
		this.#state = 'error';
		this.#reason = reason;
	}

	setPending(count: number): void {
		this.#pending = count;
	}
}

export const syncStatus = new SyncStatus();
