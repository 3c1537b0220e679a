import type * as Y from 'yjs';
import type { Roster } from '../src/lib/roster/roster.schema';
import { seedDemoResults } from './demo-results';

export type SeedWriter = (docId: string, write: (doc: Y.Doc) => void) => Promise<boolean>;

/**
 * Writes the demo school's documents beyond the roster. Returns how many changed; a second
 * run over the same data changes none.
 */
export async function seedDemoDocuments(roster: Roster, seed: SeedWriter): Promise<number> {
	return seedDemoResults(roster, seed);
}
