import { accessFor, emptyRosterIndex, type Access, type Claims } from '$lib/shared/access';

/** A student as the device's roster projection records them, with their tutor. */
export interface KnownStudent {
	id: string;
	tutorId: string;
}

/**
 * Decides, before the document is opened, what this device may do with a student's
 * trajectory. The relay decides again on every connection. This check keeps a device from
 * opening, offline, a trajectory the relay would reject, where edits would be lost.
 * A parent's device has no roster, so it may try to read, and the relay checks the child.
 * A tutor's device without the roster yet (before its first sync) may try too.
 */
export function trajectoryAccessOnDevice(
	claims: Pick<Claims, 'sub' | 'school' | 'role'>,
	student: string,
	known: KnownStudent | undefined
): Access {
	if (claims.role === 'parent') return 'read';
	if (claims.role === 'tutor' && !known) return 'write';

	const roster = emptyRosterIndex();
	if (known) roster.tutorStudents.set(known.tutorId, new Set([known.id]));
	const full: Claims = { ...claims, device: '', exp: 0 };
	return accessFor(full, { kind: 'trajectory', school: claims.school, student }, roster);
}
