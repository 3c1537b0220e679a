import { describe, expect, it } from 'vitest';
import {
	editSpecification,
	validateSpecification,
	type SpecificationCheck,
	type SpecificationIssue
} from './spec-validation';
import { makeSpecification } from './test-factories';

const spec = makeSpecification();

function issuesOf(result: SpecificationCheck): SpecificationIssue[] {
	return result.ok ? [] : result.issues;
}

describe('editSpecification', () => {
	it('returns the edited copy when it is valid', () => {
		const result = editSpecification(spec, (draft) => {
			draft.tasks[2].maxPoints = 2;
		});

		expect(result.ok).toBe(true);
		expect(result.draft.tasks[2].maxPoints).toBe(2);
		expect(spec.tasks[2].maxPoints).toBe(1);
	});

	it('names the task and field of an invalid maximum', () => {
		const result = editSpecification(spec, (draft) => {
			draft.tasks[2].maxPoints = 0;
		});

		expect(result.ok).toBe(false);
		expect(issuesOf(result)).toEqual([
			{
				path: ['tasks', 2, 'maxPoints'],
				field: 'Задание 3.1 (позиция 3), максимальный балл',
				message: 'Задание 3.1 (позиция 3), максимальный балл: должно быть больше 0 (сейчас «0»).'
			}
		]);
		expect(result.draft.tasks[2].maxPoints).toBe(0);
	});

	it('lists the allowed levels', () => {
		const result = editSpecification(spec, (draft) => {
			(draft.tasks[0] as { level: string }).level = 'Z';
		});

		expect(issuesOf(result)[0]?.message).toBe(
			'Задание 1 (позиция 1), уровень сложности: допустимые значения: Б, П, В (сейчас «Z»).'
		);
	});

	it('rejects an empty subject and a missing year', () => {
		const result = editSpecification(spec, (draft) => {
			draft.subject = '';
			delete (draft as Partial<typeof draft>).year;
		});

		expect(issuesOf(result).map((issue) => issue.message)).toEqual([
			'Предмет: не может быть пустым (сейчас «»).',
			'Год: не заполнено.'
		]);
	});

	it('rejects repeated positions and labels', () => {
		const result = editSpecification(spec, (draft) => {
			draft.tasks[1].position = 1;
			draft.tasks[3].label = '3.1';
		});

		expect(issuesOf(result).map((issue) => issue.message)).toEqual([
			'Задание 2 (позиция 1), позиция: позиция 1 уже занята заданием 1 (сейчас «1»).',
			'Задание 3.1 (позиция 4), номер задания: номер 3.1 уже есть у другого задания (сейчас «3.1»).'
		]);
	});

	it('checks skill keys against the listed skills', () => {
		const result = editSpecification(spec, (draft) => {
			draft.skills = [{ kind: 'КЭС', code: '1', text: 'Числа' }];
			draft.tasks[0].skills = ['КЭС 1', 'КЭС 9'];
		});

		expect(issuesOf(result).map((issue) => issue.field)).toEqual([
			'Задание 1 (позиция 1), код умения 2'
		]);
	});
});

describe('validateSpecification, mark scale', () => {
	it('rejects thresholds above the maximum or out of order', () => {
		const candidate = makeSpecification({
			markScale: {
				thresholds: [
					{ mark: 2, minTotal: 0 },
					{ mark: 3, minTotal: 4 },
					{ mark: 4, minTotal: 4 },
					{ mark: 5, minTotal: 7 }
				],
				conditions: []
			}
		});
		const result = validateSpecification(candidate);

		expect(issuesOf(result).map((issue) => issue.message)).toEqual([
			'Шкала отметок, порог отметки 4, наименьший итог: должен быть больше порога отметки 3, равного 4 (сейчас «4»).',
			'Шкала отметок, порог отметки 5, наименьший итог: больше максимума работы, 6 (сейчас «7»).'
		]);
	});

	it('rejects conditions on missing positions', () => {
		const candidate = makeSpecification({
			markScale: {
				thresholds: [{ mark: 2, minTotal: 0 }],
				conditions: [
					{ fromMark: 3, positions: [4, 9], minPoints: 2, description: '' },
					{ fromMark: 3, positions: [1], minPoints: 2, description: '' }
				]
			}
		});
		const result = validateSpecification(candidate);

		expect(issuesOf(result).map((issue) => issue.message)).toEqual([
			'Шкала отметок, условие 1, позиции: нет заданий на позициях 9.',
			'Шкала отметок, условие 2, наименьший балл: больше, чем можно набрать на этих позициях: 1 (сейчас «2»).'
		]);
	});

	it('accepts the factory specification', () => {
		expect(validateSpecification(spec).ok).toBe(true);
	});
});
