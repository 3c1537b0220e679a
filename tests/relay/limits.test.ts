import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RelayProcess } from '../support/relay-process';
import {
	openClient,
	openRawSocket,
	waitForRefusal,
	waitForSynced,
	waitUntil,
	type TestClient
} from './clients';

const maxPayloadBytes = 64 * 1024;

describe('relay limits', () => {
	let relay: RelayProcess;
	const clients: TestClient[] = [];
	const admin = (device = 'desk1') =>
		relay.token({ sub: 'admin1', school: 's1', role: 'admin', device });
	const client = (docId: string, token = admin()) => {
		const opened = openClient(relay, docId, token);
		clients.push(opened);
		return opened;
	};

	beforeAll(async () => {
		relay = await RelayProcess.start({
			env: {
				RELAY_MAX_PAYLOAD_BYTES: String(maxPayloadBytes),
				RELAY_MESSAGES_PER_SECOND: '20',
				RELAY_MESSAGE_BURST: '40',
				RELAY_MAX_CONNECTIONS_PER_DEVICE: '3'
			}
		});
	});

	afterAll(async () => {
		for (const opened of clients) opened.destroy();
		await relay?.dispose();
	});

	it('refuses an oversized update while serving the others', async () => {
		const sender = client('s1/plans', admin('tab-a'));
		const watcher = client('s1/plans', admin('tab-b'));
		const writer = client('s1/plans', admin('tab-c'));
		await Promise.all([sender, watcher, writer].map((c) => waitForSynced(c)));

		sender.doc.getText('notes').insert(0, 'я'.repeat(maxPayloadBytes));
		const refusal = await waitForRefusal(sender);
		writer.doc.getText('notes').insert(0, 'Короткая заметка');

		expect(refusal.code).toBe(4413);
		expect(refusal.reason).toBe('update-too-large');
		await waitUntil('the watcher receives the small edit', () =>
			watcher.doc.getText('notes').toString().includes('Короткая заметка')
		);
		expect(watcher.doc.getText('notes').length).toBe('Короткая заметка'.length);
		expect((await relay.health()).status).toBe('ok');
	});

	it('closes frames over the hard cap with 1009', async () => {
		const raw = openRawSocket(relay, 's1/plans', admin('tab-d'));
		await raw.opened;

		raw.socket.send(new Uint8Array(maxPayloadBytes * 4 + 1));
		const closed = await raw.closed;

		expect(closed.code).toBe(1009);
		expect((await relay.health()).status).toBe('ok');
	});

	it('closes a connection over the message rate with 4429', async () => {
		const raw = openRawSocket(relay, 's1/plans', admin('tab-e'));
		await raw.opened;

		// Query-awareness messages are valid and cheap; 60 at once exceed the burst of 40.
		for (let i = 0; i < 60; i++) raw.socket.send(Uint8Array.from([3]));
		const closed = await raw.closed;

		expect(closed.code).toBe(4429);
		expect(closed.reason).toBe('rate-limited');
	});

	it('resumes after a rate refusal without losing edits', async () => {
		const fast = openClient(relay, 's1/checklist', admin('tab-g'), { limitRetryDelayMs: 300 });
		const watcher = client('s1/checklist', admin('tab-h'));
		clients.push(fast);
		await Promise.all([waitForSynced(fast), waitForSynced(watcher)]);

		// Each transaction is one message; 60 at once exceed the burst of 40.
		for (let i = 0; i < 60; i++) fast.doc.getMap('items').set(`item${i}`, i);
		const refusal = await waitForRefusal(fast);

		expect(refusal.code).toBe(4429);
		expect(refusal.reason).toBe('rate-limited');
		await waitUntil(
			'the watcher holds all 60 items',
			() => watcher.doc.getMap('items').size === 60
		);
		const kinds = fast.events.map((event) => event.kind);
		expect(kinds.lastIndexOf('synced')).toBeGreaterThan(kinds.indexOf('refused'));
	});

	it('limits open documents per device', async () => {
		const token = admin('tab-f');
		const open = ['s1/plans', 's1/checklist', 's1/roster'].map((docId) => client(docId, token));
		await Promise.all(open.map((c) => waitForSynced(c)));

		const fourth = openRawSocket(relay, 's1/procedure/p1', token);
		const closed = await fourth.closed;
		open[0].connection.destroy();
		await relay.waitForEvent('connection-close', (line) => line.device === 'tab-f');
		const afterClose = client('s1/procedure/p1', token);

		expect(closed.code).toBe(4429);
		expect(closed.reason).toBe('too-many-documents');
		await waitForSynced(afterClose);
	});
});
