import { newRowId, positionBetween, spreadPositions, type EditSession } from '$lib/coedit';
import {
	timeManagementSection,
	weekdays,
	type TimeManagementValue,
	type Weekday
} from './trajectory.schema';

/**
 * The weekly time-management grid: time slots × Monday–Sunday. The default slots are those of
 * the route form (6:00, 7:00, 9:00–14:10, 14:40–16:00, 16:40–18:15, 18:20–22:00, 22:00). They
 * exist without being written, so two replicas never create them twice. A slot entry in the
 * document only renames, moves or removes a slot or adds a new one. Each cell is its own Y.Text
 * `timeManagement/cells/{slotId}/{weekday}`, so typing in different cells never conflicts.
 * NOTE: a slot entry is one value, so a rename and a move of the same slot made offline at
 * the same time keep only one of the two.
 */

const defaultLabels = [
	'6:00',
	'7:00',
	'9:00–14:10',
	'14:40–16:00',
	'16:40–18:15',
	'18:20–22:00',
	'22:00'
];
const defaultPositions = spreadPositions(defaultLabels.length);

/** Default slots with their fixed ids (`t0600` for 6:00) and positions. */
export const defaultTimeSlots = defaultLabels.map((label, i) => ({
	id: `t${label.split('–')[0].replace(':', '').padStart(4, '0')}`,
	label,
	pos: defaultPositions[i]
}));

export interface TimeSlot {
	id: string;
	label: string;
	isDefault: boolean;
	pos: string;
}

export interface TimeGrid {
	slots: TimeSlot[];
	/** Cell text by slot id and weekday; empty cells are absent. */
	cells: Record<string, Partial<Record<Weekday, string>>>;
}

/** Builds the visible grid from the validated section: defaults, overrides, added slots. */
export function timeGridOf(value: TimeManagementValue): TimeGrid {
	const slots = new Map<string, TimeSlot>();
	for (const slot of defaultTimeSlots) slots.set(slot.id, { ...slot, isDefault: true });
	for (const [id, entry] of Object.entries(value.slots)) {
		if (entry.removed) {
			slots.delete(id);
			continue;
		}
		slots.set(id, { id, label: entry.label, pos: entry.pos, isDefault: slots.has(id) });
	}
	const ordered = [...slots.values()].sort(compareSlots);

	const cells: TimeGrid['cells'] = {};
	for (const [key, text] of Object.entries(value.cells)) {
		const [slotId, weekday] = key.split('/');
		if (!slots.has(slotId) || !weekdays.includes(weekday as Weekday)) continue;
		(cells[slotId] ??= {})[weekday as Weekday] = text;
	}
	return { slots: ordered, cells };
}

function compareSlots(a: TimeSlot, b: TimeSlot): number {
	if (a.pos !== b.pos) return a.pos < b.pos ? -1 : 1;
	return a.id < b.id ? -1 : 1;
}

function positionFor(grid: TimeGrid, index: number, excludeId?: string): string | null {
	const others = grid.slots.filter((slot) => slot.id !== excludeId);
	const at = Math.max(0, Math.min(index, others.length));
	const before = at > 0 ? others[at - 1].pos : '';
	const after = at < others.length ? others[at].pos : null;
	return after === null || before < after ? positionBetween(before, after) : null;
}

/** Rewrites every slot's position, for the rare case of two slots with one position. */
function respace(session: EditSession, slots: TimeSlot[]): void {
	const positions = spreadPositions(slots.length);
	slots.forEach((slot, i) => {
		session.setValue(timeManagementSection.layout, 'slots', slot.id, {
			label: slot.label,
			pos: positions[i],
			removed: false
		});
	});
}

/** Adds a slot at `index` of the grid (the end when omitted) and returns its id. */
export function addTimeSlot(
	session: EditSession,
	grid: TimeGrid,
	label: string,
	index = grid.slots.length
): string {
	const id = `s${newRowId()}`;
	session.transact(() => {
		const pos = positionFor(grid, index);
		if (pos !== null) {
			session.setValue(timeManagementSection.layout, 'slots', id, { label, pos, removed: false });
			return;
		}
		const slots = [...grid.slots];
		slots.splice(Math.max(0, Math.min(index, slots.length)), 0, {
			id,
			label,
			pos: '',
			isDefault: false
		});
		respace(session, slots);
	});
	return id;
}

export function renameTimeSlot(
	session: EditSession,
	grid: TimeGrid,
	id: string,
	label: string
): boolean {
	const slot = grid.slots.find((candidate) => candidate.id === id);
	if (!slot) return false;
	return session.setValue(timeManagementSection.layout, 'slots', id, {
		label,
		pos: slot.pos,
		removed: false
	});
}

/** Moves a slot to `index` of the visible order. */
export function moveTimeSlot(
	session: EditSession,
	grid: TimeGrid,
	id: string,
	index: number
): boolean {
	const slot = grid.slots.find((candidate) => candidate.id === id);
	if (!slot) return false;
	const pos = positionFor(grid, index, id);
	if (pos !== null) {
		return session.setValue(timeManagementSection.layout, 'slots', id, { ...entryOf(slot), pos });
	}
	const others = grid.slots.filter((candidate) => candidate.id !== id);
	others.splice(Math.max(0, Math.min(index, others.length)), 0, slot);
	session.transact(() => respace(session, others));
	return true;
}

/** Hides a slot; its cells stay in the document, so restoring the section brings them back. */
export function removeTimeSlot(session: EditSession, grid: TimeGrid, id: string): boolean {
	const slot = grid.slots.find((candidate) => candidate.id === id);
	if (!slot) return false;
	return session.setValue(timeManagementSection.layout, 'slots', id, {
		...entryOf(slot),
		removed: true
	});
}

export function setTimeCell(
	session: EditSession,
	slotId: string,
	weekday: Weekday,
	text: string
): boolean {
	return session.setTextEntry(timeManagementSection.layout, 'cells', `${slotId}/${weekday}`, text);
}

function entryOf(slot: TimeSlot) {
	return { label: slot.label, pos: slot.pos, removed: false };
}
