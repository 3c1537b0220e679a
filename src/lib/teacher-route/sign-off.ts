import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';
import type { EditSession } from '$lib/coedit';
import { AppError } from '$lib/shared/errors';
import { canonicalJson } from './canonical-json';
import { roadmapSectionIds } from './roadmap.schema';
import { readTeacherRoute } from './read-route';
import { routeSections } from './teacher-route.layout';
import type { SignOff, SignOffRole, TeacherRoute } from './teacher-route.schema';

/*
 * Sign-off of the route by the deputy director and the teacher. A signature records who
 * signed, when, and a SHA-256 fingerprint of the plan as it was then. The plan is every part
 * of the route except the completion marks, the signatures and the dismissed proposals.
 * Marking an activity done is how the signed route is carried out, so it keeps the signatures
 * valid, while any other change makes them outdated. An outdated signature stays in the
 * document as a record until the person signs again. The state is computed from the content
 * on every read, so replicas that merged the same edits agree on it without writing anything.
 * NOTE: the fingerprint detects change, it is not an electronic signature. The signer is
 * whoever the signing device's token names, and any writer of the route can change the record.
 */

export type SignOffState = 'missing' | 'valid' | 'outdated';

/** Computes the hex SHA-256 fingerprint of the route's plan, which signatures record. */
export function planFingerprint(route: TeacherRoute): string {
	const sections = Object.fromEntries(
		roadmapSectionIds.map((section) => [
			section,
			route.roadmap.sections[section].map(
				({ doneDate: _date, doneDocument: _document, ...row }) => row
			)
		])
	);
	const plan = {
		personal: route.personal,
		goal: route.goal,
		deficits: route.deficits,
		diagnostics: route.diagnostics,
		roadmap: { ...route.roadmap, sections },
		closing: route.closing
	};
	const hash = digest(encodeUtf8(canonicalJson(plan)));
	return Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function signOffState(route: TeacherRoute, role: SignOffRole): SignOffState {
	const signature = route.signatures[role];
	if (!signature) return 'missing';
	return signature.fingerprint === planFingerprint(route) ? 'valid' : 'outdated';
}

/** True when both the deputy director and the teacher signed the current plan. */
export function isSigned(route: TeacherRoute): boolean {
	return signOffState(route, 'deputy') === 'valid' && signOffState(route, 'teacher') === 'valid';
}

/**
 * Records the signature of the session's editor on the route as it is now. The deputy
 * director's slot takes a school administrator, the teacher's slot only the route's owner.
 * Signing again replaces the earlier record. Throws `room-forbidden` for anyone else and
 * `validation-failed` when the document has no route.
 */
export function signRoute(
	session: EditSession,
	role: SignOffRole,
	now: Date = new Date()
): SignOff {
	const { route } = readTeacherRoute(session.doc);
	if (!route.meta.teacherId) {
		throw new AppError('validation-failed', 'Маршрут ещё не создан, подписывать нечего.');
	}
	const signer = session.editor;
	const allowed =
		role === 'deputy'
			? signer.role === 'admin'
			: signer.role === 'teacher' && signer.personId === route.meta.teacherId;
	if (!allowed) {
		const signerTitle = role === 'deputy' ? 'заместитель директора' : 'учитель, чей это маршрут';
		throw new AppError('room-forbidden', `Эту подпись ставит ${signerTitle}.`);
	}

	const signOff: SignOff = {
		personId: signer.personId,
		fullName: signer.name,
		signedAt: now.toISOString(),
		fingerprint: planFingerprint(route)
	};
	session.setValue(routeSections.signatures, 'records', role, signOff);
	return signOff;
}

/** Deletes a signature, e.g. when the route goes back for rework. */
export function withdrawSignature(session: EditSession, role: SignOffRole): boolean {
	return session.setValue(routeSections.signatures, 'records', role, undefined);
}
