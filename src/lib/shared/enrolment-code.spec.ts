import { describe, expect, it } from 'vitest';
import { formatCode, normaliseCode, signInLink } from './enrolment-code';

describe('normaliseCode', () => {
	it('accepts the displayed form, lower case and spaces', () => {
		expect(normaliseCode('K7QM2-XPD9W')).toBe('K7QM2XPD9W');
		expect(normaliseCode(' k7qm2 xpd9w ')).toBe('K7QM2XPD9W');
	});

	it('reads look-alike letters as digits', () => {
		expect(normaliseCode('IL0O0-00000')).toBe('1100000000');
	});

	it('rejects wrong lengths and letters outside the alphabet', () => {
		expect(normaliseCode('K7QM2-XPD9')).toBeNull();
		expect(normaliseCode('K7QM2-XPD9WW')).toBeNull();
		expect(normaliseCode('U7QM2-XPD9W')).toBeNull();
		expect(normaliseCode('eyJzdWIiOi.abc')).toBeNull();
	});
});

describe('signInLink', () => {
	it('carries the formatted code', () => {
		expect(signInLink('https://school.example', 'K7QM2XPD9W')).toBe(
			'https://school.example/signin?code=K7QM2-XPD9W'
		);
		expect(formatCode('K7QM2XPD9W')).toBe('K7QM2-XPD9W');
	});

	it('names the relay only when it is elsewhere', () => {
		const link = new URL(signInLink('https://app.example', 'K7QM2XPD9W', 'https://sync.example'));
		const same = new URL(signInLink('https://app.example', 'K7QM2XPD9W', 'https://app.example'));

		expect(link.searchParams.get('relay')).toBe('https://sync.example');
		expect(same.searchParams.has('relay')).toBe(false);
	});
});
