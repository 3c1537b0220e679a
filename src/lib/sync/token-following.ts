import type { Awareness } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import type { Connector, ConnectionEvent, LiveConnection } from './connection';

/** Subscribes to replaced access tokens; returns a function that unsubscribes. */
export type TokenSubscription = (listener: (token: string) => void) => () => void;

/**
 * A connection that takes each refreshed access token for its next connect. A connection
 * the relay refused for its token (it expired before the refresh came) connects again.
 */
class TokenFollowingConnection implements LiveConnection {
	readonly #inner: LiveConnection;
	readonly #unsubscribe: () => void;

	constructor(inner: LiveConnection, subscribe: TokenSubscription) {
		this.#inner = inner;
		this.#unsubscribe = subscribe((token) => {
			inner.setToken(token);
			const last = inner.lastEvent;
			if (last?.kind === 'refused' && last.reason.startsWith('token')) inner.reconnect();
		});
	}

	get provider(): WebsocketProvider {
		return this.#inner.provider;
	}

	get awareness(): Awareness {
		return this.#inner.awareness;
	}

	get flushed(): boolean {
		return this.#inner.flushed;
	}

	get readOnly(): boolean {
		return this.#inner.readOnly;
	}

	get lastEvent(): ConnectionEvent | null {
		return this.#inner.lastEvent;
	}

	onEvent(listener: (event: ConnectionEvent) => void): () => void {
		return this.#inner.onEvent(listener);
	}

	setToken(token: string): void {
		this.#inner.setToken(token);
	}

	reconnect(): void {
		this.#inner.reconnect();
	}

	destroy(): void {
		this.#unsubscribe();
		this.#inner.destroy();
	}
}

/** Wraps a connector so that its connections follow the session's refreshed tokens. */
export function followTokens(connect: Connector, subscribe: TokenSubscription): Connector {
	return (doc, docId, options) =>
		new TokenFollowingConnection(connect(doc, docId, options), subscribe);
}
