import type Database from 'better-sqlite3';
import type { Role } from '../../src/lib/shared/access';
import type { MaybePromise } from '../persistence';

export interface SchoolRecord {
	school: string;
	name: string;
	createdAt: number;
}

export interface InvitationRecord {
	id: string;
	school: string;
	/** HMAC-SHA256 of the canonical code, keyed with the relay secret. */
	codeHash: Uint8Array;
	role: Role;
	person: string;
	/** The administrator who created it, or `cli` for the relay's command line. */
	createdBy: string;
	createdAt: number;
	expiresAt: number;
	usedAt: number | null;
	usedByDevice: string | null;
	cancelledAt: number | null;
}

export interface DeviceRecord {
	school: string;
	device: string;
	person: string;
	role: Role;
	source: 'code' | 'token';
	enrolledAt: number;
	lastSeenAt: number | null;
	revokedAt: number | null;
}

/**
 * Storage of schools, invitations and enrolled devices. Like DocumentStore, every method
 * may return a promise, so another database can replace SQLite. All times are ms.
 */
export interface EnrolmentStore {
	/** Stores a new school; returns false, changing nothing, when the id exists. */
	insertSchool(school: SchoolRecord): MaybePromise<boolean>;
	school(id: string): MaybePromise<SchoolRecord | null>;
	insertInvitation(invitation: InvitationRecord): MaybePromise<void>;
	invitationByCodeHash(codeHash: Uint8Array): MaybePromise<InvitationRecord | null>;
	/** Invitations of a school created at or after `sinceMs`, newest first. */
	invitationsOf(school: string, sinceMs: number): MaybePromise<InvitationRecord[]>;
	/**
	 * Cancels a pending invitation. Returns the invitation as it is afterwards (an already
	 * used one stays used), or null when the school has no invitation with that id.
	 */
	cancelInvitation(school: string, id: string, atMs: number): MaybePromise<InvitationRecord | null>;
	/**
	 * Marks the invitation used by `device.device` and stores the device with its refresh
	 * hash, replacing an earlier enrolment of that device, in one transaction. Returns false,
	 * changing nothing, when the invitation was used or cancelled meanwhile.
	 */
	redeemInvitation(
		id: string,
		device: DeviceRecord,
		refreshHash: Uint8Array
	): MaybePromise<boolean>;
	deviceByRefreshHash(refreshHash: Uint8Array): MaybePromise<DeviceRecord | null>;
	device(school: string, device: string): MaybePromise<DeviceRecord | null>;
	/** Devices of a school, most recently enrolled first. */
	devicesOf(school: string): MaybePromise<DeviceRecord[]>;
	/** Records that a device connected; a device not yet known is added with its claims. */
	markDeviceSeen(device: DeviceRecord, atMs: number): MaybePromise<void>;
	/** Marks a known device revoked; returns it afterwards, or null when it is unknown. */
	markDeviceRevoked(
		school: string,
		device: string,
		atMs: number
	): MaybePromise<DeviceRecord | null>;
}

interface InvitationRow {
	id: string;
	school: string;
	code_hash: Buffer;
	role: Role;
	person: string;
	created_by: string;
	created_at: number;
	expires_at: number;
	used_at: number | null;
	used_by_device: string | null;
	cancelled_at: number | null;
}

interface DeviceRow {
	school: string;
	device: string;
	person: string;
	role: Role;
	source: 'code' | 'token';
	enrolled_at: number;
	last_seen_at: number | null;
	revoked_at: number | null;
}

function toInvitation(row: InvitationRow | undefined): InvitationRecord | null {
	if (!row) return null;
	return {
		id: row.id,
		school: row.school,
		codeHash: new Uint8Array(row.code_hash),
		role: row.role,
		person: row.person,
		createdBy: row.created_by,
		createdAt: row.created_at,
		expiresAt: row.expires_at,
		usedAt: row.used_at,
		usedByDevice: row.used_by_device,
		cancelledAt: row.cancelled_at
	};
}

function toDevice(row: DeviceRow | undefined): DeviceRecord | null {
	if (!row) return null;
	return {
		school: row.school,
		device: row.device,
		person: row.person,
		role: row.role,
		source: row.source,
		enrolledAt: row.enrolled_at,
		lastSeenAt: row.last_seen_at,
		revokedAt: row.revoked_at
	};
}

const deviceColumns = 'school, device, person, role, source, enrolled_at, last_seen_at, revoked_at';

function prepareStatements(db: Database.Database) {
	return {
		insertSchool: db.prepare(
			'INSERT INTO schools (school, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'
		),
		school: db.prepare('SELECT school, name, created_at FROM schools WHERE school = ?'),
		insertInvitation: db.prepare(
			`INSERT INTO invitations (id, school, code_hash, role, person, created_by, created_at, expires_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
		),
		invitationByHash: db.prepare('SELECT * FROM invitations WHERE code_hash = ?'),
		invitation: db.prepare('SELECT * FROM invitations WHERE school = ? AND id = ?'),
		invitationsOf: db.prepare(
			'SELECT * FROM invitations WHERE school = ? AND created_at >= ? ORDER BY created_at DESC, id'
		),
		cancelInvitation: db.prepare(
			`UPDATE invitations SET cancelled_at = ?
			 WHERE school = ? AND id = ? AND used_at IS NULL AND cancelled_at IS NULL`
		),
		useInvitation: db.prepare(
			`UPDATE invitations SET used_at = ?, used_by_device = ?
			 WHERE id = ? AND used_at IS NULL AND cancelled_at IS NULL`
		),
		enrolDevice: db.prepare(
			`INSERT INTO devices (${deviceColumns}, refresh_hash) VALUES (?, ?, ?, ?, 'code', ?, ?, NULL, ?)
			 ON CONFLICT (school, device) DO UPDATE SET person = excluded.person, role = excluded.role,
			 source = 'code', enrolled_at = excluded.enrolled_at, last_seen_at = excluded.last_seen_at,
			 revoked_at = NULL, refresh_hash = excluded.refresh_hash`
		),
		deviceByRefreshHash: db.prepare(`SELECT ${deviceColumns} FROM devices WHERE refresh_hash = ?`),
		device: db.prepare(`SELECT ${deviceColumns} FROM devices WHERE school = ? AND device = ?`),
		devicesOf: db.prepare(
			`SELECT ${deviceColumns} FROM devices WHERE school = ? ORDER BY enrolled_at DESC, device`
		),
		markSeen: db.prepare(
			`INSERT INTO devices (${deviceColumns}) VALUES (?, ?, ?, ?, 'token', ?, ?, NULL)
			 ON CONFLICT (school, device) DO UPDATE SET last_seen_at = excluded.last_seen_at`
		),
		markRevoked: db.prepare('UPDATE devices SET revoked_at = ? WHERE school = ? AND device = ?')
	};
}

/** The SQLite EnrolmentStore, sharing the relay's database connection. */
export class SqliteEnrolmentStore implements EnrolmentStore {
	private readonly statements: ReturnType<typeof prepareStatements>;

	constructor(private readonly db: Database.Database) {
		this.statements = prepareStatements(db);
	}

	insertSchool(school: SchoolRecord): boolean {
		return (
			this.statements.insertSchool.run(school.school, school.name, school.createdAt).changes > 0
		);
	}

	school(id: string): SchoolRecord | null {
		const row = this.statements.school.get(id) as
			{ school: string; name: string; created_at: number } | undefined;
		return row ? { school: row.school, name: row.name, createdAt: row.created_at } : null;
	}

	insertInvitation(invitation: InvitationRecord): void {
		this.statements.insertInvitation.run(
			invitation.id,
			invitation.school,
			invitation.codeHash,
			invitation.role,
			invitation.person,
			invitation.createdBy,
			invitation.createdAt,
			invitation.expiresAt
		);
	}

	invitationByCodeHash(codeHash: Uint8Array): InvitationRecord | null {
		return toInvitation(
			this.statements.invitationByHash.get(codeHash) as InvitationRow | undefined
		);
	}

	invitationsOf(school: string, sinceMs: number): InvitationRecord[] {
		const rows = this.statements.invitationsOf.all(school, sinceMs) as InvitationRow[];
		return rows.map((row) => toInvitation(row) as InvitationRecord);
	}

	cancelInvitation(school: string, id: string, atMs: number): InvitationRecord | null {
		const cancel = this.db.transaction(() => {
			this.statements.cancelInvitation.run(atMs, school, id);
			return toInvitation(this.statements.invitation.get(school, id) as InvitationRow | undefined);
		});
		return cancel.immediate();
	}

	redeemInvitation(id: string, device: DeviceRecord, refreshHash: Uint8Array): boolean {
		const redeem = this.db.transaction(() => {
			const used = this.statements.useInvitation.run(device.enrolledAt, device.device, id);
			if (used.changes === 0) return false;
			this.statements.enrolDevice.run(
				device.school,
				device.device,
				device.person,
				device.role,
				device.enrolledAt,
				device.lastSeenAt,
				refreshHash
			);
			return true;
		});
		return redeem.immediate();
	}

	deviceByRefreshHash(refreshHash: Uint8Array): DeviceRecord | null {
		return toDevice(this.statements.deviceByRefreshHash.get(refreshHash) as DeviceRow | undefined);
	}

	device(school: string, device: string): DeviceRecord | null {
		return toDevice(this.statements.device.get(school, device) as DeviceRow | undefined);
	}

	devicesOf(school: string): DeviceRecord[] {
		const rows = this.statements.devicesOf.all(school) as DeviceRow[];
		return rows.map((row) => toDevice(row) as DeviceRecord);
	}

	markDeviceSeen(device: DeviceRecord, atMs: number): void {
		this.statements.markSeen.run(
			device.school,
			device.device,
			device.person,
			device.role,
			device.enrolledAt,
			atMs
		);
	}

	markDeviceRevoked(school: string, device: string, atMs: number): DeviceRecord | null {
		const revoke = this.db.transaction(() => {
			this.statements.markRevoked.run(atMs, school, device);
			return this.device(school, device);
		});
		return revoke.immediate();
	}
}
