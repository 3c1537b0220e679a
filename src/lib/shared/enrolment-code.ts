/**
 * Invitation codes as people read and type them: ten characters of Crockford's base32
 * (https://www.crockford.com/base32.html), shown in two groups of five, e.g. `K7QM2-XPD9W`.
 * The alphabet has no I, L, O or U, so a typed I or L counts as 1 and O as 0. Ten
 * characters carry 50 random bits, which the relay's limit on failed attempts leaves out
 * of reach of guessing. Only the relay generates codes; this module has no randomness.
 */

export const codeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const codeLength = 10;

const lookalikes: Record<string, string> = { I: '1', L: '1', O: '0' };

/**
 * Returns the canonical form of a typed or scanned code (ten upper-case alphabet
 * characters), or null when the input cannot be a code. Spaces and hyphens are ignored.
 */
export function normaliseCode(input: string): string | null {
	const compact = input.toUpperCase().replace(/[\s-]+/g, '');
	let code = '';
	for (const char of compact) {
		const mapped = lookalikes[char] ?? char;
		if (!codeAlphabet.includes(mapped)) return null;
		code += mapped;
	}
	return code.length === codeLength ? code : null;
}

/** Formats a canonical code for display, in two hyphenated groups of five. */
export function formatCode(code: string): string {
	return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Builds the sign-in link that an invitation's QR code carries. */
export function signInLink(appOrigin: string, code: string, relayOrigin = ''): string {
	const url = new URL('/signin', appOrigin);
	url.searchParams.set('code', formatCode(code));
	if (relayOrigin && relayOrigin !== url.origin) url.searchParams.set('relay', relayOrigin);
	return url.href;
}
