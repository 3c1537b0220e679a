import { describe, expect, it } from 'vitest';
import { isRefusalCode, reconnectDelay, refusalReason, syncEndpoint } from './relay-provider';

describe('reconnectDelay', () => {
	it('draws from a window that doubles up to the maximum', () => {
		const top = () => 0.999999;

		expect(reconnectDelay(0, 500, 30_000, top)).toBe(499);
		expect(reconnectDelay(3, 500, 30_000, top)).toBe(3999);
		expect(reconnectDelay(20, 500, 30_000, top)).toBe(29_999);
		expect(reconnectDelay(5, 500, 30_000, () => 0)).toBe(0);
	});

	it('spreads devices that fail at the same moment', () => {
		let seed = 7;
		const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		const delays = Array.from({ length: 200 }, () => reconnectDelay(4, 500, 30_000, random));

		expect(new Set(delays).size).toBeGreaterThan(150);
		expect(Math.max(...delays)).toBeLessThan(8000);
	});
});

describe('refusals', () => {
	it('treats 4400-4499 and 1009 as final', () => {
		expect([4400, 4401, 4403, 4413, 4429, 4499, 1009].every(isRefusalCode)).toBe(true);
		expect([1000, 1001, 1006, 1011, 4500, 4399].some(isRefusalCode)).toBe(false);
	});

	it('reads the reason code from the close reason first', () => {
		expect(refusalReason(4401, 'token-expired')).toBe('token-expired');
		expect(refusalReason(4401, '')).toBe('token-invalid');
		expect(refusalReason(1009, 'Max payload size exceeded')).toBe('update-too-large');
		expect(refusalReason(4429, 'too-many-documents')).toBe('too-many-documents');
		expect(refusalReason(4488, 'whatever')).toBe('unknown');
	});
});

describe('syncEndpoint', () => {
	it('adds /sync to a bare origin only', () => {
		expect(syncEndpoint('wss://relay.example')).toBe('wss://relay.example/sync');
		expect(syncEndpoint('ws://127.0.0.1:8787/')).toBe('ws://127.0.0.1:8787/sync');
		expect(syncEndpoint('wss://relay.example/sync')).toBe('wss://relay.example/sync');
		expect(syncEndpoint('wss://school.example/relay/sync/')).toBe(
			'wss://school.example/relay/sync'
		);
	});
});
