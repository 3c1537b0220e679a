import * as Y from 'yjs';
import { EditSession } from './edit-session';
import type { Editor } from './identity';

/** Small builders shared by the co-editing specs. Not used by application code. */

export function newDoc(clientID?: number): Y.Doc {
	const doc = new Y.Doc({ gc: false });
	if (clientID !== undefined) doc.clientID = clientID;
	return doc;
}

export const student: Editor = { personId: 'st-1', name: 'Петров Иван', role: 'student' };
export const tutor: Editor = { personId: 'tu-1', name: 'Смирнова Анна Павловна', role: 'tutor' };

/** Creates a fake clock that stays where it is set until `advanceMinutes` moves it. */
export function fakeClock(start: string) {
	let time = new Date(start).getTime();
	return {
		now: () => new Date(time),
		set: (iso: string) => (time = new Date(iso).getTime()),
		advanceMinutes: (minutes: number) => (time += minutes * 60_000)
	};
}

export function session(doc: Y.Doc, editor: Editor, clock: { now: () => Date }): EditSession {
	return new EditSession(doc, editor, { now: clock.now });
}

/** Sends each document's missing updates to the other, as a sync round would. */
export function exchange(a: Y.Doc, b: Y.Doc): void {
	const forB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
	const forA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
	Y.applyUpdate(b, forB, 'remote');
	Y.applyUpdate(a, forA, 'remote');
}
