import type { Role } from '$lib/shared/access';
import type { Credentials } from '$lib/shared/enrolment.schema';
import { AppError } from '$lib/shared/errors';
import { createLogger } from '$lib/shared/logger';
import { decodeToken, isTokenExpired, type TokenClaims } from '$lib/shared/token';
import type { SchoolDatabase } from '$lib/storage/db';
import { readSetting, writeSetting } from '$lib/storage/device';

/** The stored sign-in: the device's token and the relay's origin. */
interface StoredSession {
	token: string;
	/** Origin of the relay, e.g. https://sync.school.example; '' means this page's origin. */
	relayOrigin: string;
	/**
	 * Set after signing in with an invitation code: the refresh token, the device id it is
	 * bound to and the school's name. A token signed in directly has none of them.
	 */
	enrolment?: { refreshToken: string; device: string; schoolName: string };
}

const SESSION_KEY = 'session';
const log = createLogger('session');

/**
 * The person signed in on this device. The claims come from the token and are only shown to
 * the user, because the relay verifies the token's signature and decides access on its own.
 */
export class Session {
	#token = $state<string | null>(null);
	#claims = $state<TokenClaims | null>(null);
	#relayOrigin = $state('');
	#enrolment = $state.raw<StoredSession['enrolment'] | null>(null);
	#loaded = $state(false);
	readonly #tokenListeners = new Set<(token: string) => void>();

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

	/** The refresh token and its device, when this device was enrolled with a code. */
	get refresh(): { refreshToken: string; device: string } | null {
		const enrolment = this.#enrolment;
		return enrolment ? { refreshToken: enrolment.refreshToken, device: enrolment.device } : null;
	}

	/** The school's name from the enrolment, or '' when unknown. */
	get schoolName(): string {
		return this.#enrolment?.schoolName ?? '';
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

	/**
	 * Keeps the credentials that redeeming an invitation code returned, bound to `device`,
	 * and returns the access token's claims.
	 */
	async enrol(
		db: SchoolDatabase,
		credentials: Credentials,
		device: string,
		relayOrigin = ''
	): Promise<TokenClaims> {
		const claims = decodeToken(credentials.accessToken);
		if (!claims) throw new AppError('server-error', 'Сервер выдал вход в неизвестном формате.');
		const stored: StoredSession = {
			token: credentials.accessToken,
			relayOrigin: relayOrigin.trim().replace(/\/+$/, ''),
			enrolment: {
				refreshToken: credentials.refreshToken,
				device,
				schoolName: credentials.school.name
			}
		};
		await writeSetting(db, SESSION_KEY, stored);
		this.#apply(stored);
		return claims;
	}

	/** Replaces the access token after a refresh, keeping the rest of the sign-in. */
	async replaceToken(db: SchoolDatabase, token: string): Promise<void> {
		if (!this.#token || !decodeToken(token)) {
			throw new AppError('server-error', 'Сервер выдал вход в неизвестном формате.');
		}
		await writeSetting(db, SESSION_KEY, { ...this.#stored(), token });
		this.#apply({ ...this.#stored(), token });
		for (const listener of this.#tokenListeners) {
			try {
				listener(token);
			} catch (error) {
				log.error('a token listener failed', { error });
			}
		}
	}

	/** Subscribes to access tokens replaced by a refresh; returns a function that unsubscribes. */
	onTokenChange(listener: (token: string) => void): () => void {
		this.#tokenListeners.add(listener);
		return () => this.#tokenListeners.delete(listener);
	}

	async setRelayOrigin(db: SchoolDatabase, origin: string): Promise<void> {
		if (!this.#token) return;
		const stored: StoredSession = {
			...this.#stored(),
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
		this.#enrolment = null;
	}

	#stored(): StoredSession {
		const stored: StoredSession = { token: this.#token ?? '', relayOrigin: this.#relayOrigin };
		if (this.#enrolment) stored.enrolment = { ...this.#enrolment };
		return stored;
	}

	#apply(stored: StoredSession): void {
		this.#token = stored.token;
		this.#claims = decodeToken(stored.token);
		this.#relayOrigin = stored.relayOrigin;
		this.#enrolment = stored.enrolment ?? null;
	}
}

export const session = new Session();
