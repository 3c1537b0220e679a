/**
 * One live link between a Y.Doc and the relay, over y-websocket. It adds what y-websocket
 * 3.1 lacks for tablets that all come back after a relay restart:
 * - jitter: each reconnect waits a random delay in a window that doubles per failed try
 *   (y-websocket's own backoff is the same on every device, so they would retry in step);
 * - refusals: close codes 4400-4499 from the relay (and 1009, a frame over the relay's hard
 *   size cap) stop retrying and are reported with their reason code, because retrying
 *   cannot fix a bad token or a forbidden document. After 4429 (rate or connection limit)
 *   one retry follows a longer cool-down, since that limit passes by itself.
 * Runs in the browser and in Node (pass `ws` as WebSocketPolyfill). No Svelte here.
 */
import { readAuthMessage } from 'y-protocols/auth';
import type { Awareness } from 'y-protocols/awareness';
import { messageAuth, WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { isReasonCode, type ReasonCode } from '../shared/errors';
import { createLogger } from '../shared/logger';

const log = createLogger('relay-provider');

export type RelayEvent =
	| { kind: 'connecting' }
	| { kind: 'synced' }
	/** The socket closed and a reconnect is scheduled; `code` is null for a local close. */
	| { kind: 'disconnected'; code: number | null; reason: string }
	| { kind: 'refused'; code: number; reason: ReasonCode };

export interface RelayConnectOptions {
	/** The relay's WebSocket endpoint, `wss://host/sync`; a bare `wss://host` gets `/sync`. */
	url: string;
	token: string;
	/** A WebSocket class for Node (`ws`); the browser's WebSocket by default. */
	WebSocketPolyfill?: new (url: string, protocols?: string | string[]) => object;
	awareness?: Awareness;
	/** First reconnect window in milliseconds; it doubles per failed try. Default 500. */
	baseReconnectDelayMs?: number;
	/** Largest reconnect window in milliseconds. Default 30 000. */
	maxReconnectDelayMs?: number;
	/** Cool-down before the retry after a 4429 refusal, in milliseconds; 0 turns it off. */
	limitRetryDelayMs?: number;
	/** Connect at once (default) or wait for reconnect(). */
	connect?: boolean;
	/** Random source in [0, 1), replaceable in tests. */
	random?: () => number;
}

export interface RelayConnection {
	readonly provider: WebsocketProvider;
	readonly awareness: Awareness;
	/** True while the socket is open and nothing waits in its send buffer. */
	readonly flushed: boolean;
	/** True once the relay reported this connection as read-only; local edits stay local. */
	readonly readOnly: boolean;
	/** The latest event, or null before the first one. */
	readonly lastEvent: RelayEvent | null;
	/** Subscribes to events; returns a function that unsubscribes. */
	onEvent(listener: (event: RelayEvent) => void): () => void;
	/** Replaces the token used by the next connection. */
	setToken(token: string): void;
	/** Connects now, also after a refusal, with the reconnect window reset. */
	reconnect(): void;
	destroy(): void;
}

/** RFC 6455 1009: a frame over ws's maxPayload, closed by the relay's socket layer. */
const closeMessageTooBig = 1009;
const closeLimited = 4429;

export function isRefusalCode(code: number): boolean {
	return (code >= 4400 && code < 4500) || code === closeMessageTooBig;
}

/** Returns the reason code of a refusal: the close reason if it is one, else one for the code. */
export function refusalReason(code: number, reason: string): ReasonCode {
	if (isReasonCode(reason)) return reason;
	if (code === closeMessageTooBig || code === 4413) return 'update-too-large';
	if (code === 4401) return 'token-invalid';
	if (code === 4403) return 'room-forbidden';
	if (code === closeLimited) return 'rate-limited';
	return 'unknown';
}

export function syncEndpoint(url: string): string {
	const trimmed = url.replace(/\/+$/, '');
	return /^wss?:\/\/[^/]+$/i.test(trimmed) ? `${trimmed}/sync` : trimmed;
}

/** Draws a delay uniformly from a window that doubles with each failed try ("full jitter"). */
export function reconnectDelay(
	attempt: number,
	baseMs: number,
	maxMs: number,
	random: () => number
): number {
	const window = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
	return Math.floor(random() * window);
}

/** The RelayConnection behind connectDocument(). */
class DocumentLink implements RelayConnection {
	readonly provider: WebsocketProvider;
	#lastEvent: RelayEvent | null = null;
	#readOnly = false;
	#failedTries = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#destroyed = false;
	readonly #listeners = new Set<(event: RelayEvent) => void>();
	readonly #random: () => number;
	readonly #baseMs: number;
	readonly #maxMs: number;
	readonly #limitRetryMs: number;
	readonly #ownsAwareness: boolean;

	constructor(doc: Y.Doc, docId: string, options: RelayConnectOptions) {
		this.#random = options.random ?? Math.random;
		this.#baseMs = options.baseReconnectDelayMs ?? 500;
		this.#maxMs = options.maxReconnectDelayMs ?? 30_000;
		this.#limitRetryMs = options.limitRetryDelayMs ?? 60_000;
		this.#ownsAwareness = !options.awareness;
		this.provider = new WebsocketProvider(syncEndpoint(options.url), docId, doc, {
			connect: false,
			awareness: options.awareness,
			params: { token: options.token },
			WebSocketPolyfill: (options.WebSocketPolyfill ?? globalThis.WebSocket) as typeof WebSocket,
			disableBc: true,
			shouldReconnect: (event) => !isRefusalCode(event.code)
		});
		this.#listen(doc, docId);
		if (options.connect ?? true) this.provider.connect();
	}

	get awareness(): Awareness {
		return this.provider.awareness;
	}

	get flushed(): boolean {
		const socket = this.provider.ws;
		return socket !== null && socket.readyState === 1 && socket.bufferedAmount === 0;
	}

	get readOnly(): boolean {
		return this.#readOnly;
	}

	get lastEvent(): RelayEvent | null {
		return this.#lastEvent;
	}

	onEvent(listener: (event: RelayEvent) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	setToken(token: string): void {
		this.provider.params = { ...this.provider.params, token };
	}

	reconnect(): void {
		if (this.#destroyed) return;
		this.#cancelTimer();
		this.#failedTries = 0;
		this.provider.connect();
	}

	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.#cancelTimer();
		this.#listeners.clear();
		this.provider.destroy();
		// An awareness the provider made itself runs a timer that nothing else stops.
		if (this.#ownsAwareness) this.provider.awareness.destroy();
	}

	#listen(doc: Y.Doc, docId: string): void {
		const provider = this.provider;
		// y-websocket's own handler warns with the full URL, which carries the token.
		provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
			readAuthMessage(decoder, doc, (_doc: Y.Doc, reason: string) => {
				if (!this.#readOnly)
					log.warn('the relay accepts no edits on this connection', { docId, reason });
				this.#readOnly = true;
			});
		};
		provider.on('status', ({ status }) => {
			if (status === 'connecting') this.#emit({ kind: 'connecting' });
		});
		provider.on('sync', (synced: boolean) => {
			if (!synced) return;
			this.#failedTries = 0;
			this.#emit({ kind: 'synced' });
		});
		provider.on('connection-close', (event) => this.#onClose(event));
		provider.on('closed', ({ code, reason }) => this.#onRefused(code, reason));
	}

	#onClose(event: CloseEvent | null): void {
		// shouldConnect is already false after disconnect() or destroy(): nothing to retry.
		if (!this.provider.shouldConnect) return;
		if (event && isRefusalCode(event.code)) return;
		// Turning shouldConnect off makes y-websocket's own timer a no-op; ours has jitter.
		this.provider.shouldConnect = false;
		this.#emit({ kind: 'disconnected', code: event?.code ?? null, reason: event?.reason ?? '' });
		this.#schedule(reconnectDelay(this.#failedTries++, this.#baseMs, this.#maxMs, this.#random));
	}

	#onRefused(code: number, reason: string): void {
		this.provider.shouldConnect = false;
		this.provider.disconnect();
		this.#emit({ kind: 'refused', code, reason: refusalReason(code, reason) });
		if (code === closeLimited && this.#limitRetryMs > 0) {
			const half = this.#limitRetryMs / 2;
			this.#schedule(half + Math.floor(this.#random() * half));
		}
	}

	#emit(event: RelayEvent): void {
		this.#lastEvent = event;
		for (const listener of this.#listeners) {
			// A failing listener must not break y-websocket's handler that emitted the event.
			try {
				listener(event);
			} catch (error) {
				log.error('a relay event listener failed', { event: event.kind, error });
			}
		}
	}

	#schedule(delayMs: number): void {
		this.#cancelTimer();
		this.#timer = setTimeout(() => {
			this.#timer = null;
			if (!this.#destroyed) this.provider.connect();
		}, delayMs);
	}

	#cancelTimer(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}
}

/** Opens a live link between `doc` and the relay's document `docId`. */
export function connectDocument(
	doc: Y.Doc,
	docId: string,
	options: RelayConnectOptions
): RelayConnection {
	return new DocumentLink(doc, docId, options);
}
