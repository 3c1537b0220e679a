/**
 * A minimal reader of the regional ВПР export and its task table, for the analytics specs
 * only. It understands just these two xlsx files (one sheet, shared strings, no dates).
 * TODO: switch the specs to the importer in src/lib/assessment once it is committed.
 */
import { strFromU8, unzipSync } from 'fflate';
import { CellState, MISSING, type ResultMatrix } from '$lib/assessment/result-matrix';
import type { Specification, TaskLevel } from '$lib/assessment/specification.schema';
import { vprMarkScale } from './test-factories';

function decodeXml(text: string): string {
	return text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');
}

function columnNumber(letters: string): number {
	let n = 0;
	for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
	return n - 1;
}

/** Reads the first sheet of an xlsx file as rows of cell texts. */
export function readSheet(bytes: Uint8Array): string[][] {
	const files = unzipSync(bytes);
	const shared: string[] = [];
	const sst = files['xl/sharedStrings.xml'] ? strFromU8(files['xl/sharedStrings.xml']) : '';
	for (const item of sst.matchAll(/<si>([\s\S]*?)<\/si>/g)) {
		const parts = [...item[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((m) => m[1]);
		shared.push(decodeXml(parts.join('')));
	}
	const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
	const rows: string[][] = [];
	for (const row of sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
		const cells: string[] = [];
		for (const cell of row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const type = /t="(\w+)"/.exec(cell[2])?.[1];
			const raw = cell[3]
				? (/<v>([\s\S]*?)<\/v>/.exec(cell[3])?.[1] ?? /<t[^>]*>([\s\S]*?)<\/t>/.exec(cell[3])?.[1])
				: undefined;
			cells[columnNumber(cell[1])] =
				raw === undefined ? '' : type === 's' ? shared[Number(raw)] : decodeXml(raw);
		}
		rows.push(Array.from(cells, (c) => c ?? ''));
	}
	return rows;
}

/** Builds the specification from the task table: one row per task and code. */
export function vprSpecification(rows: string[][]): Specification {
	const tasks = new Map<number, Specification['tasks'][number]>();
	for (const row of rows.slice(1)) {
		const position = Number(row[1]);
		let task = tasks.get(position);
		if (!task) {
			task = {
				label: row[0],
				position,
				maxPoints: Number(row[7]),
				level: row[4] as TaskLevel,
				skills: [],
				description: row[3]
			};
			tasks.set(position, task);
		}
		for (const code of [`КЭС ${row[5]}`, `КТ ${row[6]}`]) {
			if (!task.skills.includes(code)) task.skills.push(code);
		}
	}
	return {
		kind: 'vpr',
		subject: 'Математика',
		grade: 5,
		year: 2021,
		date: '2021-04-15',
		tasks: [...tasks.values()],
		skills: [],
		markScale: vprMarkScale
	};
}

const firstScoreColumn = 9;

/** Builds the matrix from the export: absent rows, `X`, `не пройд.` and blanks as states. */
export function vprMatrix(rows: string[][], positionCount = 16): ResultMatrix {
	const width = rows[0].length;
	const body = rows.slice(1).map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
	const n = body.length;
	const P = positionCount;
	const schools: string[] = [];
	const classes: string[] = [];
	const ids = (list: string[], map: Map<string, number>, value: string) => {
		let id = map.get(value);
		if (id === undefined) map.set(value, (id = list.push(value) - 1));
		return id;
	};
	const schoolIds = new Map<string, number>();
	const classIds = new Map<string, number>();
	const matrix: ResultMatrix = {
		studentCount: n,
		positionCount: P,
		points: new Uint8Array(n * P),
		states: new Uint8Array(n * P),
		studentCodes: body.map((row) => row[3]),
		classIndex: Uint16Array.from(body, (row) => ids(classes, classIds, row[6].toUpperCase())),
		classes,
		schoolIndex: Uint16Array.from(body, (row) => ids(schools, schoolIds, row[0])),
		schools,
		present: Uint8Array.from(body, (row) => (row[7] === 'отсутствовал' ? 0 : 1)),
		journalMark: Int8Array.from(body, (row) => integerOr(row[4], MISSING)),
		officialTotal: Int16Array.from(body, (row) => integerOr(row[8], MISSING)),
		variant: Uint16Array.from(body, (row) => integerOr(row[7], 0)),
		sex: Uint8Array.from(body, (row) => ({ м: 1, ж: 2 })[row[5].toLowerCase()] ?? 0)
	};
	body.forEach((row, s) => {
		for (let p = 0; p < P; p++) {
			const at = s * P + p;
			const text = row[firstScoreColumn + p].trim();
			if (!matrix.present[s]) matrix.states[at] = CellState.absent;
			else if (/^\d+$/.test(text)) matrix.points[at] = Number(text);
			else if (text === 'не пройд.') matrix.states[at] = CellState.notTaught;
			else if (text.toUpperCase() === 'X') matrix.states[at] = CellState.notAttempted;
			else matrix.states[at] = CellState.blank;
		}
	});
	return matrix;
}

function integerOr(text: string, fallback: number): number {
	return /^\d+$/.test(text.trim()) ? Number(text) : fallback;
}
