/**
 * Times `analyzeProcedure` on the regional ВПР 2021 export (26,139 rows, 637 schools):
 * every statistic for the file, each school and each class. Reading the xlsx is not timed.
 * Run with `npm run bench -- analysis`, or alone with `npx tsx tests/bench/analysis.bench.ts`.
 * Wall times on a shared machine vary with its load; the minimum comes closest to an idle machine.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { analyzeProcedure } from '../../src/lib/analytics/analyze';
import { loadVprData } from '../support/vpr-data';

const warmupRuns = 5;
const timedRuns = 21;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function run(): Promise<Record<string, number>> {
	const { spec, imported } = loadVprData();
	const matrix = imported.matrix;

	// Shallow copies defeat the caches keyed by object identity, so each cold run also
	// builds the school and class groupings and the specification layout.
	const cold = () => analyzeProcedure({ ...matrix }, { ...spec });
	const warm = () => analyzeProcedure(matrix, spec);
	const cpuSamples: number[] = [];
	const time = (analyse: () => unknown) => {
		for (let i = 0; i < warmupRuns; i++) analyse();
		const samples: number[] = [];
		for (let i = 0; i < timedRuns; i++) {
			const start = performance.now();
			const cpu = process.cpuUsage();
			analyse();
			samples.push(performance.now() - start);
			const used = process.cpuUsage(cpu);
			cpuSamples.push((used.user + used.system) / 1000);
		}
		return samples;
	};
	const coldSamples = time(cold);
	const coldCpu = median(cpuSamples);
	const warmSamples = time(warm);
	const last = warm();
	const results = {
		analysis_median_ms: median(coldSamples),
		analysis_min_ms: Math.min(...coldSamples),
		// Process CPU time, all threads: less sensitive than wall time to other load.
		analysis_cpu_median_ms: coldCpu,
		analysis_cached_groupings_median_ms: median(warmSamples),
		rows: matrix.studentCount,
		schools: last.schools.keys.length,
		classes: last.classes.keys.length
	};
	console.log('analysis benchmark (regional ВПР file):', results);
	return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	await run();
}
