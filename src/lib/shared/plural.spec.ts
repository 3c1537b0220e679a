import { describe, expect, it } from 'vitest';
import { plural } from './plural';

const forms = ['участник', 'участника', 'участников'] as const;

describe('plural', () => {
	it('chooses the Russian form by count', () => {
		expect(plural(1, forms)).toBe('участник');
		expect(plural(21, forms)).toBe('участник');
		expect(plural(23, forms)).toBe('участника');
		expect(plural(11, forms)).toBe('участников');
		expect(plural(25, forms)).toBe('участников');
		expect(plural(23706, forms)).toBe('участников');
	});
});
