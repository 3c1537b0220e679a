import { describe, expect, it } from 'vitest';
import { createJsonLogger, RepeatGate } from './log';

describe('createJsonLogger', () => {
	it('writes one JSON object per event', () => {
		const lines: string[] = [];
		const log = createJsonLogger('info', (line) => lines.push(line));

		log.info('connection-open', { connection: 'c1', docId: 's1/plans' });
		const entry = JSON.parse(lines[0]);

		expect(lines).toHaveLength(1);
		expect(entry.event).toBe('connection-open');
		expect(entry.level).toBe('info');
		expect(entry.docId).toBe('s1/plans');
		expect(typeof entry.time).toBe('string');
	});

	it('leaves out tokens and secrets', () => {
		const lines: string[] = [];
		const log = createJsonLogger('debug', (line) => lines.push(line));

		log.warn('connection-refuse', {
			token: 'abc.def',
			Secret: 'x',
			Authorization: 'Bearer y',
			code: 4401
		});

		expect(lines[0]).not.toMatch(/abc\.def|Bearer|"x"/);
		expect(JSON.parse(lines[0]).code).toBe(4401);
	});

	it('logs errors by name and message', () => {
		const lines: string[] = [];
		createJsonLogger('info', (line) => lines.push(line)).error('storage-append-failed', {
			error: new RangeError('disk full')
		});

		expect(JSON.parse(lines[0]).error).toEqual({ name: 'RangeError', message: 'disk full' });
	});

	it('skips lines below its level', () => {
		const lines: string[] = [];
		const log = createJsonLogger('warn', (line) => lines.push(line));

		log.info('document-load');
		log.debug('upgrade-socket-error');
		log.warn('write-dropped');

		expect(lines.map((line) => JSON.parse(line).event)).toEqual(['write-dropped']);
	});
});

describe('RepeatGate', () => {
	it('admits one line per key and interval', () => {
		let now = 0;
		const gate = new RepeatGate(1000, () => now);

		expect(gate.admit('refuse:10.0.0.5:token-invalid')).toBe(0);
		expect(gate.admit('refuse:10.0.0.5:token-invalid')).toBeNull();
		expect(gate.admit('refuse:10.0.0.6:token-invalid')).toBe(0);
		now += 999;
		expect(gate.admit('refuse:10.0.0.5:token-invalid')).toBeNull();
		now += 1;
		expect(gate.admit('refuse:10.0.0.5:token-invalid')).toBe(2);
	});
});
