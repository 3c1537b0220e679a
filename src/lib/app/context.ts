import type { Editor } from '$lib/coedit/identity';
import * as Y from 'yjs';
import { formatDocId } from '$lib/shared/doc-ids';
import { database } from '$lib/storage/database';
import { readStoredState } from '$lib/storage/documents.repo';
import { connectToRelay } from '$lib/sync/connector';
import { LiveDocument } from '$lib/sync/live-document.svelte';
import { colourFor, type PresenceUser } from '$lib/sync/presence.svelte';
import { session } from '$lib/sync/session.svelte';
import { SyncEngine, type SyncCredentials } from '$lib/sync/sync-engine';
import { syncStatus } from '$lib/sync/sync-status.svelte';
import { followTokens } from '$lib/sync/token-following';
import { TokenRefresher } from '$lib/sync/token-refresh';

/** Connections that take each refreshed access token for their next connect. */
const connector = followTokens(connectToRelay, (listener) => session.onTokenChange(listener));

/**
 * Returns the credentials the relay needs, or null before sign-in. An expired token is still
 * returned while a refresh can replace it, so that the screen's connection follows the
 * refreshed token instead of staying offline.
 */
export function currentCredentials(): SyncCredentials | null {
	if (!session.token || (session.expired && !session.refresh)) return null;
	return { token: session.token, origin: session.relayOrigin, syncUrl: session.syncUrl };
}

let engine: SyncEngine | null = null;

export function syncEngine(): SyncEngine {
	engine ??= new SyncEngine({
		db: database(),
		status: syncStatus,
		connect: connector,
		credentials: currentCredentials
	});
	return engine;
}

let refresher: TokenRefresher | null = null;

/** Refreshes an enrolled device's access token; sync restarts after each refresh. */
export function tokenRefresher(): TokenRefresher {
	refresher ??= new TokenRefresher({
		db: database(),
		session,
		status: syncStatus,
		onRefreshed: () => syncEngine().start(),
		onRejected: () => syncEngine().stop()
	});
	return refresher;
}

/** Returns the signed-in person as an editor, named from the roster where the device has one. */
export async function currentEditor(): Promise<Editor | null> {
	const claims = session.claims;
	if (!claims) return null;
	const db = database();
	const person = (await db.people.get(claims.sub)) ?? (await db.students.get(claims.sub));
	const name = person?.fullName ?? (await trajectoryStudentName(claims.school, claims.sub));
	return { personId: claims.sub, name: name ?? claims.sub, role: claims.role };
}

/**
 * Reads a student's name from their trajectory, where the tutor's device wrote it when the
 * trajectory was set up. Students' and parents' devices receive no roster, so this is how
 * they name the student.
 */
export async function trajectoryStudentName(
	school: string,
	student: string
): Promise<string | null> {
	const id = formatDocId({ kind: 'trajectory', school, student });
	if (!(await database().documents.get(id))) return null;
	const doc = new Y.Doc();
	Y.applyUpdateV2(doc, await readStoredState(database(), id));
	const name = doc.getMap('meta/fields').get('studentName');
	doc.destroy();
	return typeof name === 'string' && name !== '' ? name : null;
}

async function presenceUser(): Promise<PresenceUser | null> {
	const editor = await currentEditor();
	return editor && { ...editor, colour: colourFor(editor.personId) };
}

/** Opens a document for the screen: local state first, then the live connection. */
export async function openLive(id: string, title = ''): Promise<LiveDocument> {
	const db = database();
	const live = new LiveDocument(id);
	await live.open({
		db,
		engine: engine,
		status: syncStatus,
		connect: connector,
		credentials: currentCredentials(),
		me: await presenceUser(),
		title
	});
	return live;
}
