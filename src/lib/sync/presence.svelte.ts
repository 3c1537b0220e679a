import type { Awareness } from 'y-protocols/awareness';

/** What a device announces about its user while a document is open on its screen. */
export interface PresenceUser {
	personId: string;
	name: string;
	role: string;
	colour: string;
}

const palette = [
	'#1f77b4',
	'#d62728',
	'#2ca02c',
	'#9467bd',
	'#8c564b',
	'#e377c2',
	'#17becf',
	'#bcbd22'
];

/** A stable colour per person, so the same person looks the same on every tablet. */
export function colourFor(personId: string): string {
	let hash = 0;
	for (const char of personId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return palette[hash % palette.length];
}

/** Others who have the same document open, from the awareness protocol. */
export class Presence {
	#others = $state<PresenceUser[]>([]);
	#awareness: Awareness | null = null;
	#onChange = () => this.#refresh();

	get others(): PresenceUser[] {
		return this.#others;
	}

	attach(awareness: Awareness, me: PresenceUser): void {
		this.detach();
		this.#awareness = awareness;
		awareness.setLocalStateField('user', me);
		awareness.on('change', this.#onChange);
		this.#refresh();
	}

	detach(): void {
		this.#awareness?.off('change', this.#onChange);
		this.#awareness = null;
		this.#others = [];
	}

	#refresh(): void {
		const awareness = this.#awareness;
		if (!awareness) return;
		const seen = new Map<string, PresenceUser>();
		awareness.getStates().forEach((state, clientId) => {
			const user = state.user as PresenceUser | undefined;
			if (clientId !== awareness.clientID && user?.personId) seen.set(user.personId, user);
		});
		this.#others = [...seen.values()];
	}
}
