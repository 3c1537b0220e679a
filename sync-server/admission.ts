import {
	accessFor,
	emptyRosterIndex,
	type Access,
	type RosterIndex
} from '../src/lib/shared/access';
import { parseDocId, type DocRef } from '../src/lib/shared/doc-ids';
import type { TokenClaims } from '../src/lib/shared/token';
import { verifyToken, type TokenRejection } from './auth/token';
import type { DocumentStore } from './persistence';
import { needsRoster, type RosterAccess } from './roster-access';

export interface AdmissionDeps {
	secret: string;
	store: DocumentStore;
	rosterAccess: RosterAccess;
	/** Called with the claims of every token that passes, e.g. to note when a device was seen. */
	onAuthenticated?(claims: TokenClaims): void;
}

export type Authentication =
	{ ok: true; claims: TokenClaims } | { ok: false; reason: TokenRejection | 'token-revoked' };

export type Admission =
	| { ok: true; claims: TokenClaims; ref: DocRef; access: Exclude<Access, 'none'> }
	| { ok: false; reason: TokenRejection | 'token-revoked' | 'room-invalid' | 'room-forbidden' };

/**
 * Verifies a token and checks that its device was not revoked after the token was issued.
 * A device enrolled again after revocation gets a newer token, which passes.
 */
export async function authenticate(
	token: string | null | undefined,
	deps: AdmissionDeps
): Promise<Authentication> {
	const check = verifyToken(token, deps.secret);
	if (!check.ok) return check;
	const revokedAt = await deps.store.deviceRevokedAt(check.claims.school, check.claims.device);
	if (revokedAt !== null && check.claims.iat <= revokedAt) {
		return { ok: false, reason: 'token-revoked' };
	}
	deps.onAuthenticated?.(check.claims);
	return check;
}

/** The roster relations the rights of `claims` depend on; empty for roles that need none. */
export async function rosterFor(claims: TokenClaims, deps: AdmissionDeps): Promise<RosterIndex> {
	return needsRoster(claims.role)
		? await deps.rosterAccess.indexFor(claims.school)
		: emptyRosterIndex();
}

/**
 * Decides a WebSocket connection to `docId` before anything of the document is sent:
 * the token first, so a client without one learns nothing about document ids.
 */
export async function admit(
	request: { docId: string | null; token: string | null },
	deps: AdmissionDeps
): Promise<Admission> {
	const auth = await authenticate(request.token, deps);
	if (!auth.ok) return auth;
	const ref = request.docId === null ? null : parseDocId(request.docId);
	if (!ref) return { ok: false, reason: 'room-invalid' };
	const access = accessFor(auth.claims, ref, await rosterFor(auth.claims, deps));
	if (access === 'none') return { ok: false, reason: 'room-forbidden' };
	return { ok: true, claims: auth.claims, ref, access };
}
