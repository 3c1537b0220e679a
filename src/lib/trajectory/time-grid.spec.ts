import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditSession, readValidatedSection, restoreSection, type Editor } from '$lib/coedit';
import {
	addTimeSlot,
	defaultTimeSlots,
	moveTimeSlot,
	removeTimeSlot,
	renameTimeSlot,
	setTimeCell,
	timeGridOf
} from './time-grid';
import { timeManagementSection } from './trajectory.schema';

const student: Editor = { personId: 'st-1', name: 'Иванов Пётр', role: 'student' };

function setup(clientID = 1, iso = '2024-10-01T10:00:00') {
	const doc = new Y.Doc({ gc: false });
	doc.clientID = clientID;
	let time = new Date(iso).getTime();
	const clock = {
		now: () => new Date(time),
		set: (next: string) => (time = new Date(next).getTime())
	};
	const session = new EditSession(doc, student, clock);
	const grid = () => timeGridOf(readValidatedSection(doc, timeManagementSection, []));
	return { doc, clock, session, grid };
}

describe('time grid', () => {
	it('starts with the slots of the route form', () => {
		const { grid } = setup();
		expect(grid().slots.map((slot) => slot.label)).toEqual([
			'6:00',
			'7:00',
			'9:00–14:10',
			'14:40–16:00',
			'16:40–18:15',
			'18:20–22:00',
			'22:00'
		]);
		expect(defaultTimeSlots[2].id).toBe('t0900');
	});

	it('adds, renames, moves and removes slots', () => {
		const { session, grid } = setup();
		const added = addTimeSlot(session, grid(), '8:00', 2);
		expect(grid().slots[2]).toMatchObject({ id: added, label: '8:00', isDefault: false });

		renameTimeSlot(session, grid(), 't0900', '8:30–14:10');
		expect(grid().slots[3]).toMatchObject({ id: 't0900', label: '8:30–14:10', isDefault: true });

		moveTimeSlot(session, grid(), 't2200', 0);
		expect(grid().slots[0].id).toBe('t2200');

		removeTimeSlot(session, grid(), 't0600');
		expect(grid().slots.map((slot) => slot.id)).not.toContain('t0600');
		expect(grid().slots).toHaveLength(7);
	});

	it('keeps cell texts per slot and weekday', () => {
		const { session, grid } = setup();
		setTimeCell(session, 't0900', 'mon', 'школа');
		setTimeCell(session, 't1640', 'sat', 'секция');
		expect(grid().cells).toEqual({ t0900: { mon: 'школа' }, t1640: { sat: 'секция' } });
	});

	it('merges offline edits of two replicas', () => {
		const a = setup(1);
		const b = setup(2);
		setTimeCell(a.session, 't0900', 'mon', 'уроки');
		setTimeCell(b.session, 't0900', 'tue', 'уроки');
		setTimeCell(b.session, 't0700', 'mon', 'зарядка');
		addTimeSlot(a.session, a.grid(), '23:00');
		addTimeSlot(b.session, b.grid(), '5:30', 0);
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
		Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));

		expect(a.grid()).toEqual(b.grid());
		expect(a.grid().slots).toHaveLength(9);
		expect(a.grid().slots[0].label).toBe('5:30');
		expect(a.grid().cells.t0900).toEqual({ mon: 'уроки', tue: 'уроки' });
	});

	it('brings a removed slot back on restore', () => {
		const { session, grid, clock } = setup();
		setTimeCell(session, 't0600', 'sun', 'сон');
		session.flush();
		clock.set('2024-10-02T10:00:00');
		removeTimeSlot(session, grid(), 't0600');
		clock.set('2024-10-03T10:00:00');

		restoreSection(session, timeManagementSection.layout, '2024-10-01');

		expect(grid().slots[0].id).toBe('t0600');
		expect(grid().cells.t0600).toEqual({ sun: 'сон' });
	});
});
