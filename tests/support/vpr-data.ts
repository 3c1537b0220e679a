/**
 * Reads the regional ВПР 2021 export (mathematics, grade 5) and its task table through the
 * importer, for the analytics specs and the benchmark.
 */
import { readFileSync } from 'node:fs';
import { importResults, type ResultsImport } from '$lib/assessment/results-import';
import { importSpecification } from '$lib/assessment/spec-import';
import type { Specification } from '$lib/assessment/specification.schema';
import { readXlsx } from '$lib/shared/xlsx-read';
import { dataFile } from './data-path';

const folder = 'vpr-2021-math-5';

function sheet(name: string) {
	return readXlsx(new Uint8Array(readFileSync(dataFile(`${folder}/${name}`))));
}

export function loadVprData(): { spec: Specification; imported: ResultsImport } {
	const spec = importSpecification(
		{ tasks: sheet('spec-tasks.xlsx'), kes: sheet('spec-kes.xlsx'), kt: sheet('spec-kt.xlsx') },
		{ kind: 'vpr', subject: 'Математика', grade: 5, year: 2021, date: '2021-04-15' }
	).specification;
	const imported = importResults(sheet('results-region-fis-oko-export.xlsx').rows, spec);
	return { spec, imported };
}
