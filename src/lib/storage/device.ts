import type { SchoolDatabase } from './db';

/**
 * This device's identity: a random id made once and kept in IndexedDB. Tokens are bound to
 * it, so a copied token is useless on another device once the relay checks the binding.
 */
export async function getDeviceId(db: SchoolDatabase): Promise<string> {
	return db.transaction('rw', db.settings, async () => {
		const existing = await db.settings.get('deviceId');
		if (typeof existing?.value === 'string') return existing.value;

		const id = crypto.randomUUID();
		await db.settings.put({ key: 'deviceId', value: id });
		return id;
	});
}

export async function readSetting<T>(db: SchoolDatabase, key: string): Promise<T | undefined> {
	return (await db.settings.get(key))?.value as T | undefined;
}

export async function writeSetting(db: SchoolDatabase, key: string, value: unknown): Promise<void> {
	await db.settings.put({ key, value });
}
