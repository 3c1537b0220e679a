/**
 * The results of one procedure as an immutable matrix of students × scored positions.
 * Every per-cell array is row-major: cell (s, p) is at index s * positionCount + p.
 * Typed arrays keep a regional file of 26,000 students compact, and they cross to the
 * analytics worker as transferables.
 */

/** What a cell holds. Only `points` carries a score; the others mean zero in official totals. */
export const CellState = {
	points: 0,
	/** `X`: the student did not attempt the task. */
	notAttempted: 1,
	/** `не пройд.`: the task's topic was not yet taught in that school. */
	notTaught: 2,
	/** The student was absent from the whole procedure. */
	absent: 3,
	/** The cell was empty, or held something that is not a score (reported at import). */
	blank: 4
} as const;
export type CellStateCode = (typeof CellState)[keyof typeof CellState];

/** Sentinel for a missing journal mark or official total. */
export const MISSING = -1;

export interface ResultMatrix {
	studentCount: number;
	positionCount: number;
	/** Points per cell; 0 where the state is not `points`. */
	points: Uint8Array;
	/** A CellState code per cell. */
	states: Uint8Array;
	/** Student codes as written in the file, one per row. */
	studentCodes: string[];
	/** Index into `classes` per student. */
	classIndex: Uint16Array;
	/** Normalised class labels, e.g. `5А`. */
	classes: string[];
	/** Index into `schools` per student. */
	schoolIndex: Uint16Array;
	/** School identifiers (a login in regional exports; one entry in a school protocol). */
	schools: string[];
	/** 1 when the student wrote the procedure, 0 when absent. */
	present: Uint8Array;
	/** Journal mark 2–5 for the previous term, or MISSING. */
	journalMark: Int8Array;
	/** The total as written in the file, or MISSING. */
	officialTotal: Int16Array;
	/** Variant number, or 0 when unknown. */
	variant: Uint16Array;
	/** 1 male, 2 female, 0 unknown. */
	sex: Uint8Array;
}
