import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { lastChange, latestChange } from './authorship';
import { EditSession } from './edit-session';
import { editorOf } from './identity';
import { defineSection } from './layout';
import { readSection } from './section-read';
import { exchange, fakeClock, newDoc, session, student, tutor } from './test-factories';

const notes = defineSection('notes', {
	title: { kind: 'text' },
	fields: { kind: 'map' },
	items: { kind: 'rows', textColumns: ['text'] },
	grid: { kind: 'textMap' }
});

function replicas() {
	const clock = fakeClock('2024-10-01T09:00:00');
	const a = newDoc(1);
	const b = newDoc(2);
	return { clock, a, b, editA: session(a, student, clock), editB: session(b, tutor, clock) };
}

describe('EditSession rows', () => {
	it('inserts, moves and deletes rows by id', () => {
		const { a, editA } = replicas();
		const first = editA.insertRow(notes, 'items', { text: 'первая', done: false });
		const second = editA.insertRow(notes, 'items', { text: 'вторая', done: false });
		const third = editA.insertRow(notes, 'items', { text: 'третья', done: true }, { index: 0 });

		expect(readSection(a, notes).items.map((row) => row.id)).toEqual([third, first, second]);

		expect(editA.moveRow(notes, 'items', third, 2)).toBe(true);
		expect(readSection(a, notes).items.map((row) => row.text)).toEqual([
			'первая',
			'вторая',
			'третья'
		]);

		expect(editA.deleteRow(notes, 'items', first)).toBe(true);
		expect(editA.deleteRow(notes, 'items', first)).toBe(false);
		expect(readSection(a, notes).items).toEqual([
			{ id: second, text: 'вторая', done: false },
			{ id: third, text: 'третья', done: true }
		]);
	});

	it('keeps a cell edit made while another replica moves the row', () => {
		const { a, b, editA, editB } = replicas();
		const first = editA.insertRow(notes, 'items', { text: 'купить гитару' });
		editA.insertRow(notes, 'items', { text: 'записаться в кружок' });
		exchange(a, b);

		editA.moveRow(notes, 'items', first, 1);
		editB.setCell(notes, 'items', first, 'text', 'купить гитару и тюнер');
		exchange(a, b);

		const rows = readSection(a, notes).items;
		expect(rows.map((row) => row.text)).toEqual(['записаться в кружок', 'купить гитару и тюнер']);
		expect(readSection(b, notes).items).toEqual(rows);
	});

	it('keeps both rows inserted at one place offline, in one order', () => {
		const { a, b, editA, editB } = replicas();
		editA.insertRow(notes, 'items', { text: 'общая' });
		exchange(a, b);

		editA.insertRow(notes, 'items', { text: 'от ученика' }, { index: 0 });
		editB.insertRow(notes, 'items', { text: 'от тьютора' }, { index: 0 });
		exchange(a, b);
		const merged = readSection(a, notes).items.map((row) => row.text);
		expect(merged).toHaveLength(3);
		expect(merged.at(-1)).toBe('общая');
		expect(readSection(b, notes).items.map((row) => row.text)).toEqual(merged);

		// Both new rows share a position now; inserting between them still lands between.
		editA.insertRow(notes, 'items', { text: 'между' }, { index: 1 });
		expect(readSection(a, notes).items.map((row) => row.text)).toEqual([
			merged[0],
			'между',
			merged[1],
			'общая'
		]);
	});

	it('returns false for a cell of a row deleted elsewhere', () => {
		const { a, b, editA, editB } = replicas();
		const id = editA.insertRow(notes, 'items', { text: 'черновик' });
		exchange(a, b);
		editB.deleteRow(notes, 'items', id);
		exchange(a, b);

		expect(editA.setCell(notes, 'items', id, 'text', 'исправленный')).toBe(false);
	});

	it('rejects values that are not plain JSON', () => {
		const { editA } = replicas();
		expect(() => editA.setValue(notes, 'fields', 'when', new Date())).toThrow(/plain JSON/);
		expect(() => editA.insertRow(notes, 'items', { score: Number.NaN })).toThrow(/plain JSON/);
		expect(() => editA.setText(notes, 'items', 'x')).toThrow(/is rows, not text/);
	});
});

describe('EditSession transactions', () => {
	it('groups a batch into one transaction with the session origin', () => {
		const { a, editA } = replicas();
		const origins: unknown[] = [];
		a.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin));

		editA.transact(() => {
			editA.setText(notes, 'title', 'План');
			editA.setValue(notes, 'fields', 'stage', 2);
			editA.setTextEntry(notes, 'grid', 'mon', 'бассейн');
		});

		expect(origins).toHaveLength(1);
		expect(editorOf(origins[0])).toEqual(student);
	});

	it('skips writes that change nothing', () => {
		const { a, editA } = replicas();
		editA.setValue(notes, 'fields', 'stage', 2);
		const before = Y.encodeStateVector(a);

		expect(editA.setValue(notes, 'fields', 'stage', 2)).toBe(false);
		expect(editA.setText(notes, 'title', '')).toBe(false);
		expect(Y.encodeStateVector(a)).toEqual(before);
	});

	it('refuses changes after destroy', () => {
		const { editA } = replicas();
		editA.destroy();
		expect(() => editA.setText(notes, 'title', 'поздно')).toThrow(/destroyed/);
	});
});

describe('authorship', () => {
	it('keeps each field author after an offline merge', () => {
		const { clock, a, b, editA, editB } = replicas();
		const row = editA.insertRow(notes, 'items', { text: 'задача' });
		exchange(a, b);

		clock.advanceMinutes(5);
		editA.setText(notes, 'title', 'Моя цель');
		clock.advanceMinutes(5);
		editB.setCell(notes, 'items', row, 'text', 'задача уточнена');
		editB.setValue(notes, 'fields', 'deadline', '2025-05-25');
		const tutorTime = clock.now().toISOString();
		exchange(a, b);

		for (const doc of [a, b]) {
			expect(lastChange(doc, 'notes/title')).toMatchObject({ personId: student.personId });
			expect(lastChange(doc, `notes/items/${row}/text`)).toMatchObject({
				personId: tutor.personId,
				name: tutor.name,
				at: tutorTime
			});
			expect(lastChange(doc, 'notes/fields/deadline')?.personId).toBe(tutor.personId);
		}
		expect(latestChange(a, 'notes/items')).toMatchObject({
			personId: tutor.personId,
			at: tutorTime
		});
		expect(latestChange(a)?.at).toBe(tutorTime);
		expect(lastChange(a, 'notes/fields/never')).toBeNull();
	});

	it('keeps the first stamp within the resolution', () => {
		const clock = fakeClock('2024-10-01T09:00:00');
		const doc = newDoc(1);
		const edit = new EditSession(doc, student, { now: clock.now, authorshipResolutionMs: 60_000 });
		edit.setText(notes, 'title', 'а');
		const first = lastChange(doc, 'notes/title')?.at;

		clock.advanceMinutes(0.5);
		edit.setText(notes, 'title', 'аб');
		expect(lastChange(doc, 'notes/title')?.at).toBe(first);

		clock.advanceMinutes(1);
		edit.setText(notes, 'title', 'абв');
		expect(lastChange(doc, 'notes/title')?.at).toBe(clock.now().toISOString());
	});
});
