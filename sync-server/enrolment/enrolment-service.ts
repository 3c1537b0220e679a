import type { Role } from '../../src/lib/shared/access';
import { normaliseCode } from '../../src/lib/shared/enrolment-code';
import type {
	CreatedInvitation,
	Credentials,
	EnrolledDevice,
	Invitation,
	InvitationRequest,
	InvitationState
} from '../../src/lib/shared/enrolment.schema';
import type { ReasonCode } from '../../src/lib/shared/errors';
import type { TokenClaims } from '../../src/lib/shared/token';
import { signToken } from '../auth/token';
import type { DocumentStore } from '../persistence';
import type { DeviceRecord, EnrolmentStore, InvitationRecord } from './enrolment-store';
import {
	codeDigest,
	generateCode,
	generateId,
	generateRefreshToken,
	refreshDigest
} from './secrets';

export type EnrolmentRejection = Extract<
	ReasonCode,
	| 'code-invalid'
	| 'code-expired'
	| 'code-used'
	| 'code-cancelled'
	| 'token-invalid'
	| 'token-revoked'
	| 'refresh-expired'
	| 'school-not-found'
	| 'device-not-found'
	| 'device-self'
	| 'invitation-not-found'
>;

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: EnrolmentRejection };

export interface EnrolmentServiceOptions {
	store: EnrolmentStore;
	/** The relay's revocation list, which every token check reads. */
	revocations: Pick<DocumentStore, 'deviceRevokedAt' | 'revokeDevice'>;
	secret: string;
	/** Lifetime of an access token in seconds. */
	accessTokenSeconds: number;
	/** A refresh token no longer works after this many ms without the device connecting. */
	refreshIdleMs: number;
	now?: () => number;
}

/** Used, expired and cancelled invitations stay in the list this long. */
const invitationHistoryMs = 30 * 24 * 60 * 60 * 1000;
/** A device's last-seen time is written at most this often. */
const seenWriteIntervalMs = 60_000;

function rejected(reason: EnrolmentRejection): { ok: false; reason: EnrolmentRejection } {
	return { ok: false, reason };
}

/**
 * Enrolment of devices: invitation codes, their redemption for an access token and a
 * refresh token bound to the device, refreshes, the device list and revocation.
 *
 * The refresh token is not rotated on use. A tablet on a flaky network may lose the
 * response to a refresh, and a rotated token would then lock it out until it is invited
 * again. Revocation ends a refresh token instead.
 */
export class EnrolmentService {
	private readonly now: () => number;
	private readonly seenWrittenAt = new Map<string, number>();

	constructor(private readonly options: EnrolmentServiceOptions) {
		this.now = options.now ?? (() => Date.now());
	}

	/** Registers a school; returns false when the id is taken. */
	async registerSchool(school: string, name: string): Promise<boolean> {
		return await this.options.store.insertSchool({ school, name, createdAt: this.now() });
	}

	async createInvitation(
		school: string,
		createdBy: string,
		request: InvitationRequest
	): Promise<Outcome<CreatedInvitation>> {
		if (!(await this.options.store.school(school))) return rejected('school-not-found');
		const { record, code } = newInvitation(
			school,
			createdBy,
			request,
			this.options.secret,
			this.now()
		);
		await this.options.store.insertInvitation(record);
		return { ok: true, value: { invitation: describeInvitation(record, this.now()), code } };
	}

	/** Redeems a code typed or scanned on `device`; a code redeems once and only once. */
	async redeem(codeInput: string, device: string): Promise<Outcome<Credentials>> {
		const { store, secret } = this.options;
		const code = normaliseCode(codeInput);
		if (!code) return rejected('code-invalid');
		const invitation = await store.invitationByCodeHash(codeDigest(secret, code));
		if (!invitation) return rejected('code-invalid');
		const state = stateOf(invitation, this.now());
		if (state !== 'pending') return rejected(`code-${state}`);
		// A municipality invited from the CLI has no school record, so its id is its name.
		const school = (await store.school(invitation.school)) ?? {
			school: invitation.school,
			name: invitation.school
		};

		const refreshToken = generateRefreshToken();
		const now = this.now();
		const record: DeviceRecord = {
			school: invitation.school,
			device,
			person: invitation.person,
			role: invitation.role,
			source: 'code',
			enrolledAt: now,
			lastSeenAt: now,
			revokedAt: null
		};
		const redeemed = await store.redeemInvitation(
			invitation.id,
			record,
			refreshDigest(secret, refreshToken)
		);
		// Another request redeemed or cancelled the code between the read and the write.
		if (!redeemed) return rejected('code-used');
		return {
			ok: true,
			value: {
				accessToken: await this.issueAccessToken(record),
				refreshToken,
				school: { id: school.school, name: school.name }
			}
		};
	}

	/** Issues a new access token to the device that presents `refreshToken`. */
	async refresh(device: string, refreshToken: string): Promise<Outcome<{ accessToken: string }>> {
		const { store, secret, refreshIdleMs } = this.options;
		const record = await store.deviceByRefreshHash(refreshDigest(secret, refreshToken));
		// A refresh token presented by another device is treated as unknown.
		if (!record || record.device !== device) return rejected('token-invalid');
		if (record.revokedAt !== null) return rejected('token-revoked');
		const now = this.now();
		const lastActive = Math.max(record.enrolledAt, record.lastSeenAt ?? 0);
		if (now - lastActive > refreshIdleMs) return rejected('refresh-expired');

		await store.markDeviceSeen(record, now);
		this.seenWrittenAt.set(`${record.school}/${record.device}`, now);
		return { ok: true, value: { accessToken: await this.issueAccessToken(record) } };
	}

	async listInvitations(school: string): Promise<Invitation[]> {
		const records = await this.options.store.invitationsOf(
			school,
			this.now() - invitationHistoryMs
		);
		const now = this.now();
		return records.map((record) => describeInvitation(record, now));
	}

	async cancelInvitation(school: string, id: string): Promise<Outcome<Invitation>> {
		const record = await this.options.store.cancelInvitation(school, id, this.now());
		if (!record) return rejected('invitation-not-found');
		return { ok: true, value: describeInvitation(record, this.now()) };
	}

	async listDevices(school: string): Promise<EnrolledDevice[]> {
		const records = await this.options.store.devicesOf(school);
		return records.map(describeDevice);
	}

	/**
	 * Revokes a device: every token issued to it until now is rejected, and so is its
	 * refresh token. The caller closes the device's open connections.
	 */
	async revoke(school: string, device: string, byDevice: string): Promise<Outcome<EnrolledDevice>> {
		if (device === byDevice) return rejected('device-self');
		const { store, revocations } = this.options;
		if (!(await store.device(school, device))) return rejected('device-not-found');
		const now = this.now();
		// Tokens dated one second ahead (see issueAccessToken) must fall under this revocation.
		const nowSeconds = Math.floor(now / 1000);
		const previous = await revocations.deviceRevokedAt(school, device);
		const revokedAt = previous !== null && previous >= nowSeconds ? previous + 1 : nowSeconds;
		await revocations.revokeDevice(school, device, revokedAt);
		const record = await store.markDeviceRevoked(school, device, now);
		if (!record) return rejected('device-not-found');
		return { ok: true, value: describeDevice(record) };
	}

	/**
	 * Records that a device connected with valid claims, at most once a minute per device.
	 * A device first seen with a token from the command line joins the device list here.
	 */
	async noteSeen(claims: TokenClaims): Promise<void> {
		const key = `${claims.school}/${claims.device}`;
		const now = this.now();
		const writtenAt = this.seenWrittenAt.get(key);
		if (writtenAt !== undefined && now - writtenAt < seenWriteIntervalMs) return;
		this.seenWrittenAt.set(key, now);
		await this.options.store.markDeviceSeen(
			{
				school: claims.school,
				device: claims.device,
				person: claims.sub,
				role: claims.role,
				source: 'token',
				enrolledAt: now,
				lastSeenAt: now,
				revokedAt: null
			},
			now
		);
	}

	/**
	 * Signs an access token for the device. Its issue time stays after the device's last
	 * revocation, because tokens issued up to that second are rejected. So a device invited
	 * again in the second it was revoked gets a token dated one second later.
	 */
	private async issueAccessToken(record: {
		school: string;
		device: string;
		person: string;
		role: Role;
	}): Promise<string> {
		const nowSeconds = Math.floor(this.now() / 1000);
		const revokedAt = await this.options.revocations.deviceRevokedAt(record.school, record.device);
		const iat = revokedAt !== null && revokedAt >= nowSeconds ? revokedAt + 1 : nowSeconds;
		const claims: TokenClaims = {
			sub: record.person,
			school: record.school,
			role: record.role,
			device: record.device,
			iat,
			exp: iat + this.options.accessTokenSeconds
		};
		return signToken(claims, this.options.secret);
	}
}

/**
 * Builds an invitation record and its code, valid from `nowMs` for the requested hours.
 * The record holds only the code's HMAC; the caller shows the code once.
 */
export function newInvitation(
	school: string,
	createdBy: string,
	request: { role: Role; person: string; validForHours: number },
	secret: string,
	nowMs: number
): { record: InvitationRecord; code: string } {
	const code = generateCode();
	const record: InvitationRecord = {
		id: generateId(),
		school,
		codeHash: codeDigest(secret, code),
		role: request.role,
		person: request.person,
		createdBy,
		createdAt: nowMs,
		expiresAt: nowMs + request.validForHours * 60 * 60 * 1000,
		usedAt: null,
		usedByDevice: null,
		cancelledAt: null
	};
	return { record, code };
}

function stateOf(record: InvitationRecord, nowMs: number): InvitationState {
	if (record.cancelledAt !== null) return 'cancelled';
	if (record.usedAt !== null) return 'used';
	if (record.expiresAt <= nowMs) return 'expired';
	return 'pending';
}

function describeInvitation(record: InvitationRecord, nowMs: number): Invitation {
	return {
		id: record.id,
		role: record.role,
		person: record.person,
		createdBy: record.createdBy,
		createdAt: record.createdAt,
		expiresAt: record.expiresAt,
		state: stateOf(record, nowMs),
		usedAt: record.usedAt,
		device: record.usedByDevice
	};
}

function describeDevice(record: DeviceRecord): EnrolledDevice {
	return {
		device: record.device,
		person: record.person,
		role: record.role,
		source: record.source,
		enrolledAt: record.enrolledAt,
		lastSeenAt: record.lastSeenAt,
		revokedAt: record.revokedAt
	};
}
