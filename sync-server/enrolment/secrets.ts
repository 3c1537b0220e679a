import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { codeAlphabet, codeLength } from '../../src/lib/shared/enrolment-code';

/** Generates an invitation code in canonical form, 50 bits from the OS's CSPRNG. */
export function generateCode(): string {
	let code = '';
	for (let i = 0; i < codeLength; i++) code += codeAlphabet[randomInt(codeAlphabet.length)];
	return code;
}

/** Generates a refresh token: 256 random bits in base64url. */
export function generateRefreshToken(): string {
	return randomBytes(32).toString('base64url');
}

/** Generates a record id that is also a valid id segment (12 base64url characters). */
export function generateId(): string {
	return randomBytes(9).toString('base64url');
}

/**
 * Keyed digests of codes and refresh tokens for storage and lookup. The key is the relay
 * secret, so an offline guesser with a copy of the database but not the secret cannot test
 * codes. The purpose prefix keeps a code digest from ever matching a token digest.
 */
function digest(secret: string, purpose: string, value: string): Uint8Array {
	return new Uint8Array(createHmac('sha256', secret).update(`${purpose}\0${value}`).digest());
}

export function codeDigest(secret: string, code: string): Uint8Array {
	return digest(secret, 'enrol-code', code);
}

export function refreshDigest(secret: string, refreshToken: string): Uint8Array {
	return digest(secret, 'refresh-token', refreshToken);
}
