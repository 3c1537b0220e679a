import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of real input files (the ВПР export, LSAT-6). It lives beside the repository,
 * never inside it; SCHOOL_DATA_DIR points elsewhere.
 */
export const dataDir = resolve(
	process.env.SCHOOL_DATA_DIR ?? fileURLToPath(new URL('../../../shared/data', import.meta.url))
);

export function dataFile(relativePath: string): string {
	const path = resolve(dataDir, relativePath);
	if (!existsSync(path)) {
		throw new Error(`Data file not found: ${path}. Set SCHOOL_DATA_DIR to the folder holding it.`);
	}
	return path;
}
