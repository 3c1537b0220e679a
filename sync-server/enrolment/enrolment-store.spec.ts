import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFileName, schemaVersion, SqliteStore } from '../sqlite-store';
import type { DeviceRecord } from './enrolment-store';

const folders: string[] = [];

function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'enrolment-store-'));
	folders.push(dir);
	return dir;
}

afterEach(() => {
	for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Turns a fresh database back into schema version 1, as relays before enrolment left it. */
function downgradeToVersion1(dataDir: string): void {
	const db = new Database(join(dataDir, databaseFileName));
	db.exec('DROP TABLE schools; DROP TABLE invitations; DROP TABLE devices;');
	db.pragma('user_version = 1');
	db.close();
}

function device(overrides: Partial<DeviceRecord> = {}): DeviceRecord {
	return {
		school: 's1',
		device: 'tab-1',
		person: 'tutor1',
		role: 'tutor',
		source: 'code',
		enrolledAt: 1000,
		lastSeenAt: 1000,
		revokedAt: null,
		...overrides
	};
}

describe('enrolment tables', () => {
	it('are added to a version 1 database without touching its documents', () => {
		const dir = tempDir();
		const old = new SqliteStore(dir);
		old.appendUpdate('s1/plans', Uint8Array.from([0, 0]));
		old.revokeDevice('s1', 'tab-9', 500);
		old.close();
		downgradeToVersion1(dir);

		const store = new SqliteStore(dir);
		const inserted = store.enrolment.insertSchool({ school: 's1', name: 'Школа', createdAt: 1 });
		const loaded = store.loadDocument('s1/plans');
		const revokedAt = store.deviceRevokedAt('s1', 'tab-9');
		store.close();
		const db = new Database(join(dir, databaseFileName), { readonly: true });
		const version = db.pragma('user_version', { simple: true });
		db.close();

		expect(version).toBe(schemaVersion);
		expect(inserted).toBe(true);
		expect(loaded.version).toBe(1);
		expect(loaded.updates).toHaveLength(1);
		expect(revokedAt).toBe(500);
	});

	it('keep a code from being redeemed twice', () => {
		const store = new SqliteStore(tempDir());
		store.enrolment.insertInvitation({
			id: 'inv1',
			school: 's1',
			codeHash: new Uint8Array(32).fill(7),
			role: 'tutor',
			person: 'tutor1',
			createdBy: 'admin1',
			createdAt: 1000,
			expiresAt: 9000,
			usedAt: null,
			usedByDevice: null,
			cancelledAt: null
		});

		const first = store.enrolment.redeemInvitation('inv1', device(), new Uint8Array(32).fill(1));
		const second = store.enrolment.redeemInvitation(
			'inv1',
			device({ device: 'tab-2' }),
			new Uint8Array(32).fill(2)
		);
		const devices = store.enrolment.devicesOf('s1');
		store.close();

		expect(first).toBe(true);
		expect(second).toBe(false);
		expect(devices.map((row) => row.device)).toEqual(['tab-1']);
	});

	it('add a token device, then move only last-seen', () => {
		const store = new SqliteStore(tempDir());

		store.enrolment.markDeviceSeen(device({ source: 'token', enrolledAt: 2000 }), 2000);
		store.enrolment.markDeviceSeen(device({ person: 'other', enrolledAt: 3000 }), 3000);
		const seen = store.enrolment.device('s1', 'tab-1');
		store.close();

		expect(seen).toMatchObject({
			person: 'tutor1',
			source: 'token',
			enrolledAt: 2000,
			lastSeenAt: 3000
		});
	});
});
