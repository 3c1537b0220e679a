import { accessFor, emptyRosterIndex, type Access, type Claims } from '$lib/shared/access';
import type { KnownStudent } from '$lib/trajectory/components/sections/device-access';

/**
 * Decides, before the tutor's diary about a student is opened, what this device may do with
 * it. The relay decides again on every connection. Students and parents are never given the
 * diary, so their devices do not even create it locally. A tutor's device without the roster
 * yet (before its first sync) may try, and the relay checks the tutor.
 */
export function diaryAccessOnDevice(
	claims: Pick<Claims, 'sub' | 'school' | 'role'>,
	student: string,
	known: KnownStudent | undefined
): Access {
	if (claims.role === 'tutor' && !known) return 'write';

	const roster = emptyRosterIndex();
	if (known) roster.tutorStudents.set(known.tutorId, new Set([known.id]));
	const full: Claims = { ...claims, device: '', exp: 0 };
	return accessFor(full, { kind: 'diary', school: claims.school, student }, roster);
}
