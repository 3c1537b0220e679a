import type { Role } from '$lib/shared/access';
import { AppError } from '$lib/shared/errors';
import { decodeToken, isTokenExpired, type TokenClaims } from '$lib/shared/token';
import type { SchoolDatabase } from '$lib/storage/db';
import { readSetting, writeSetting } from '$lib/storage/device';

/** The stored sign-in: the device's token and the relay's origin. */
interface StoredSession {
	token: string;
	/** Origin of the relay, e.g. https://sync.school.example; '' means this page's origin. */
	relayOrigin: string;
}

const SESSION_KEY = 'session';

/**
 * The person signed in on this device. The claims come from the token and are only shown to
 * the user, because the relay verifies the token's signature and decides access on its own.
 */
export class Session {
	#token = $state<string | null>(null);
	#claims = $state<TokenClaims | null>(null);
	#relayOrigin = $state('');
	#loaded = $state(false);

	get loaded(): boolean {
		return this.#loaded;
	}

	get token(): string | null {
		return this.#token;
	}

	get claims(): TokenClaims | null {
		return this.#claims;
	}

	get role(): Role | null {
		return this.#claims?.role ?? null;
	}

	get expired(): boolean {
		return this.#claims ? isTokenExpired(this.#claims) : false;
	}

	/** The relay origin set in the settings, or '' for the page's own origin. */
	get configuredRelayOrigin(): string {
		return this.#relayOrigin;
	}

	/** The relay's HTTP origin; the page's own origin when none is configured. */
	get relayOrigin(): string {
		return this.#relayOrigin || (typeof location !== 'undefined' ? location.origin : '');
	}

	/** The WebSocket endpoint that y-websocket appends document ids to. */
	get syncUrl(): string {
		return this.relayOrigin.replace(/^http/, 'ws') + '/sync';
	}

	async load(db: SchoolDatabase): Promise<void> {
		const stored = await readSetting<StoredSession>(db, SESSION_KEY);
		if (stored) this.#apply(stored);
		this.#loaded = true;
	}

	/** Checks the token's shape, keeps it and returns its claims; nothing is sent anywhere. */
	async signIn(db: SchoolDatabase, token: string, relayOrigin = ''): Promise<TokenClaims> {
		const trimmed = token.trim();
		const claims = decodeToken(trimmed);
		if (!claims)
			throw new AppError('token-invalid', 'Код входа повреждён или введён не полностью.');
		if (isTokenExpired(claims)) throw new AppError('token-expired');

		const stored: StoredSession = {
			token: trimmed,
			relayOrigin: relayOrigin.trim().replace(/\/+$/, '')
		};
		await writeSetting(db, SESSION_KEY, stored);
		this.#apply(stored);
		return claims;
	}

	async setRelayOrigin(db: SchoolDatabase, origin: string): Promise<void> {
		if (!this.#token) return;
		const stored: StoredSession = {
			token: this.#token,
			relayOrigin: origin.trim().replace(/\/+$/, '')
		};
		await writeSetting(db, SESSION_KEY, stored);
		this.#apply(stored);
	}

	/** Forgets the credentials; documents stay on the device until the user removes them. */
	async signOut(db: SchoolDatabase): Promise<void> {
		await db.settings.delete(SESSION_KEY);
		this.#token = null;
		this.#claims = null;
		this.#relayOrigin = '';
	}

	#apply(stored: StoredSession): void {
		this.#token = stored.token;
		this.#claims = decodeToken(stored.token);
		this.#relayOrigin = stored.relayOrigin;
	}
}

export const session = new Session();
