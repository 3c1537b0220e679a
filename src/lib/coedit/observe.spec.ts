import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { defineSection } from './layout';
import { observeSection } from './observe';
import { exchange, fakeClock, newDoc, session, student, tutor } from './test-factories';

const table = defineSection('events', {
	title: { kind: 'text' },
	rows: { kind: 'rows', textColumns: ['name'] },
	cells: { kind: 'textMap' }
});
const other = defineSection('other', { note: { kind: 'text' } });

describe('observeSection', () => {
	it('reports local and remote changes as plain JSON', () => {
		const clock = fakeClock('2024-10-01T10:00:00');
		const a = newDoc(1);
		const b = newDoc(2);
		const seen: unknown[] = [];
		const observer = observeSection(b, table, (json) => seen.push(json));

		session(a, student, clock).insertRow(table, 'rows', { name: 'Олимпиада', level: 'school' });
		exchange(a, b);
		session(b, tutor, clock).setTextEntry(table, 'cells', 'mon/0900', 'школа');

		expect(seen).toHaveLength(2);
		expect(observer.current.rows).toMatchObject([{ name: 'Олимпиада', level: 'school' }]);
		expect(observer.current.cells).toEqual({ 'mon/0900': 'школа' });
		observer.stop();
	});

	it('ignores changes to other sections', () => {
		const doc = newDoc(1);
		let calls = 0;
		observeSection(doc, table, () => calls++);
		session(doc, student, fakeClock('2024-10-01T10:00:00')).setText(other, 'note', 'заметка');
		expect(calls).toBe(0);
	});

	it('keeps unchanged rows and parts as the same objects', () => {
		const doc = newDoc(1);
		const edit = session(doc, student, fakeClock('2024-10-01T10:00:00'));
		const first = edit.insertRow(table, 'rows', { name: 'первая' });
		edit.insertRow(table, 'rows', { name: 'вторая' });
		const observer = observeSection(doc, table, () => {});
		const before = observer.current;

		edit.setCell(table, 'rows', first, 'name', 'первая строка');

		const after = observer.current;
		expect(after.rows[0].name).toBe('первая строка');
		expect(after.rows[1]).toBe(before.rows[1]);
		expect(after.cells).toBe(before.cells);
	});

	it('stops calling back after stop', () => {
		const doc = newDoc(1);
		let calls = 0;
		const observer = observeSection(doc, table, () => calls++);
		observer.stop();
		session(doc, student, fakeClock('2024-10-01T10:00:00')).setText(table, 'title', 'x');
		expect(calls).toBe(0);
	});

	it('costs little per keystroke in a long table', () => {
		const doc = newDoc(1);
		const edit = session(doc, student, fakeClock('2024-10-01T10:00:00'));
		const ids: string[] = [];
		for (let i = 0; i < 300; i++) ids.push(edit.insertRow(table, 'rows', { name: `строка ${i}` }));
		let calls = 0;
		observeSection(doc, table, () => calls++);

		let typed = '';
		const started = performance.now();
		for (let i = 0; i < 500; i++) {
			typed += 'а';
			edit.setCell(table, 'rows', ids[150], 'name', typed);
		}
		const perKeystroke = (performance.now() - started) / 500;

		expect(calls).toBe(500);
		expect(Y.encodeStateAsUpdate(doc).byteLength).toBeGreaterThan(0);
		// A generous bound for a slow tablet; on a desktop this is well under a millisecond.
		expect(perKeystroke).toBeLessThan(16);
	});
});
