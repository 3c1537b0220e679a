import type {
	CreatedInvitation,
	EnrolledDevice,
	Invitation,
	InvitationRequest
} from '$lib/shared/enrolment.schema';
import { AppError } from '$lib/shared/errors';
import { EnrolmentAdminClient } from '$lib/sync/enrolment-client';
import type { Session } from '$lib/sync/session.svelte';

/** An invitation created on this page, with its code, which the relay cannot show again. */
export interface ShownInvitation extends CreatedInvitation {
	/** The person's name from the roster, or their id. */
	name: string;
}

/**
 * The administrator's view of the school's invitations and devices. Codes created here
 * live only in this object: leaving the page drops them, and the relay keeps only their
 * HMAC, so a lost code is replaced by a new invitation.
 */
export class DeviceAdmin {
	#invitations = $state.raw<Invitation[]>([]);
	#devices = $state.raw<EnrolledDevice[]>([]);
	#shown = $state.raw<ShownInvitation[]>([]);
	#loaded = $state(false);
	#busy = $state(false);

	constructor(
		private readonly session: Pick<Session, 'token' | 'relayOrigin' | 'claims'>,
		private readonly fetchFn?: typeof fetch
	) {}

	get invitations(): Invitation[] {
		return this.#invitations;
	}

	/** Invitations not yet used, expired or cancelled. */
	get pending(): Invitation[] {
		return this.#invitations.filter((invitation) => invitation.state === 'pending');
	}

	get devices(): EnrolledDevice[] {
		return this.#devices;
	}

	/** Invitations created on this page, newest first. */
	get shown(): ShownInvitation[] {
		return this.#shown;
	}

	get loaded(): boolean {
		return this.#loaded;
	}

	get busy(): boolean {
		return this.#busy;
	}

	/** The device this page runs on, which cannot revoke itself. */
	get ownDevice(): string | null {
		return this.session.claims?.device ?? null;
	}

	async load(): Promise<void> {
		const client = this.#client();
		const [invitations, devices] = await Promise.all([client.invitations(), client.devices()]);
		this.#invitations = invitations;
		this.#devices = devices;
		this.#loaded = true;
	}

	async invite(request: InvitationRequest, name: string): Promise<ShownInvitation> {
		const created = await this.#run(() => this.#client().invite(request));
		const shown = { ...created, name };
		this.#shown = [shown, ...this.#shown];
		this.#invitations = [created.invitation, ...this.#invitations];
		return shown;
	}

	async cancel(id: string): Promise<void> {
		const cancelled = await this.#run(() => this.#client().cancel(id));
		this.#invitations = this.#invitations.map((item) => (item.id === id ? cancelled : item));
		this.#shown = this.#shown.filter((item) => item.invitation.id !== id);
	}

	/** Revokes a device; the relay closes its connections at once. */
	async revoke(device: string): Promise<number> {
		const { device: revoked, connectionsClosed } = await this.#run(() =>
			this.#client().revoke(device)
		);
		this.#devices = this.#devices.map((item) => (item.device === device ? revoked : item));
		return connectionsClosed;
	}

	async #run<T>(step: () => Promise<T>): Promise<T> {
		this.#busy = true;
		try {
			return await step();
		} finally {
			this.#busy = false;
		}
	}

	#client(): EnrolmentAdminClient {
		const token = this.session.token;
		if (!token) throw new AppError('token-missing');
		return new EnrolmentAdminClient(this.session.relayOrigin, token, this.fetchFn);
	}
}
