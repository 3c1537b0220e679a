import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/lib/shared/access';
import { RelayProcess } from '../support/relay-process';
import {
	counter,
	openClient,
	openRawSocket,
	schoolRoster,
	seedDocument,
	seedRoster,
	sleep,
	waitForRefusal,
	waitForSynced,
	waitUntil,
	waitUntilAsync,
	type TestClient
} from './clients';
import { writeRoster } from '../../src/lib/roster/roster.ydoc';

describe('relay access', () => {
	let relay: RelayProcess;
	const clients: TestClient[] = [];
	const tokenOf = (sub: string, role: Role, school = 's1') => relay.token({ sub, school, role });
	const client = (docId: string, token: string) => {
		const opened = openClient(relay, docId, token);
		clients.push(opened);
		return opened;
	};

	beforeAll(async () => {
		relay = await RelayProcess.start();
		seedRoster(relay.dataDir);
		for (const student of ['st1', 'st2']) {
			seedDocument(relay.dataDir, `s1/trajectory/${student}`, (doc) =>
				doc.getMap('goals').set('main', `Цель ученика ${student}`)
			);
			seedDocument(relay.dataDir, `s1/diary/${student}`, (doc) =>
				doc.getText('notes').insert(0, `Заметка тьютора о ${student}`)
			);
		}
	});

	afterAll(async () => {
		for (const opened of clients) opened.destroy();
		await relay?.dispose();
	});

	it('refuses a student before any byte of another trajectory', async () => {
		const student = tokenOf('st1', 'student');
		for (const docId of ['s1/trajectory/st2', 's1/diary/st1', 's1/roster']) {
			const raw = openRawSocket(relay, docId, student);
			const closed = await raw.closed;

			expect(closed.code, docId).toBe(4403);
			expect(closed.reason, docId).toBe('room-forbidden');
			expect(raw.messages, docId).toHaveLength(0);
		}
		const viaProvider = client('s1/trajectory/st2', student);
		const refusal = await waitForRefusal(viaProvider);

		expect(refusal.code).toBe(4403);
		expect(viaProvider.doc.getMap('goals').size).toBe(0);
		expect(viaProvider.doc.store.clients.size).toBe(0);
	});

	it('lets a student write their own trajectory', async () => {
		const own = client('s1/trajectory/st1', tokenOf('st1', 'student'));
		await waitForSynced(own);

		own.doc.getMap('goals').set('reading', 'Читать 20 минут в день');
		const tutor = client('s1/trajectory/st1', tokenOf('tutor1', 'tutor'));
		await waitForSynced(tutor);

		expect(own.doc.getMap('goals').get('main')).toBe('Цель ученика st1');
		await waitUntil('the tutor sees the new goal', () => tutor.doc.getMap('goals').has('reading'));
	});

	it('drops the writes of a parent', async () => {
		const parent = client('s1/trajectory/st1', tokenOf('parent1', 'parent'));
		await waitForSynced(parent);
		const droppedBefore = await counter(relay, 'writesDropped');

		parent.doc.getMap('goals').set('main', 'Изменено родителем');
		await waitUntilAsync('the relay dropped the write', async () => {
			return (await counter(relay, 'writesDropped')) > droppedBefore;
		});
		const reader = client('s1/trajectory/st1', tokenOf('admin1', 'admin'));
		await waitForSynced(reader);

		expect(reader.doc.getMap('goals').get('main')).toBe('Цель ученика st1');
		await waitUntil('the parent learns it is read-only', () => parent.connection.readOnly);
		expect(relay.events('write-dropped').some((line) => line.person === 'parent1')).toBe(true);
	});

	it('decides tutor, teacher and municipal rights from the roster', async () => {
		const cases: [string, string, number | 'synced'][] = [
			['s1/diary/st1', tokenOf('tutor1', 'tutor'), 'synced'],
			['s1/diary/st1', tokenOf('tutor2', 'tutor'), 4403],
			['s1/procedure/p1/class/5A', tokenOf('teacher1', 'teacher'), 'synced'],
			['s1/procedure/p1/class/6B', tokenOf('teacher1', 'teacher'), 4403],
			['s1/trajectory/st2', tokenOf('parent1', 'parent'), 4403],
			['m1/quality-form', tokenOf('org1', 'municipal', 'm1'), 'synced'],
			['s1/plans', tokenOf('org1', 'municipal', 'm1'), 4403],
			['s2/plans', tokenOf('admin1', 'admin'), 4403]
		];
		for (const [docId, token, expected] of cases) {
			const opened = client(docId, token);
			if (expected === 'synced') await waitForSynced(opened);
			else expect((await waitForRefusal(opened)).code, docId).toBe(expected);
		}
	});

	it('closes a connection whose access the roster withdraws', async () => {
		const parent = client('s1/trajectory/st1', tokenOf('parent1', 'parent'));
		await waitForSynced(parent);
		const admin = client('s1/roster', tokenOf('admin1', 'admin'));
		await waitForSynced(admin);

		const roster = schoolRoster();
		roster.students[0].parentIds = [];
		writeRoster(admin.doc, roster);
		const refusal = await waitForRefusal(parent);

		expect(refusal.code).toBe(4403);
		expect(refusal.reason).toBe('room-forbidden');
		await sleep(50);
		const again = await openRawSocket(relay, 's1/trajectory/st1', tokenOf('parent1', 'parent'))
			.closed;
		expect(again.code).toBe(4403);
	});
});
