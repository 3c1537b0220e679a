/** Clients and data factories for the relay tests. */
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Roster } from '../../src/lib/roster/roster.schema';
import { writeRoster } from '../../src/lib/roster/roster.ydoc';
import {
	connectDocument,
	type RelayConnection,
	type RelayEvent
} from '../../src/lib/sync/relay-provider';
import { openStore } from '../../sync-server/open-store';
import type { RelayProcess } from '../support/relay-process';

// y-websocket adds a process 'exit' listener per provider in Node, and a test opens more
// than Node's default warning threshold of ten.
process.setMaxListeners(200);

export interface TestClient {
	doc: Y.Doc;
	connection: RelayConnection;
	events: RelayEvent[];
	destroy(): void;
}

/** Opens a document through relay-provider.ts with `ws`, recording its events. */
export function openClient(
	relay: RelayProcess,
	docId: string,
	token: string,
	options: { doc?: Y.Doc; maxReconnectDelayMs?: number; limitRetryDelayMs?: number } = {}
): TestClient {
	const doc = options.doc ?? new Y.Doc();
	const events: RelayEvent[] = [];
	const connection = connectDocument(doc, docId, {
		url: relay.wsUrl,
		token,
		WebSocketPolyfill: WebSocket,
		baseReconnectDelayMs: 50,
		maxReconnectDelayMs: options.maxReconnectDelayMs ?? 400,
		limitRetryDelayMs: options.limitRetryDelayMs
	});
	connection.onEvent((event) => events.push(event));
	return {
		doc,
		connection,
		events,
		destroy: () => {
			connection.destroy();
			doc.destroy();
		}
	};
}

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`. */
export async function waitUntil(
	what: string,
	check: () => boolean,
	timeoutMs = 10_000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline)
			throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}.`);
		await sleep(10);
	}
}

/** Like waitUntil, for checks that must ask the relay. */
export async function waitUntilAsync(
	what: string,
	check: () => Promise<boolean>,
	timeoutMs = 10_000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline)
			throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}.`);
		await sleep(25);
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitForSynced(client: TestClient, timeoutMs = 10_000): Promise<void> {
	await waitUntil(
		'the client synced',
		() => client.events.some((e) => e.kind === 'synced'),
		timeoutMs
	);
}

export async function waitForRefusal(
	client: TestClient,
	timeoutMs = 10_000
): Promise<Extract<RelayEvent, { kind: 'refused' }>> {
	await waitUntil(
		'the relay refused the client',
		() => client.events.some((e) => e.kind === 'refused'),
		timeoutMs
	);
	return client.events.find((e) => e.kind === 'refused') as Extract<
		RelayEvent,
		{ kind: 'refused' }
	>;
}

export interface RawSocket {
	socket: WebSocket;
	/** Messages received, in order. */
	messages: Uint8Array[];
	/** Resolves with the close code and reason. */
	closed: Promise<{ code: number; reason: string }>;
	opened: Promise<void>;
}

/** Opens a bare WebSocket to `/sync/<docId>`, for checks below the provider. */
export function openRawSocket(relay: RelayProcess, docId: string, token?: string): RawSocket {
	const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
	const socket = new WebSocket(`${relay.wsUrl}/${docId}${query}`);
	const messages: Uint8Array[] = [];
	socket.binaryType = 'nodebuffer';
	socket.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
	socket.on('error', () => undefined);
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
	);
	const opened = new Promise<void>((resolve, reject) => {
		socket.once('open', () => resolve());
		socket.once('unexpected-response', () => reject(new Error('The relay refused the upgrade.')));
	});
	return { socket, messages, closed, opened };
}

/** Stores a document built by `build` directly in the relay's data folder. */
export function seedDocument(dataDir: string, docId: string, build: (doc: Y.Doc) => void): void {
	const doc = new Y.Doc();
	build(doc);
	const store = openStore(dataDir);
	try {
		store.appendUpdate(docId, Y.encodeStateAsUpdate(doc));
	} finally {
		store.close();
		doc.destroy();
	}
}

/**
 * Builds a school with one class 5A: tutor `tutor1` follows it, students `st1` and `st2` are in it,
 * `parent1` is the parent of `st1`, and `teacher1` teaches mathematics there.
 */
export function schoolRoster(school = 's1'): Roster {
	return {
		schoolId: school,
		schoolName: 'Школа № 1',
		municipality: 'm1',
		classes: [{ id: '5A', label: '5А', grade: 5, tutorId: 'tutor1' }],
		people: [
			{ id: 'tutor1', fullName: 'Иванова Анна Петровна', role: 'tutor', subjects: [] },
			{ id: 'tutor2', fullName: 'Петров Олег Ильич', role: 'tutor', subjects: [] },
			{ id: 'teacher1', fullName: 'Сидоров Илья Ильич', role: 'teacher', subjects: ['Математика'] },
			{ id: 'parent1', fullName: 'Смирнова Ольга', role: 'parent', subjects: [] }
		],
		students: [
			{ id: 'st1', fullName: 'Смирнов Миша', classId: '5A', parentIds: ['parent1'] },
			{ id: 'st2', fullName: 'Кузнецова Маша', classId: '5A', parentIds: [] }
		],
		teaching: [{ teacherId: 'teacher1', classId: '5A', subject: 'Математика' }]
	};
}

export function seedRoster(dataDir: string, roster: Roster = schoolRoster()): void {
	seedDocument(dataDir, `${roster.schoolId}/roster`, (doc) => writeRoster(doc, roster));
}

/** Counts a relay counter from /health. */
export async function counter(relay: RelayProcess, name: string): Promise<number> {
	const health = await relay.health();
	return health.counters[name] ?? 0;
}
