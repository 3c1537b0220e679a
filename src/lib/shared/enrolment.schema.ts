/**
 * Request and response bodies of the relay's enrolment API, shared by the app and the relay
 * so both sides validate the same shapes. Times are milliseconds since the epoch, except
 * inside tokens, which keep seconds.
 *
 *   POST /api/enrol              { code, device }            → credentials
 *   POST /api/refresh            { device, refreshToken }    → { accessToken }
 *   GET  /api/invitations        (admin)                     → { invitations }
 *   POST /api/invitations        (admin) { role, person, validForHours } → created invitation
 *   POST /api/invitations/cancel (admin) { id }              → { invitation }
 *   GET  /api/devices            (admin)                     → { devices }
 *   POST /api/devices/revoke     (admin) { device }          → { device, connectionsClosed }
 *
 * Errors are `{ reason, message, field? }` with an HTTP 4xx status.
 */
import { z } from 'zod';
import { roles } from './access';
import { tokenClaimsSchema } from './token';

const idSchema = tokenClaimsSchema.shape.device;
const timeSchema = z.number().int().nonnegative();

/** An invitation is valid for at most this many hours (30 days). */
export const maxInvitationHours = 30 * 24;

/** Roles an administrator may invite. A municipal organiser belongs to no school. */
export const invitableRoles = roles.filter((role) => role !== 'municipal');

export const enrolRequestSchema = z.object({
	code: z.string().min(1).max(40),
	device: idSchema
});

export const credentialsSchema = z.object({
	accessToken: z.string().min(1),
	refreshToken: z.string().min(1),
	school: z.object({ id: idSchema, name: z.string() })
});

export const refreshRequestSchema = z.object({
	device: idSchema,
	refreshToken: z.string().min(1).max(200)
});

export const refreshResponseSchema = z.object({ accessToken: z.string().min(1) });

export const invitationRequestSchema = z.object({
	role: z
		.enum(roles)
		.refine((role) => role !== 'municipal', 'a school cannot invite a municipal organiser'),
	person: idSchema,
	validForHours: z.number().int().min(1).max(maxInvitationHours)
});

export const invitationStates = ['pending', 'used', 'expired', 'cancelled'] as const;

export const invitationSchema = z.object({
	id: idSchema,
	role: z.enum(roles),
	person: idSchema,
	createdBy: idSchema,
	createdAt: timeSchema,
	expiresAt: timeSchema,
	state: z.enum(invitationStates),
	/** When the code was redeemed, and by which device. */
	usedAt: timeSchema.nullable(),
	device: idSchema.nullable()
});

export const createdInvitationSchema = z.object({
	invitation: invitationSchema,
	/** The code in canonical form; the relay keeps only its HMAC, so it is shown this once. */
	code: z.string()
});

export const invitationListSchema = z.object({ invitations: z.array(invitationSchema) });

export const cancelInvitationRequestSchema = z.object({ id: idSchema });

export const cancelInvitationResponseSchema = z.object({ invitation: invitationSchema });

export const deviceSchema = z.object({
	device: idSchema,
	person: idSchema,
	role: z.enum(roles),
	/** `code` for a redeemed invitation, `token` for a device first seen with a CLI token. */
	source: z.enum(['code', 'token']),
	enrolledAt: timeSchema,
	lastSeenAt: timeSchema.nullable(),
	revokedAt: timeSchema.nullable()
});

export const deviceListSchema = z.object({ devices: z.array(deviceSchema) });

export const revokeRequestSchema = z.object({ device: idSchema });

export const revokeResponseSchema = z.object({
	device: deviceSchema,
	connectionsClosed: z.number().int().nonnegative()
});

export type EnrolRequest = z.infer<typeof enrolRequestSchema>;
export type Credentials = z.infer<typeof credentialsSchema>;
export type InvitationRequest = z.infer<typeof invitationRequestSchema>;
export type Invitation = z.infer<typeof invitationSchema>;
export type InvitationState = Invitation['state'];
export type CreatedInvitation = z.infer<typeof createdInvitationSchema>;
export type EnrolledDevice = z.infer<typeof deviceSchema>;
