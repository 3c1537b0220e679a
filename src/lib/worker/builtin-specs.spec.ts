import { describe, expect, it } from 'vitest';
import { validateSpecification } from '$lib/assessment/spec-validation';
import { builtinSpecification, builtinSpecifications } from './builtin-specs';

describe('built-in specifications', () => {
	it.each(builtinSpecifications.map((entry) => [entry.id, entry]))(
		'%s passes validation',
		(_, entry) => {
			const check = validateSpecification(entry.spec);
			expect(check.ok ? [] : check.issues).toEqual([]);
		}
	);

	it('describes ВПР 2021 mathematics grade 5', () => {
		const spec = builtinSpecification('vpr-2021-math-5')?.spec;
		expect(spec?.tasks.map((task) => task.label)).toEqual([
			'1',
			'2',
			'3',
			'4',
			'5',
			'6',
			'7',
			'8',
			'9',
			'10',
			'11.1',
			'11.2',
			'12.1',
			'12.2',
			'13',
			'14'
		]);
		expect(spec?.tasks.reduce((sum, task) => sum + task.maxPoints, 0)).toBe(20);
		expect(spec?.tasks.filter((task) => task.level === 'П').map((task) => task.label)).toEqual([
			'13',
			'14'
		]);
	});
});
