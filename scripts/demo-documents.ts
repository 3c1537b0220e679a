import type { Roster } from '../src/lib/roster/roster.schema';
import { seedDemoResults, type SeedWriter } from './demo-results';
import { seedDemoTrajectories } from './demo-trajectories';

export type { SeedWriter };

/**
 * Writes the demo school's documents beyond the roster. Returns how many changed; a second
 * run over the same data changes none.
 */
export async function seedDemoDocuments(roster: Roster, seed: SeedWriter): Promise<number> {
	return (await seedDemoResults(roster, seed)) + (await seedDemoTrajectories(roster, seed));
}
