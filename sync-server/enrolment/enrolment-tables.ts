/**
 * The tables of schools, invitations and enrolled devices, added by schema version 2 of
 * the relay's database. Times are milliseconds since the epoch. Codes and refresh tokens
 * are stored only as HMAC-SHA256 digests keyed with the relay secret, so a copy of the
 * database without the secret reveals neither.
 *
 * Statements are idempotent (IF NOT EXISTS), so a relay and a CLI that open an old
 * database at the same moment can both run them.
 */
export const enrolmentTables = `
CREATE TABLE IF NOT EXISTS schools (
	school TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS invitations (
	id TEXT PRIMARY KEY,
	school TEXT NOT NULL,
	code_hash BLOB NOT NULL UNIQUE,
	role TEXT NOT NULL,
	person TEXT NOT NULL,
	created_by TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_at INTEGER,
	used_by_device TEXT,
	cancelled_at INTEGER
);
CREATE INDEX IF NOT EXISTS invitations_by_school ON invitations (school, created_at);
CREATE TABLE IF NOT EXISTS devices (
	school TEXT NOT NULL,
	device TEXT NOT NULL,
	person TEXT NOT NULL,
	role TEXT NOT NULL,
	source TEXT NOT NULL,
	refresh_hash BLOB UNIQUE,
	enrolled_at INTEGER NOT NULL,
	last_seen_at INTEGER,
	revoked_at INTEGER,
	PRIMARY KEY (school, device)
);
`;
