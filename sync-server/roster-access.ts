import type { Role, RosterIndex } from '../src/lib/shared/access';
import { formatDocId } from '../src/lib/shared/doc-ids';
import type { Logger } from '../src/lib/shared/logger';
import { buildRosterIndex, readRoster } from '../src/lib/roster/roster.ydoc';
import type { RoomRegistry } from './rooms';

/**
 * Roles whose rights depend on who tutors, teaches or parents whom. The rights of the
 * other roles follow from the token alone (an administrator's school, a student's own
 * trajectory, a teacher's own route), so their connections never load a roster.
 */
const rosterRoles: ReadonlySet<Role> = new Set(['tutor', 'teacher', 'parent']);

export function needsRoster(role: Role): boolean {
	return rosterRoles.has(role);
}

/**
 * Access relations per school, built from the relay's own stored `{school}/roster`
 * document. An index is rebuilt when the roster's version (its update sequence number)
 * differs from the one it was built from.
 */
export class RosterAccess {
	private readonly cache = new Map<string, { version: number; index: RosterIndex }>();

	constructor(
		private readonly rooms: RoomRegistry,
		private readonly log: Logger
	) {}

	async indexFor(school: string): Promise<RosterIndex> {
		const room = this.rooms.acquire(formatDocId({ kind: 'roster', school }));
		try {
			await room.ready;
			const cached = this.cache.get(school);
			if (cached && cached.version === room.version) return cached.index;

			const { roster, invalid } = readRoster(room.doc);
			if (invalid.length > 0) {
				this.log.warn('roster-entries-invalid', {
					school,
					count: invalid.length,
					entries: invalid.slice(0, 20)
				});
			}
			const index = buildRosterIndex(roster);
			this.cache.set(school, { version: room.version, index });
			return index;
		} finally {
			room.release();
		}
	}
}
