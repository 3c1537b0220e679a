/**
 * The wire protocol between the app and the relay: y-websocket framing of the y-protocols
 * messages, with nothing of the relay's own.
 *
 *   WebSocket  /sync/<docId>?token=<token>      one connection per document
 *   message    varUint type, then its body:
 *     0 sync       varUint step: 0 step 1 (state vector), 1 step 2 (update), 2 update
 *     1 awareness  varUint8Array of an awareness update
 *     2 auth       varUint 0 (permission denied), varString reason   (relay to client only)
 *     3 query awareness (no body)
 *
 * Session: once access is decided, the relay loads the document and then replies to the
 * client's step 1 with step 2. It sends its own step 1 to writable connections only, so a
 * client with unsent changes pushes them as step 2; a read-only connection is never asked.
 * Updates are stored before they are applied and forwarded, so an update that any other
 * client received from the relay is stored. That is the only acknowledgement there is.
 *
 * Refusals: the relay always accepts the upgrade and then closes with a code below and the
 * reason code (src/lib/shared/errors.ts) as the close reason, because a refused upgrade
 * reaches a browser as 1006 and y-websocket retries it forever. Codes 4400-4499 mean that
 * retrying cannot help; y-websocket 3 stops reconnecting on them.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { ReasonCode } from '../src/lib/shared/errors';

export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;

export const closeCodes = {
	'message-invalid': 4400,
	'token-missing': 4401,
	'token-invalid': 4401,
	'token-expired': 4401,
	'token-revoked': 4401,
	'room-forbidden': 4403,
	'room-invalid': 4403,
	'update-too-large': 4413,
	'rate-limited': 4429,
	'too-many-documents': 4429,
	// Standard codes (RFC 6455): the client retries these, which is what they are for.
	'server-error': 1011
} as const satisfies Partial<Record<ReasonCode, number>>;

export type CloseReason = keyof typeof closeCodes;

/** RFC 6455 1001: the relay is shutting down; clients reconnect to its next start. */
export const closeGoingAway = 1001;
/** RFC 6455 1013: the client reads too slowly; it may reconnect later. */
export const closeTryAgainLater = 1013;

export type ClientMessage =
	| { type: 'sync-step-1'; stateVector: Uint8Array }
	| { type: 'sync-step-2'; update: Uint8Array }
	| { type: 'sync-update'; update: Uint8Array }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'query-awareness' }
	| { type: 'auth' };

export class MessageInvalidError extends Error {
	constructor(detail: string) {
		super(detail);
		this.name = 'MessageInvalidError';
	}
}

/**
 * Decodes and checks a client message before anything of it is stored or applied: state
 * vectors and updates are fully decoded, awareness states must be JSON. Throws
 * MessageInvalidError for anything else.
 */
export function parseClientMessage(message: Uint8Array): ClientMessage {
	try {
		const decoder = decoding.createDecoder(message);
		const type = decoding.readVarUint(decoder);
		if (type === messageSync) return parseSync(decoder);
		if (type === messageAwareness) {
			const update = decoding.readVarUint8Array(decoder);
			checkAwarenessUpdate(update);
			return { type: 'awareness', update };
		}
		if (type === messageQueryAwareness) return { type: 'query-awareness' };
		if (type === messageAuth) return { type: 'auth' };
		throw new MessageInvalidError(`unknown message type ${type}`);
	} catch (error) {
		if (error instanceof MessageInvalidError) throw error;
		throw new MessageInvalidError(error instanceof Error ? error.message : String(error));
	}
}

function parseSync(decoder: decoding.Decoder): ClientMessage {
	const step = decoding.readVarUint(decoder);
	const payload = decoding.readVarUint8Array(decoder);
	if (step === syncProtocol.messageYjsSyncStep1) {
		Y.decodeStateVector(payload);
		return { type: 'sync-step-1', stateVector: payload };
	}
	if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
		Y.decodeUpdate(payload);
		return {
			type: step === syncProtocol.messageYjsUpdate ? 'sync-update' : 'sync-step-2',
			update: payload
		};
	}
	throw new MessageInvalidError(`unknown sync step ${step}`);
}

/** Reads an awareness update the way applyAwarenessUpdate does, without applying it. */
function checkAwarenessUpdate(update: Uint8Array): void {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	for (let i = 0; i < count; i++) {
		decoding.readVarUint(decoder);
		decoding.readVarUint(decoder);
		JSON.parse(decoding.readVarString(decoder));
	}
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, messageSync);
	syncProtocol.writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, messageSync);
	syncProtocol.writeSyncStep2(encoder, doc, stateVector);
	return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, messageSync);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeAwareness(
	awareness: awarenessProtocol.Awareness,
	clients: number[]
): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, messageAwareness);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	return encoding.toUint8Array(encoder);
}

/** Encodes the y-protocols auth message that y-websocket reports as "Permission denied". */
export function encodePermissionDenied(reason: string): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, messageAuth);
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarString(encoder, reason);
	return encoding.toUint8Array(encoder);
}
