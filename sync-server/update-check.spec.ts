import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changesDocument } from './update-check';

function replicaOf(source: Y.Doc): Y.Doc {
	const replica = new Y.Doc({ gc: false });
	Y.applyUpdate(replica, Y.encodeStateAsUpdate(source));
	return replica;
}

function nextUpdate(doc: Y.Doc, edit: () => void): Uint8Array {
	let captured: Uint8Array | null = null;
	const capture = (update: Uint8Array) => (captured = update);
	doc.on('update', capture);
	edit();
	doc.off('update', capture);
	if (!captured) throw new Error('The edit produced no update.');
	return captured;
}

describe('changesDocument', () => {
	it('ignores a sync step 2 that holds nothing new', () => {
		const client = new Y.Doc();
		client.getText('t').insert(0, 'hello world');
		client.getText('t').delete(0, 6);
		const server = replicaOf(client);

		const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));

		expect(changesDocument(server, step2)).toBe(false);
		expect(changesDocument(server, Y.encodeStateAsUpdate(client))).toBe(false);
	});

	it('detects new content and new deletions', () => {
		const client = new Y.Doc();
		client.getText('t').insert(0, 'hello world');
		const server = replicaOf(client);

		const insert = nextUpdate(client, () => client.getText('t').insert(0, '> '));
		const deletion = nextUpdate(client, () => client.getText('t').delete(5, 3));

		expect(changesDocument(server, insert)).toBe(true);
		expect(changesDocument(server, deletion)).toBe(true);
		Y.applyUpdate(server, insert);
		Y.applyUpdate(server, deletion);
		expect(changesDocument(server, deletion)).toBe(false);
	});

	it('counts deletions of unknown items as changes', () => {
		const client = new Y.Doc();
		client.getText('t').insert(0, 'abc');
		const deletion = nextUpdate(client, () => client.getText('t').delete(0, 1));

		expect(changesDocument(new Y.Doc(), deletion)).toBe(true);
	});
});
