import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ReasonCode } from '../../src/lib/shared/errors';
import {
	decodeBase64Url,
	decodeTokenPayload,
	encodeBase64Url,
	encodeTokenPayload,
	splitToken,
	type TokenClaims
} from '../../src/lib/shared/token';

export type TokenRejection = Extract<
	ReasonCode,
	'token-missing' | 'token-invalid' | 'token-expired'
>;

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: TokenRejection };

function hmac(secret: string, payload: string): Buffer {
	return createHmac('sha256', secret).update(payload).digest();
}

/** Signs the claims with HMAC-SHA256 into the token format of src/lib/shared/token.ts. */
export function signToken(claims: TokenClaims, secret: string): string {
	const payload = encodeTokenPayload(claims);
	return `${payload}.${encodeBase64Url(hmac(secret, payload))}`;
}

/**
 * Verifies a token's signature and expiry. The signature is checked before the claims are
 * parsed, and compared in constant time so its bytes cannot be guessed from timing.
 */
export function verifyToken(
	token: string | null | undefined,
	secret: string,
	nowSeconds = Math.floor(Date.now() / 1000)
): TokenCheck {
	if (!token) return { ok: false, reason: 'token-missing' };
	const parts = splitToken(token);
	const signature = parts ? decodeBase64Url(parts.signature) : null;
	if (!parts || !signature) return { ok: false, reason: 'token-invalid' };

	const expected = hmac(secret, parts.payload);
	if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
		return { ok: false, reason: 'token-invalid' };
	}
	const claims = decodeTokenPayload(parts.payload);
	if (!claims) return { ok: false, reason: 'token-invalid' };
	if (claims.exp <= nowSeconds) return { ok: false, reason: 'token-expired' };
	return { ok: true, claims };
}
