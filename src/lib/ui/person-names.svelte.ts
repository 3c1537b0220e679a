import { database } from '$lib/storage/database';

/**
 * Names of the school's people from the roster projection on this device. Authorship stamps
 * carry the name the editing device knew, and a student's device has no roster, so stamps
 * are shown with the roster's name whenever this device has one.
 */
const reloadAfterMs = 10_000;

class PersonNames {
	#names = $state.raw(new Map<string, string>());
	#loading: Promise<void> | null = null;
	#loadedAt = 0;

	/** The roster's name of a person, or `fallback` while the roster does not list them. */
	nameOf(personId: string, fallback: string): string {
		// The roster may arrive by background sync at any time; a stale list is reread.
		if (Date.now() - this.#loadedAt > reloadAfterMs) this.#loading = null;
		void this.#load();
		return this.#names.get(personId) ?? fallback;
	}

	/** Reloads the names, e.g. after the roster was synced. */
	refresh(): Promise<void> {
		this.#loading = null;
		return this.#load();
	}

	#load(): Promise<void> {
		this.#loading ??= (async () => {
			const db = database();
			const [people, students] = await Promise.all([db.people.toArray(), db.students.toArray()]);
			const names = new Map<string, string>();
			for (const person of [...people, ...students]) names.set(person.id, person.fullName);
			this.#names = names;
			this.#loadedAt = Date.now();
		})().catch(() => undefined);
		return this.#loading;
	}
}

export const personNames = new PersonNames();
