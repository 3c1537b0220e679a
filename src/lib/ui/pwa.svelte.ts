import { registerSW } from 'virtual:pwa-register';
import { createLogger } from '$lib/shared/logger';

const log = createLogger('pwa');

/**
 * Service worker registration and the "update available" state. A new version waits until
 * the user accepts it, so nobody loses what they are typing to a reload.
 */
class AppUpdate {
	#needRefresh = $state(false);
	#offlineReady = $state(false);
	#update: ((reload?: boolean) => Promise<void>) | null = null;

	get needRefresh(): boolean {
		return this.#needRefresh;
	}

	get offlineReady(): boolean {
		return this.#offlineReady;
	}

	register(): void {
		if (this.#update || !('serviceWorker' in navigator)) return;
		this.#update = registerSW({
			immediate: true,
			onNeedRefresh: () => (this.#needRefresh = true),
			onOfflineReady: () => (this.#offlineReady = true),
			onRegisterError: (error: unknown) =>
				log.error('service worker registration failed; the app will not open offline', { error })
		});
	}

	async apply(): Promise<void> {
		await this.#update?.(true);
	}

	dismiss(): void {
		this.#needRefresh = false;
	}
}

export const appUpdate = new AppUpdate();
