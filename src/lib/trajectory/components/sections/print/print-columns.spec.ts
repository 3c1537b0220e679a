import { describe, expect, it } from 'vitest';
import { printProjectColumns, withProjectSteps } from './print-columns';

describe('withProjectSteps', () => {
	it('numbers the filled steps', () => {
		const [row] = withProjectSteps([{ id: 'p1', step1: 'Поставил проблему', step3: ' Защитил ' }]);
		expect(row.steps).toBe('1. Поставил проблему\n3. Защитил');
	});

	it('leaves the cell empty without steps', () => {
		const [row] = withProjectSteps([{ id: 'p1', step2: '  ' }]);
		expect(row.steps).toBe('');
	});

	it('keeps the other cells', () => {
		const [row] = withProjectSteps([{ id: 'p1', title: 'Мост' }]);
		expect(row.title).toBe('Мост');
	});
});

describe('printProjectColumns', () => {
	it('prints the steps as one column', () => {
		const keys = printProjectColumns.map((column) => column.key);
		expect(keys).toContain('steps');
		expect(keys).not.toContain('step1');
	});
});
