import { createLogger } from '$lib/shared/logger';
import { database } from '$lib/storage/database';
import { getDeviceId } from '$lib/storage/device';
import { session } from '$lib/sync/session.svelte';
import { syncStatus } from '$lib/sync/sync-status.svelte';
import { errors } from '$lib/ui/errors.svelte';
import { syncEngine, tokenRefresher } from './context';
// Registers the trajectory summariser, so background sync fills the tutor's group view.
import '$lib/trajectory/components/tools/trajectory-summary';

/** The start-up refresh of an expired token waits at most this long before sync starts. */
const startRefreshWaitMs = 5_000;

const log = createLogger('app');

/**
 * Starts the app's background parts: the device identity, the stored session and the sync
 * engine, which follows the browser's online and offline events. Returns the cleanup.
 */
export function startApp(): () => void {
	const db = database();
	const onOnline = () => {
		syncStatus.set('connecting');
		void tokenRefresher().refreshIfDue();
		syncEngine().schedule(Math.round(Math.random() * 2000));
	};
	const onOffline = () => syncStatus.set('offline');

	void (async () => {
		try {
			await getDeviceId(db);
			await session.load(db);
			if (session.token) {
				// A token that expired while the tablet was closed is refreshed before the first
				// pass, so that the relay does not reject the pass. Offline, the refresh fails fast.
				const refresh = await Promise.race([
					tokenRefresher().refreshIfDue(),
					new Promise((resolve) => setTimeout(() => resolve('pending'), startRefreshWaitMs))
				]);
				// A rejected refresh has stopped sync and shows why; starting it would hide that.
				if (refresh !== 'rejected') {
					tokenRefresher().start();
					syncEngine().start();
				}
			}
		} catch (error) {
			errors.report(error, 'app');
		}
	})();
	window.addEventListener('online', onOnline);
	window.addEventListener('offline', onOffline);
	log.debug('started');

	return () => {
		window.removeEventListener('online', onOnline);
		window.removeEventListener('offline', onOffline);
		tokenRefresher().stop();
		syncEngine().stop();
	};
}
