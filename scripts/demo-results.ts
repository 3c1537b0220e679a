import type * as Y from 'yjs';
import { CellState, MISSING } from '../src/lib/assessment/result-matrix';
import type { Roster } from '../src/lib/roster/roster.schema';
import { formatDocId } from '../src/lib/shared/doc-ids';
import type { ClassSlice } from '../src/lib/storage/results.codec';
import { encodeClassSlice } from '../src/lib/storage/results.codec';
import {
	readProcedureMeta,
	writeClassResults,
	writeProcedureMeta
} from '../src/lib/storage/results.ydoc';
import { builtinSpecifications } from '../src/lib/worker/builtin-specs';

export type SeedWriter = (docId: string, write: (doc: Y.Doc) => void) => Promise<boolean>;

/** A fixed import time, so that seeding twice writes equal values. */
const importedAt = Date.UTC(2026, 9, 14, 5, 0, 0);
const procedureId = 'vpr-2026-math-5';

/** Returns the ВПР mathematics grade-5 mark of a total: 0–6 «2», 7–10 «3», 11–14 «4», 15–20 «5». */
function markOf(total: number): number {
	if (total >= 15) return 5;
	if (total >= 11) return 4;
	if (total >= 7) return 3;
	return 2;
}

/** A small deterministic generator (mulberry32), so the demo results are the same every run. */
function generator(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Generates fictional results of a grade-5 class. Each student has an ability and each task a
 * difficulty. 5А is weak on the geometry and logic tasks (positions 8, 9, 15, 16), so the demo
 * shows mass deficits there and point deficits elsewhere.
 */
function classSlice(classLabel: string, studentIds: string[], random: () => number): ClassSlice {
	const spec = builtinSpecifications[0].spec;
	const tasks = spec.tasks;
	const n = studentIds.length;
	const P = tasks.length;
	const slice: ClassSlice = {
		school: 'demo-school',
		classLabel,
		positionCount: P,
		studentCodes: studentIds,
		points: new Uint8Array(n * P),
		states: new Uint8Array(n * P),
		present: new Uint8Array(n).fill(1),
		journalMark: new Int8Array(n),
		officialTotal: new Int16Array(n),
		variant: new Uint16Array(n),
		sex: new Uint8Array(n)
	};
	const weak = classLabel === '5А' ? new Set([8, 9, 15, 16]) : new Set<number>();
	for (let s = 0; s < n; s++) {
		const ability = 0.35 + random() * 0.6;
		let total = 0;
		for (let p = 0; p < P; p++) {
			const task = tasks[p];
			const difficulty = (task.level === 'Б' ? 0.1 : 0.35) + (weak.has(task.position) ? 0.4 : 0);
			const chance = Math.max(0.02, Math.min(0.98, ability - difficulty + 0.25));
			let points = 0;
			for (let k = 0; k < task.maxPoints; k++) if (random() < chance) points++;
			const skipped = points === 0 && random() < 0.3;
			slice.states[s * P + p] = skipped ? CellState.notAttempted : CellState.points;
			slice.points[s * P + p] = points;
			total += points;
		}
		slice.officialTotal[s] = total;
		const mark = markOf(total);
		slice.journalMark[s] = s === 0 ? MISSING : Math.min(5, mark + (random() < 0.4 ? 1 : 0));
		slice.variant[s] = 1 + (s % 2);
	}
	return slice;
}

function sameBytes(stored: unknown, bytes: Uint8Array): boolean {
	return (
		stored instanceof Uint8Array &&
		stored.length === bytes.length &&
		stored.every((b, i) => b === bytes[i])
	);
}

/** Seeds one ВПР procedure of the grade-5 classes as the school's own, published per class. */
export async function seedDemoResults(roster: Roster, seed: SeedWriter): Promise<number> {
	const builtin = builtinSpecifications[0];
	const random = generator(2026);
	const gradeFive = roster.classes.filter((c) => c.grade === 5);
	let changed = 0;
	const classes = gradeFive.map((schoolClass) => {
		const ids = roster.students.filter((s) => s.classId === schoolClass.id).map((s) => s.id);
		return { schoolClass, slice: classSlice(schoolClass.label, ids, random) };
	});
	for (const { schoolClass, slice } of classes) {
		const id = formatDocId({
			kind: 'procedure-class',
			school: roster.schoolId,
			procedure: procedureId,
			className: schoolClass.id
		});
		const write = (doc: Y.Doc) => {
			// Binary values are not compared by Yjs, so an equal slice is left alone here.
			if (!sameBytes(doc.getMap('results').get('slice'), encodeClassSlice(slice))) {
				writeClassResults(doc, slice, importedAt, 'demo-seed');
			}
		};
		if (await seed(id, write)) changed++;
	}
	const metaId = formatDocId({
		kind: 'procedure',
		school: roster.schoolId,
		procedure: procedureId
	});
	const meta = {
		title: 'ВПР 2026, математика, 5 класс (демонстрационные данные)',
		spec: builtin.spec,
		importedAt,
		report: {
			fileName: 'демонстрация',
			layout: 'school-protocol',
			rows: 0,
			problems: [],
			problemCounts: {},
			truncated: false,
			classMapping: []
		},
		classes: classes.map(({ schoolClass, slice }) => ({
			id: schoolClass.id,
			label: schoolClass.label,
			students: slice.studentCodes.length
		}))
	};
	meta.report.rows = meta.classes.reduce((sum, c) => sum + c.students, 0);
	const writeMeta = (doc: Y.Doc) => {
		if (JSON.stringify(readProcedureMeta(doc)) !== JSON.stringify(meta))
			writeProcedureMeta(doc, meta, 'demo-seed');
	};
	if (await seed(metaId, writeMeta)) changed++;
	return changed;
}
