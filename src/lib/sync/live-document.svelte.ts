import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { createLogger } from '$lib/shared/logger';
import type { SchoolDatabase } from '$lib/storage/db';
import { ensureDocument, openDocument } from '$lib/storage/documents.repo';
import { keepProjected } from '$lib/storage/projections';
import type { Connector, LiveConnection } from './connection';
import { Presence, type PresenceUser } from './presence.svelte';
import { recordSynced, type SyncCredentials, type SyncEngine } from './sync-engine';
import type { SyncStatus } from './sync-status.svelte';

const log = createLogger('live');

export interface LiveDocumentOptions {
	db: SchoolDatabase;
	engine: SyncEngine | null;
	status: SyncStatus;
	connect: Connector;
	credentials: SyncCredentials | null;
	me: PresenceUser | null;
	title?: string;
}

/**
 * The document on screen: loaded from IndexedDB first, then connected to the relay, so
 * whatever the device stores is shown at once and offline, and the provider never starts
 * from an empty document.
 */
export class LiveDocument {
	readonly id: string;
	readonly presence = new Presence();
	#doc = $state<Y.Doc | null>(null);
	#connection: LiveConnection | null = null;
	#cleanup: (() => void)[] = [];

	constructor(id: string) {
		this.id = id;
	}

	get doc(): Y.Doc | null {
		return this.#doc;
	}

	async open(options: LiveDocumentOptions): Promise<Y.Doc> {
		const { db, engine, credentials } = options;
		await ensureDocument(db, { id: this.id, title: options.title ?? '' });
		const opened = await openDocument(db, this.id);
		this.#cleanup.push(() => opened.release());
		this.#cleanup.push(keepProjected(db, this.id, opened.doc));
		if (engine) this.#cleanup.push(engine.holdLive(this.id));
		this.#doc = opened.doc;

		if (credentials) this.#connect(opened.doc, options, credentials);
		return opened.doc;
	}

	#connect(doc: Y.Doc, options: LiveDocumentOptions, credentials: SyncCredentials): void {
		const { db, status } = options;
		const awareness = new Awareness(doc);
		const connection = options.connect(doc, this.id, {
			url: credentials.syncUrl,
			token: credentials.token,
			awareness
		});
		this.#connection = connection;
		if (options.me) this.presence.attach(awareness, options.me);

		const stop = connection.onEvent((event) => {
			if (event.kind === 'connecting') status.set('connecting');
			if (event.kind === 'disconnected') status.set('offline');
			if (event.kind === 'refused') status.failed(event.reason);
			if (event.kind === 'synced') {
				status.synced();
				recordSynced(db, this.id, 0).catch((error: unknown) =>
					log.warn('could not record the sync; the document will sync again later', {
						id: this.id,
						error
					})
				);
			}
		});
		this.#cleanup.push(stop);

		// While the browser reports no network, the socket is closed on purpose: a half-open
		// socket would keep showing "synced" while nothing arrives.
		const onOffline = () => {
			connection.provider.disconnect();
			status.set('offline');
		};
		const onOnline = () => connection.reconnect();
		window.addEventListener('offline', onOffline);
		window.addEventListener('online', onOnline);
		this.#cleanup.push(() => {
			window.removeEventListener('offline', onOffline);
			window.removeEventListener('online', onOnline);
		});
		if (navigator.onLine === false) onOffline();
	}

	close(): void {
		this.presence.detach();
		this.#connection?.awareness.destroy();
		this.#connection?.destroy();
		this.#connection = null;
		for (const step of this.#cleanup.splice(0).reverse()) step();
		this.#doc = null;
	}
}
