/**
 * Persistent storage: without it the browser may evict IndexedDB under storage pressure,
 * taking unsynced work with it. The outcome is shown in the settings.
 */
export type PersistenceOutcome = 'granted' | 'denied' | 'unsupported' | 'unknown';

export const persistenceNames: Record<PersistenceOutcome, string> = {
	granted: 'Постоянное хранение разрешено: браузер не удалит данные при нехватке места.',
	denied:
		'Браузер отказал в постоянном хранении. Установите приложение на главный экран и откройте его оттуда, затем повторите запрос; до этого регулярно синхронизируйтесь.',
	unsupported: 'Браузер не поддерживает запрос постоянного хранения. Синхронизируйтесь регулярно.',
	unknown: 'Запрос постоянного хранения ещё не выполнен.'
};

class StoragePersistence {
	#outcome = $state<PersistenceOutcome>('unknown');
	#usage = $state<{ usage: number; quota: number } | null>(null);

	get outcome(): PersistenceOutcome {
		return this.#outcome;
	}

	get usage(): { usage: number; quota: number } | null {
		return this.#usage;
	}

	async request(): Promise<PersistenceOutcome> {
		const storage = navigator.storage;
		if (!storage?.persist) {
			this.#outcome = 'unsupported';
			return this.#outcome;
		}
		const already = await storage.persisted();
		this.#outcome = already || (await storage.persist()) ? 'granted' : 'denied';
		const estimate = await storage.estimate?.();
		if (estimate) this.#usage = { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 };
		return this.#outcome;
	}
}

export const storagePersistence = new StoragePersistence();
