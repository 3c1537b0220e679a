import { describe, expect, it } from 'vitest';
import { dateField, markField, textField } from '$lib/trajectory/fields.schema';
import { cellInputText, cellProblem, cellReadableText, parseCellInput } from './cell-value';

describe('parseCellInput', () => {
	it('reads a mark as a number', () => {
		expect(parseCellInput('mark', '4')).toBe(4);
	});

	it('reads a decimal comma', () => {
		expect(parseCellInput('number', '12,5')).toBe(12.5);
	});

	it('keeps a number that does not parse as typed', () => {
		expect(parseCellInput('number', 'двадцать')).toBe('двадцать');
	});

	it('removes a cleared number, date and choice', () => {
		expect(parseCellInput('number', ' ')).toBeUndefined();
		expect(parseCellInput('date', '')).toBeUndefined();
		expect(parseCellInput('select', '')).toBeUndefined();
	});

	it('keeps an empty text as an empty string', () => {
		expect(parseCellInput('text', '')).toBe('');
	});

	it('stores a month typed in Russian', () => {
		expect(parseCellInput('month', 'май 2019')).toBe('2019-05');
	});

	it('reads a flag', () => {
		expect(parseCellInput('checkbox', true)).toBe(true);
		expect(parseCellInput('checkbox', false)).toBe(false);
	});
});

describe('cell texts', () => {
	it('shows a stored month in Russian', () => {
		expect(cellInputText('month', '2019-05')).toBe('май 2019');
	});

	it('shows a missing value as empty', () => {
		expect(cellInputText('number', null)).toBe('');
	});

	it('reads a choice by its label', () => {
		const options = [{ value: 'school', label: 'школьный' }];
		expect(cellReadableText('select', 'school', options)).toBe('школьный');
	});

	it('reads an unknown choice as stored', () => {
		expect(cellReadableText('select', 'city', [])).toBe('city');
	});

	it('reads a set flag as «да»', () => {
		expect(cellReadableText('checkbox', true)).toBe('да');
		expect(cellReadableText('checkbox', false)).toBe('');
	});
});

describe('cellProblem', () => {
	it('passes a valid mark', () => {
		expect(cellProblem(markField, 5)).toBeNull();
	});

	it('reports a mark out of range', () => {
		expect(cellProblem(markField, 7)).toMatch(/от 2 до 5/);
	});

	it('reports a number kept as text', () => {
		expect(cellProblem(markField, 'пять')).toMatch(/от 2 до 5/);
	});

	it('reports a date that is not in the calendar', () => {
		expect(cellProblem(dateField, '2025-02-30')).toMatch(/нет в календаре/);
	});

	it('passes a missing value', () => {
		expect(cellProblem(textField, undefined)).toBeNull();
	});
});
