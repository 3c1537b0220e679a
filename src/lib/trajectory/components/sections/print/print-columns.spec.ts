import { describe, expect, it } from 'vitest';
import { printProjectColumns, withExamRehearsals, withProjectSteps } from './print-columns';

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

describe('withExamRehearsals', () => {
	it('joins a score with its date', () => {
		const [row] = withExamRehearsals([{ id: 'e1', decemberScore: 45, decemberDate: '2025-12-12' }]);
		expect(row.december).toBe('45 (12.12.2025)');
	});

	it('prints a score without a date', () => {
		const [row] = withExamRehearsals([{ id: 'e1', marchScore: 60 }]);
		expect(row.march).toBe('60');
	});

	it('leaves an empty rehearsal empty', () => {
		const [row] = withExamRehearsals([{ id: 'e1', decemberScore: null, decemberDate: null }]);
		expect(row.december).toBe('');
	});
});
