import { createLogger } from '$lib/shared/logger';
import { database } from '$lib/storage/database';
import { getDeviceId } from '$lib/storage/device';
import { session } from '$lib/sync/session.svelte';
import { syncStatus } from '$lib/sync/sync-status.svelte';
import { errors } from '$lib/ui/errors.svelte';
import { syncEngine } from './context';

const log = createLogger('app');

/**
 * Starts the app's background parts: the device identity, the stored session and the sync
 * engine, which follows the browser's online and offline events. Returns the cleanup.
 */
export function startApp(): () => void {
	const db = database();
	const onOnline = () => {
		syncStatus.set('connecting');
		syncEngine().schedule(Math.round(Math.random() * 2000));
	};
	const onOffline = () => syncStatus.set('offline');

	void (async () => {
		try {
			await getDeviceId(db);
			await session.load(db);
			if (session.token) syncEngine().start();
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
		syncEngine().stop();
	};
}
