/**
 * Runs every benchmark in this folder (files named `*.bench.ts` that export `run()`), one
 * after another so they do not compete for the two cores, and prints their figures.
 * Benchmarks measure; they assert nothing. `npm run bench -- import` runs only the files
 * whose name contains "import".
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const folder = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(folder)
	.filter((name) => name.endsWith('.bench.ts') && name.includes(filter))
	.sort();

const results: Record<string, Record<string, number>> = {};
for (const file of files) {
	const module = (await import(pathToFileURL(folder + file).href)) as {
		run?: () => Promise<Record<string, number>>;
	};
	if (!module.run) {
		console.warn(`${file} exports no run(); skipped.`);
		continue;
	}
	console.log(`\n== ${file}`);
	try {
		results[file] = await module.run();
	} catch (error) {
		console.error(`${file} failed:`, error);
		process.exitCode = 1;
	}
}

console.log('\n== summary (ms unless the name says otherwise)');
for (const [file, figures] of Object.entries(results)) {
	for (const [name, value] of Object.entries(figures)) {
		console.log(
			`${file.replace('.bench.ts', '')}\t${name}\t${Number.isInteger(value) ? value : value.toFixed(2)}`
		);
	}
}
