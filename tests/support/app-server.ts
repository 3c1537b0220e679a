import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_SCHOOL_ID } from '../../src/lib/roster/demo-school';
import type { Role } from '../../src/lib/shared/access';
import { SqliteStore } from '../../sync-server/sqlite-store';
import { seedDemoSchool } from '../../scripts/seed';
import { RelayProcess } from './relay-process';

const buildDir = fileURLToPath(new URL('../../build', import.meta.url));

/**
 * The real relay serving the built app, with the demo school seeded into a fresh data
 * folder: what a school's server looks like to the tablets.
 */
export async function startAppServer(env: Record<string, string> = {}): Promise<RelayProcess> {
	if (!existsSync(join(buildDir, 'index.html'))) {
		throw new Error(
			`No built app in ${buildDir}: run \`npx vite build\` before the browser tests.`
		);
	}
	const dataDir = mkdtempSync(join(tmpdir(), 'app-server-'));
	const store = new SqliteStore(dataDir);
	await seedDemoSchool(store);
	await store.close();
	return RelayProcess.start({ dataDir, env: { RELAY_STATIC_DIR: buildDir, ...env } });
}

/** A sign-in link for one person of the demo school. */
export function signInUrl(
	relay: RelayProcess,
	role: Role,
	person: string,
	device = `device-${person}`
): string {
	const token = relay.token({
		sub: person,
		school: DEMO_SCHOOL_ID,
		role,
		device,
		exp: Math.floor(Date.now() / 1000) + 7 * 86400
	});
	return `${relay.httpUrl}/signin?token=${token}`;
}
