/**
 * Times reading and importing the regional ВПР 2021 export (26,139 rows): the xlsx read,
 * `importResults`, and both together, as the median of 5 runs after one warm-up run. Also
 * times reading the same table as CSV text. Run alone with `npx tsx tests/bench/import.bench.ts`.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { importResults } from '../../src/lib/assessment/results-import';
import { importSpecification } from '../../src/lib/assessment/spec-import';
import { readCsv } from '../../src/lib/shared/csv-read';
import type { SheetRows } from '../../src/lib/shared/sheet';
import { readXlsx } from '../../src/lib/shared/xlsx-read';
import { dataFile } from '../support/data-path';

const warmupRuns = 1;
const timedRuns = 5;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `step` once per warm-up and timed run; returns wall and process CPU times in ms. */
function time(step: () => unknown): { wall: number[]; cpu: number[] } {
	for (let i = 0; i < warmupRuns; i++) step();
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let i = 0; i < timedRuns; i++) {
		const cpuStart = process.cpuUsage();
		const start = performance.now();
		step();
		wall.push(performance.now() - start);
		const used = process.cpuUsage(cpuStart);
		cpu.push((used.user + used.system) / 1000);
	}
	return { wall, cpu };
}

/** Writes rows as `;`-separated CSV, quoting every text, as a spreadsheet would save them. */
function toCsv(rows: SheetRows): string {
	const field = (value: unknown) =>
		value === null || value === undefined ? '' : `"${String(value).replace(/"/g, '""')}"`;
	return rows.map((row) => row.map(field).join(';')).join('\r\n');
}

export async function run(): Promise<Record<string, number>> {
	const folder = 'vpr-2021-math-5';
	const bytes = new Uint8Array(
		readFileSync(dataFile(`${folder}/results-region-fis-oko-export.xlsx`))
	);
	const specSheet = readXlsx(new Uint8Array(readFileSync(dataFile(`${folder}/spec-tasks.xlsx`))));
	const { specification } = importSpecification(
		{ tasks: specSheet },
		{ kind: 'vpr', subject: 'Математика', grade: 5, year: 2021 }
	);

	const rows = readXlsx(bytes).rows;
	const csvText = toCsv(rows);
	const read = time(() => readXlsx(bytes));
	const imported = time(() => importResults(rows, specification));
	const both = time(() => importResults(readXlsx(bytes).rows, specification));
	const csv = time(() => readCsv(csvText));
	const last = importResults(rows, specification);

	const results = {
		xlsx_read_median_ms: median(read.wall),
		import_median_ms: median(imported.wall),
		read_and_import_median_ms: median(both.wall),
		read_and_import_min_ms: Math.min(...both.wall),
		// Process CPU time: less sensitive than wall time to other load on the machine.
		read_and_import_cpu_median_ms: median(both.cpu),
		csv_read_median_ms: median(csv.wall),
		rows: last.matrix.studentCount,
		problems: last.problems.length
	};
	console.log('import benchmark (regional ВПР file):', results);
	return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	await run();
}
