/**
 * The device token format, shared by the app and the relay:
 * `base64url(JSON claims) + "." + base64url(HMAC-SHA256(secret, first part))`.
 *
 * This module only encodes and decodes; it never verifies a signature, so it runs in the
 * browser without the secret. The relay verifies with node:crypto before trusting a claim.
 */
import { z } from 'zod';
import { roles, type Claims } from './access';

/** Claims as carried in a token: the access claims plus the issue time. */
export interface TokenClaims extends Claims {
	/** Issue time, seconds since the epoch. Revoking a device rejects tokens issued up to then. */
	iat: number;
}

/** Ids inside a token become segments of document ids, so they share that alphabet. */
const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const secondsSchema = z.number().int().nonnegative();

export const tokenClaimsSchema = z.object({
	sub: idSchema,
	school: idSchema,
	role: z.enum(roles),
	device: idSchema,
	exp: secondsSchema,
	iat: secondsSchema
});

export function encodeBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes unpadded base64url, or returns null when the text is not base64url. */
export function decodeBase64Url(text: string): Uint8Array | null {
	if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
	const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
	const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
	return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Encodes the claims as the first, signed part of a token. */
export function encodeTokenPayload(claims: TokenClaims): string {
	const valid = tokenClaimsSchema.parse(claims);
	return encodeBase64Url(new TextEncoder().encode(JSON.stringify(valid)));
}

/** Splits a token into its payload and signature parts, or returns null for another shape. */
export function splitToken(token: string): { payload: string; signature: string } | null {
	const parts = token.split('.');
	if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return null;
	return { payload: parts[0], signature: parts[1] };
}

/** Parses the payload part of a token, or returns null when it is not valid claims. */
export function decodeTokenPayload(payload: string): TokenClaims | null {
	const bytes = decodeBase64Url(payload);
	if (!bytes) return null;
	try {
		const parsed = tokenClaimsSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

/**
 * Reads the claims of a token without verifying its signature, or returns null when the
 * token is malformed. Good for showing who is signed in and when the token expires; never
 * for deciding access.
 */
export function decodeToken(token: string): TokenClaims | null {
	const parts = splitToken(token);
	return parts ? decodeTokenPayload(parts.payload) : null;
}

/** True when the token's expiry is at or before `nowMs` (milliseconds since the epoch). */
export function isTokenExpired(claims: Pick<TokenClaims, 'exp'>, nowMs = Date.now()): boolean {
	return claims.exp * 1000 <= nowMs;
}
