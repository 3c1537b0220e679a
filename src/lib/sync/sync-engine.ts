import { AppError, isReasonCode, type ReasonCode } from '$lib/shared/errors';
import { parseDocId } from '$lib/shared/doc-ids';
import { createLogger } from '$lib/shared/logger';
import { updatesTableOf, type SchoolDatabase } from '$lib/storage/db';
import { ensureDocument, listDocuments, openDocument } from '$lib/storage/documents.repo';
import { rebuildProjections } from '$lib/storage/projections';
import type { Connector, LiveConnection } from './connection';
import type { SyncStatus } from './sync-status.svelte';

const log = createLogger('sync');

export interface SyncCredentials {
	token: string;
	/** HTTP origin of the relay. */
	origin: string;
	/** WebSocket endpoint for documents. */
	syncUrl: string;
}

export interface SyncEngineOptions {
	db: SchoolDatabase;
	status: SyncStatus;
	connect: Connector;
	credentials: () => SyncCredentials | null;
	/** Documents synced in the background at once. Each uses one socket. */
	concurrency?: number;
	/** Pause between background passes when all went well, before jitter. */
	intervalMs?: number;
	fetch?: typeof fetch;
	random?: () => number;
}

/** How long a background sync of one document may take before it is retried later. */
const DOCUMENT_TIMEOUT_MS = 20_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * Background sync: every pass requests from the relay the versions of the documents this device
 * may read, and syncs only those that changed on either side, a few at a time, each over a
 * short-lived connection. Passes repeat with jitter, and back off with jitter after
 * failures, so tablets coming back after a relay restart do not retry in step.
 */
export class SyncEngine {
	readonly #options: Required<Omit<SyncEngineOptions, 'fetch'>> & { fetch: typeof fetch };
	readonly #live = new Map<string, number>();
	#timer: ReturnType<typeof setTimeout> | null = null;
	#failures = 0;
	#running: Promise<void> | null = null;
	#stopped = true;

	constructor(options: SyncEngineOptions) {
		this.#options = {
			concurrency: 3,
			intervalMs: 30_000,
			random: Math.random,
			...options,
			fetch: options.fetch ?? globalThis.fetch.bind(globalThis)
		};
	}

	start(): void {
		this.#stopped = false;
		this.schedule(0);
	}

	stop(): void {
		this.#stopped = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	/** Marks a document as synced by its screen's live connection, so passes leave it alone. */
	holdLive(docId: string): () => void {
		this.#live.set(docId, (this.#live.get(docId) ?? 0) + 1);
		return () => {
			const count = (this.#live.get(docId) ?? 1) - 1;
			if (count <= 0) this.#live.delete(docId);
			else this.#live.set(docId, count);
		};
	}

	/** Runs a pass now, or waits for the one already running. */
	syncNow(): Promise<void> {
		this.#running ??= this.#pass().finally(() => (this.#running = null));
		return this.#running;
	}

	schedule(delayMs: number): void {
		if (this.#stopped) return;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			this.#timer = null;
			void this.syncNow().then(() => this.schedule(this.#nextDelay()));
		}, delayMs);
	}

	#nextDelay(): number {
		const jitter = 0.5 + this.#options.random();
		if (this.#failures === 0) return Math.round(this.#options.intervalMs * jitter);
		return Math.round(Math.min(MAX_BACKOFF_MS, 2000 * 2 ** (this.#failures - 1)) * jitter);
	}

	async #pass(): Promise<void> {
		const { status } = this.#options;
		const credentials = this.#options.credentials();
		if (!credentials) return;
		if (typeof navigator !== 'undefined' && navigator.onLine === false) {
			status.set('offline');
			return;
		}

		try {
			const versions = await this.#fetchVersions(credentials);
			const queue = await this.#changedDocuments(versions);
			status.setPending(queue.length);
			if (queue.length > 0) status.set('syncing');
			await this.#drain(queue, versions, credentials);
			this.#failures = 0;
			// The browser may have gone offline while the pass ran; its result must not hide that.
			if (typeof navigator !== 'undefined' && navigator.onLine === false) status.set('offline');
			else if (this.#live.size === 0 || status.state !== 'error') status.synced();
		} catch (error) {
			this.#failures++;
			this.#report(error);
		}
	}

	#report(error: unknown): void {
		const { status } = this.#options;
		if (error instanceof AppError && error.reason.startsWith('token')) {
			status.failed(error.reason);
			this.stop();
			log.warn('the relay rejected this device; sign in again to resume sync', {
				reason: error.reason
			});
			return;
		}
		status.set('offline');
		log.info('relay unreachable; will retry with backoff', {
			failures: this.#failures,
			error: String(error)
		});
	}

	async #fetchVersions(credentials: SyncCredentials): Promise<Map<string, number>> {
		const response = await this.#options.fetch(`${credentials.origin}/api/versions`, {
			headers: { authorization: `Bearer ${credentials.token}` },
			cache: 'no-store'
		});
		if (response.status === 401 || response.status === 403) {
			const body = (await response.json().catch(() => ({}))) as { reason?: unknown };
			throw new AppError(isReasonCode(body.reason) ? body.reason : 'token-invalid');
		}
		if (!response.ok) throw new AppError('server-error', `HTTP ${response.status}`);
		const body = (await response.json()) as { versions?: Record<string, unknown> };
		const versions = new Map<string, number>();
		for (const [id, version] of Object.entries(body.versions ?? {})) {
			if (typeof version === 'number' && parseDocId(id)) versions.set(id, version);
		}
		return versions;
	}

	/** Documents whose relay version moved past the one last synced, or with unsent local updates. */
	async #changedDocuments(versions: Map<string, number>): Promise<string[]> {
		const { db } = this.#options;
		const states = new Map((await db.syncState.toArray()).map((s) => [s.docId, s]));
		const changed = new Set<string>();
		for (const [id, version] of versions) {
			if ((states.get(id)?.serverVersion ?? 0) < version) changed.add(id);
		}
		for (const row of await listDocuments(db)) {
			if (await hasUnsentUpdates(db, row.id, states.get(row.id)?.sentUntil ?? 0))
				changed.add(row.id);
		}
		// The roster goes first: names and classes on every other screen come from it.
		const isRoster = (id: string) => (id.endsWith('/roster') ? 0 : 1);
		return [...changed]
			.filter((id) => !this.#live.has(id))
			.sort((a, b) => isRoster(a) - isRoster(b));
	}

	async #drain(
		queue: string[],
		versions: Map<string, number>,
		credentials: SyncCredentials
	): Promise<void> {
		const { status, concurrency } = this.#options;
		let remaining = queue.length;
		const refusals: ReasonCode[] = [];
		const worker = async () => {
			for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
				const outcome = await this.#syncOne(id, versions.get(id) ?? 0, credentials);
				if (outcome !== 'ok' && outcome !== 'timeout') refusals.push(outcome);
				status.setPending(--remaining);
			}
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
		const tokenRefusal = refusals.find((reason) => reason.startsWith('token'));
		if (tokenRefusal) throw new AppError(tokenRefusal);
	}

	async #syncOne(
		id: string,
		version: number,
		credentials: SyncCredentials
	): Promise<'ok' | 'timeout' | ReasonCode> {
		const { db, connect } = this.#options;
		await ensureDocument(db, { id, title: '' });
		const opened = await openDocument(db, id);
		const connection = connect(opened.doc, id, {
			url: credentials.syncUrl,
			token: credentials.token
		});
		try {
			const outcome = await waitForSync(connection, DOCUMENT_TIMEOUT_MS);
			if (outcome === 'ok') {
				await recordSynced(db, id, version);
				await rebuildProjections(db, id, opened.doc);
			} else log.warn('background sync of a document did not finish', { id, outcome });
			return outcome;
		} finally {
			connection.destroy();
			opened.release();
		}
	}
}

/** Resolves once the relay has completed the sync and every local byte has left the socket. */
export function waitForSync(
	connection: LiveConnection,
	timeoutMs: number
): Promise<'ok' | 'timeout' | ReasonCode> {
	return new Promise((resolve) => {
		let poll: ReturnType<typeof setInterval> | null = null;
		const finish = (outcome: 'ok' | 'timeout' | ReasonCode) => {
			clearTimeout(timer);
			if (poll) clearInterval(poll);
			unsubscribe();
			resolve(outcome);
		};
		const timer = setTimeout(() => finish('timeout'), timeoutMs);
		const unsubscribe = connection.onEvent((event) => {
			if (event.kind === 'refused') finish(event.reason);
			if (event.kind === 'synced' && !poll) {
				poll = setInterval(() => connection.flushed && finish('ok'), 50);
			}
		});
	});
}

async function hasUnsentUpdates(
	db: SchoolDatabase,
	id: string,
	sentUntil: number
): Promise<boolean> {
	const count = await updatesTableOf(db)
		.where('k')
		.equals(id)
		.and((row) => row.i > sentUntil && ((row.f ?? 0) & 1) === 1)
		.count();
	return count > 0;
}

/**
 * Records that the relay stores everything this device had of the document. y-dexie stores
 * updates asynchronously and flags remote ones as local too, so the mark is the last stored
 * row once its writes settle. Background sync runs only on documents no screen has open, so
 * no unsent local edit can land below the mark; an edit made on a screen goes out over that
 * screen's live connection.
 */
export async function recordSynced(
	db: SchoolDatabase,
	id: string,
	serverVersion: number
): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, 100));
	const last = await updatesTableOf(db).where('k').equals(id).last();
	const previous = await db.syncState.get(id);
	await db.syncState.put({
		docId: id,
		serverVersion: Math.max(serverVersion, previous?.serverVersion ?? 0),
		sentUntil: Math.max(last?.i ?? 0, previous?.sentUntil ?? 0),
		lastSyncedAt: Date.now()
	});
}
