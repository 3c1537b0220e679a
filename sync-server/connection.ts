import type { RawData, WebSocket } from 'ws';
import type { Access } from '../src/lib/shared/access';
import type { Logger } from '../src/lib/shared/logger';
import type { TokenClaims } from '../src/lib/shared/token';
import type { Admission } from './admission';
import { ConnectionCounter, TokenBucket } from './limits';
import type { RepeatGate } from './log';
import {
	closeCodes,
	closeTryAgainLater,
	encodePermissionDenied,
	MessageInvalidError,
	parseClientMessage,
	type CloseReason
} from './protocol';
import type { Room, RoomMember } from './room';
import type { RoomRegistry } from './rooms';
import type { RelayCounters } from './stats';

export interface ConnectionRequest {
	/** The path after `/sync/`, or null when the path is not under it. */
	docId: string | null;
	token: string | null;
	remote: string;
}

export interface ConnectionDeps {
	log: Logger;
	counters: RelayCounters;
	rooms: RoomRegistry;
	devices: ConnectionCounter;
	admit(request: ConnectionRequest): Promise<Admission>;
	maxPayloadBytes: number;
	messagesPerSecond: number;
	messageBurst: number;
	/** Bytes queued for a slow reader before the relay gives up on it. */
	maxBufferedBytes: number;
	/** Thins out refusal and error lines that repeat for one remote address. */
	repeats: RepeatGate;
	onClosed(connection: Connection): void;
}

/** Messages kept while access is being decided; a client sends two or three at open. */
const maxPendingMessages = 32;

let lastId = 0;

/**
 * One WebSocket connection to one document: admission, limits, and the hand-over of
 * checked messages to the document's room.
 */
export class Connection implements RoomMember {
	readonly id = `c${++lastId}`;
	readonly awarenessClients = new Set<number>();
	claims: TokenClaims | null = null;

	private phase: 'admitting' | 'joined' | 'closed' = 'admitting';
	private access: Access = 'none';
	private room: Room | null = null;
	private deviceKey: string | null = null;
	private expiryTimer: ReturnType<typeof setTimeout> | null = null;
	private pending: Uint8Array[] = [];
	private readonly bucket: TokenBucket;
	private readonly openedAt = performance.now();
	private messagesIn = 0;
	private bytesIn = 0;
	private writesDropped = 0;

	constructor(
		private readonly ws: WebSocket,
		readonly request: ConnectionRequest,
		private readonly deps: ConnectionDeps
	) {
		this.bucket = new TokenBucket(deps.messagesPerSecond, deps.messageBurst);
	}

	get closed(): boolean {
		return this.phase === 'closed';
	}

	get canWrite(): boolean {
		return this.access === 'write';
	}

	get docId(): string | null {
		return this.room?.docId ?? this.request.docId;
	}

	start(): void {
		this.ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
		this.ws.on('close', (code, reason) => this.onClose(code, reason.toString()));
		// ws reports protocol errors (such as a frame over maxPayload) here and then closes
		// the socket itself. Without a listener the error would crash the process.
		this.ws.on('error', (error) => {
			const suppressed = this.deps.repeats.admit(`error:${this.request.remote}`);
			if (suppressed === null) return;
			this.deps.log.warn('connection-error', { ...this.describe(), error, suppressed });
		});
		this.admit().catch((error: unknown) => {
			this.deps.log.error('admission-failed', { connection: this.id, error });
			this.refuse('server-error');
		});
	}

	send(message: Uint8Array): void {
		if (this.phase === 'closed' || this.ws.readyState !== this.ws.OPEN) return;
		if (this.ws.bufferedAmount > this.deps.maxBufferedBytes) {
			this.disconnect(closeTryAgainLater, 'slow-reader');
			return;
		}
		this.ws.send(message);
	}

	/** Closes with the code of `reason` and the reason code as the close reason. */
	refuse(reason: CloseReason, detail?: string): void {
		if (this.phase === 'closed') return;
		const code = closeCodes[reason];
		if (code >= 4400 && code < 4500) this.deps.counters.connectionsRefused++;
		const suppressed = this.deps.repeats.admit(`refuse:${this.request.remote}:${reason}`);
		if (suppressed !== null) {
			this.deps.log.warn('connection-refuse', {
				...this.describe(),
				code,
				reason,
				detail,
				suppressed
			});
		}
		this.disconnect(code, reason);
	}

	/** Applies access decided anew after the roster changed. */
	updateAccess(access: Access): void {
		if (this.phase !== 'joined' || access === this.access) return;
		if (access === 'none') {
			this.refuse('room-forbidden', 'access withdrawn by a roster change');
			return;
		}
		const granted = access === 'write';
		this.access = access;
		if (granted) this.room?.requestState(this);
	}

	/** Identifies the connection in log lines, without the token. */
	describe(): Record<string, unknown> {
		return {
			connection: this.id,
			docId: this.docId,
			remote: this.request.remote,
			person: this.claims?.sub,
			school: this.claims?.school,
			role: this.claims?.role,
			device: this.claims?.device
		};
	}

	private async admit(): Promise<void> {
		const admission = await this.deps.admit(this.request);
		if (this.phase === 'closed') return;
		if (!admission.ok) {
			this.refuse(admission.reason);
			return;
		}
		this.claims = admission.claims;
		const deviceKey = `${admission.claims.school}/${admission.claims.device}`;
		if (!this.deps.devices.tryAdd(deviceKey)) {
			this.refuse('too-many-documents');
			return;
		}
		this.deviceKey = deviceKey;
		this.access = admission.access;
		this.room = this.deps.rooms.acquire(this.request.docId as string);
		this.phase = 'joined';
		this.room.join(this);
		this.room.ready.catch(() => this.refuse('server-error'));
		this.deps.counters.connectionsOpened++;
		this.deps.log.info('connection-open', { ...this.describe(), access: this.access });
		this.closeWhenExpired(admission.claims.exp);

		const pending = this.pending;
		this.pending = [];
		for (const message of pending) this.dispatch(message);
	}

	private onMessage(data: RawData, isBinary: boolean): void {
		if (this.phase === 'closed') return;
		const bytes = toBytes(data);
		this.messagesIn++;
		this.bytesIn += bytes.length;
		this.deps.counters.messagesReceived++;
		if (bytes.length > this.deps.maxPayloadBytes) {
			this.refuse('update-too-large', `${bytes.length} bytes`);
			return;
		}
		if (!this.bucket.take()) {
			this.refuse('rate-limited');
			return;
		}
		if (!isBinary) {
			this.refuse('message-invalid', 'text frame');
			return;
		}
		if (this.phase === 'joined') {
			this.dispatch(bytes);
			return;
		}
		if (this.pending.length >= maxPendingMessages) {
			this.refuse('rate-limited', 'too many messages before access was decided');
			return;
		}
		this.pending.push(bytes);
	}

	private dispatch(bytes: Uint8Array): void {
		if (this.phase !== 'joined' || !this.room) return;
		let message;
		try {
			message = parseClientMessage(bytes);
		} catch (error) {
			const detail = error instanceof MessageInvalidError ? error.message : String(error);
			this.refuse('message-invalid', detail.slice(0, 200));
			return;
		}
		const isWrite = message.type === 'sync-step-2' || message.type === 'sync-update';
		if (isWrite && !this.canWrite) {
			this.dropWrite();
			return;
		}
		this.room.receive(this, message);
	}

	private dropWrite(): void {
		this.writesDropped++;
		this.deps.counters.writesDropped++;
		if (this.writesDropped > 1) return;
		// One line and one notice per connection; the close line carries the total.
		this.deps.log.warn('write-dropped', { ...this.describe(), access: this.access });
		this.send(encodePermissionDenied('read-only'));
	}

	/** Closes without a refusal, e.g. with 1001 when the relay shuts down. */
	disconnect(code: number, reason: string): void {
		this.release();
		this.ws.close(code, reason);
	}

	private onClose(code: number, reason: string): void {
		const wasJoined = this.phase === 'joined' || this.room !== null;
		this.release();
		if (!wasJoined) return;
		this.deps.log.info('connection-close', {
			...this.describe(),
			code,
			reason,
			ms: Math.round(performance.now() - this.openedAt),
			messagesIn: this.messagesIn,
			bytesIn: this.bytesIn,
			writesDropped: this.writesDropped
		});
		this.room = null;
	}

	/** Leaves the room and frees the device slot; safe to call more than once. */
	/**
	 * A token is checked when the socket opens, so an open connection would outlive its
	 * token. At the expiry the relay closes it with 4000, which clients treat as a reason to
	 * reconnect, not as a refusal: a client that renewed its token meanwhile reconnects with
	 * the new one, and one that did not is then refused with 4401 token-expired.
	 */
	private closeWhenExpired(expSeconds: number): void {
		const remainingMs = expSeconds * 1000 - Date.now();
		// setTimeout takes at most 2^31 - 1 ms (about 24.8 days); a longer token is checked again then.
		const delayMs = Math.max(0, Math.min(remainingMs, 2 ** 31 - 1));
		this.expiryTimer = setTimeout(() => {
			if (Date.now() < expSeconds * 1000) {
				this.closeWhenExpired(expSeconds);
				return;
			}
			this.deps.log.info('connection-expire', this.describe());
			this.disconnect(closeTokenExpired, 'token-expired');
		}, delayMs);
	}

	private release(): void {
		if (this.phase === 'closed') return;
		this.phase = 'closed';
		if (this.expiryTimer) clearTimeout(this.expiryTimer);
		this.expiryTimer = null;
		this.pending = [];
		if (this.room) {
			this.room.leave(this);
			this.room.release();
		}
		if (this.deviceKey) this.deps.devices.remove(this.deviceKey);
		this.deviceKey = null;
		this.deps.onClosed(this);
	}
}

/** Close code for a token that expired while connected: reconnect with a renewed token. */
const closeTokenExpired = 4000;

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return data;
}
