import { database } from '$lib/storage/database';
import type { SchoolDatabase } from '$lib/storage/db';
import { connectToRelay } from '$lib/sync/connector';
import { LiveDocument } from '$lib/sync/live-document.svelte';
import { colourFor, type PresenceUser } from '$lib/sync/presence.svelte';
import { session } from '$lib/sync/session.svelte';
import { SyncEngine, type SyncCredentials } from '$lib/sync/sync-engine';
import { syncStatus } from '$lib/sync/sync-status.svelte';

/** The credentials the relay needs, or null before sign-in. */
export function currentCredentials(): SyncCredentials | null {
	if (!session.token || session.expired) return null;
	return { token: session.token, origin: session.relayOrigin, syncUrl: session.syncUrl };
}

let engine: SyncEngine | null = null;

export function syncEngine(): SyncEngine {
	engine ??= new SyncEngine({
		db: database(),
		status: syncStatus,
		connect: connectToRelay,
		credentials: currentCredentials
	});
	return engine;
}

async function presenceUser(db: SchoolDatabase): Promise<PresenceUser | null> {
	const claims = session.claims;
	if (!claims) return null;
	const person = (await db.people.get(claims.sub)) ?? (await db.students.get(claims.sub));
	return {
		personId: claims.sub,
		name: person?.fullName ?? claims.sub,
		role: claims.role,
		colour: colourFor(claims.sub)
	};
}

/** Opens a document for the screen: local state first, then the live connection. */
export async function openLive(id: string, title = ''): Promise<LiveDocument> {
	const db = database();
	const live = new LiveDocument(id);
	await live.open({
		db,
		engine: engine,
		status: syncStatus,
		connect: connectToRelay,
		credentials: currentCredentials(),
		me: await presenceUser(db),
		title
	});
	return live;
}
