import { describe, expect, it } from 'vitest';
import {
	decodeBase64Url,
	decodeToken,
	encodeBase64Url,
	encodeTokenPayload,
	isTokenExpired,
	type TokenClaims
} from './token';

const claims: TokenClaims = {
	sub: 'st1',
	school: 's1',
	role: 'student',
	device: 'tab-3',
	iat: 1_800_000_000,
	exp: 1_800_086_400
};

describe('token format', () => {
	it('round-trips every byte through base64url', () => {
		const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
		const text = encodeBase64Url(bytes);

		expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(decodeBase64Url(text)).toEqual(bytes);
	});

	it('rejects text that is not base64url', () => {
		expect(decodeBase64Url('ab+c')).toBeNull();
		expect(decodeBase64Url('abcde')).toBeNull();
	});

	it('decodes the claims without the secret', () => {
		const token = `${encodeTokenPayload(claims)}.c2lnbmF0dXJl`;

		expect(decodeToken(token)).toEqual(claims);
	});

	it('returns null for malformed or invalid claims', () => {
		const badRole = encodeBase64Url(
			new TextEncoder().encode(JSON.stringify({ ...claims, role: 'root' }))
		);

		expect(decodeToken('not-a-token')).toBeNull();
		expect(decodeToken(`${badRole}.c2ln`)).toBeNull();
		expect(decodeToken('bm90IGpzb24.c2ln')).toBeNull();
	});

	it('refuses to encode an id outside the document id alphabet', () => {
		expect(() => encodeTokenPayload({ ...claims, sub: 'st/1' })).toThrow();
	});

	it('counts a token as expired from its expiry second on', () => {
		expect(isTokenExpired(claims, claims.exp * 1000 - 1)).toBe(false);
		expect(isTokenExpired(claims, claims.exp * 1000)).toBe(true);
	});
});
