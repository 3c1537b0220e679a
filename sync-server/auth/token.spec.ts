import { describe, expect, it } from 'vitest';
import { encodeBase64Url, type TokenClaims } from '../../src/lib/shared/token';
import { signToken, verifyToken } from './token';

const secret = 'a-test-secret-of-at-least-thirty-two-chars';
const now = 1_800_000_000;

function claims(overrides: Partial<TokenClaims> = {}): TokenClaims {
	return {
		sub: 't1',
		school: 's1',
		role: 'tutor',
		device: 'd1',
		iat: now,
		exp: now + 60,
		...overrides
	};
}

describe('verifyToken', () => {
	it('accepts a token it signed', () => {
		const result = verifyToken(signToken(claims(), secret), secret, now);

		expect(result).toEqual({ ok: true, claims: claims() });
	});

	it('rejects a token signed with another secret', () => {
		const token = signToken(claims(), 'another-secret-of-at-least-thirty-two-chars');

		expect(verifyToken(token, secret, now)).toEqual({ ok: false, reason: 'token-invalid' });
	});

	it('rejects changed claims under the old signature', () => {
		const [, signature] = signToken(claims(), secret).split('.');
		const forged = encodeBase64Url(
			new TextEncoder().encode(JSON.stringify(claims({ role: 'admin' })))
		);

		expect(verifyToken(`${forged}.${signature}`, secret, now)).toEqual({
			ok: false,
			reason: 'token-invalid'
		});
	});

	it('rejects an expired token', () => {
		const token = signToken(claims({ exp: now }), secret);

		expect(verifyToken(token, secret, now)).toEqual({ ok: false, reason: 'token-expired' });
		expect(verifyToken(token, secret, now - 1).ok).toBe(true);
	});

	it('names a missing token', () => {
		expect(verifyToken('', secret, now)).toEqual({ ok: false, reason: 'token-missing' });
		expect(verifyToken(null, secret, now)).toEqual({ ok: false, reason: 'token-missing' });
	});

	it('rejects malformed tokens', () => {
		const valid = signToken(claims(), secret);
		for (const token of [
			'abc',
			'a.b.c',
			'.',
			`${valid}x`,
			`${valid.split('.')[0]}.%%%`,
			'e30.e30'
		]) {
			expect(verifyToken(token, secret, now), token).toEqual({
				ok: false,
				reason: 'token-invalid'
			});
		}
	});
});
