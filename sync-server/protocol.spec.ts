import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeUpdate, MessageInvalidError, parseClientMessage } from './protocol';

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
}

describe('parseClientMessage', () => {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, 'abc');

	it('reads the y-websocket messages', () => {
		const awareness = new Awareness(doc);
		awareness.setLocalState({ name: 'Анна' });
		const awarenessMessage = message((e) => {
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint8Array(e, encodeAwarenessUpdate(awareness, [doc.clientID]));
		});

		expect(parseClientMessage(encodeSyncStep1(doc)).type).toBe('sync-step-1');
		expect(parseClientMessage(encodeUpdate(Y.encodeStateAsUpdate(doc))).type).toBe('sync-update');
		expect(parseClientMessage(awarenessMessage).type).toBe('awareness');
		expect(parseClientMessage(Uint8Array.from([3])).type).toBe('query-awareness');
		awareness.destroy();
	});

	it('rejects malformed messages', () => {
		const update = Y.encodeStateAsUpdate(doc);
		const cases: Record<string, Uint8Array> = {
			empty: new Uint8Array(0),
			'unknown type': Uint8Array.from([9]),
			'unknown sync step': Uint8Array.from([0, 7, 0]),
			'truncated update': encodeUpdate(update).slice(0, -2),
			'update of random bytes': encodeUpdate(Uint8Array.from([5, 200, 3, 1, 9, 9])),
			'awareness without JSON': message((e) => {
				encoding.writeVarUint(e, 1);
				encoding.writeVarUint8Array(
					e,
					message((inner) => {
						encoding.writeVarUint(inner, 1);
						encoding.writeVarUint(inner, 7);
						encoding.writeVarUint(inner, 1);
						encoding.writeVarString(inner, '{not json');
					})
				);
			})
		};
		for (const [name, bytes] of Object.entries(cases)) {
			expect(() => parseClientMessage(bytes), name).toThrow(MessageInvalidError);
		}
	});
});
