import { describe, expect, it } from 'vitest';
import { checkSmartGoal } from './smart-goal';
import type { SphereId } from './trajectory.schema';

describe('checkSmartGoal', () => {
	const goodGoals: [string, SphereId][] = [
		['Получить по алгебре не ниже 4 в конце первого полугодия', 'academic'],
		['Прочитать 10 книг до 25 мая', 'personal'],
		['Принять участие в 3 олимпиадах к концу четверти', 'olympiads'],
		['Сдать ОГЭ по математике на 20 баллов в мае', 'academic'],
		['Выучить на гитаре три песни в течение месяца', 'creative'],
		['Повысить средний балл по русскому языку на 0,5 за четверть', 'academic'],
		['Выступить с докладом на 2 конференциях до конца учебного года', 'research'],
		['Стать призёром муниципального этапа ВСОШ по биологии до декабря', 'olympiads'],
		['Завершить 1 проект по истории до 20.04.2025', 'projects'],
		['Закончить четверть без троек во второй четверти', 'academic']
	];

	it.each(goodGoals)('passes «%s»', (goal, sphere) => {
		const check = checkSmartGoal(goal);
		expect(check.missing).toEqual([]);
		expect(check.ok).toBe(true);
		expect(check.found.sphere).toBe(sphere);
	});

	it('names a missing measure', () => {
		const check = checkSmartGoal('Улучшить оценки по физике до конца года');
		expect(check.missing).toEqual(['measure']);
		expect(check.messages[0]).toMatch(/измеримый результат/);
	});

	it('does not take the date of a deadline as a measure', () => {
		expect(checkSmartGoal('Подтянуть алгебру до 25 мая').missing).toEqual(['measure']);
	});

	it('does not take the grade of school as a measure', () => {
		expect(checkSmartGoal('Хорошо закончить 9 класс к лету').missing).toContain('measure');
		expect(checkSmartGoal('Закончить 10 класс к маю').missing).toContain('measure');
	});

	it('names a missing deadline', () => {
		const check = checkSmartGoal('Прочитать 5 книг');
		expect(check.missing).toEqual(['deadline']);
		expect(check.messages[0]).toMatch(/Не указан срок/);
	});

	it('names a missing sphere', () => {
		const check = checkSmartGoal('Сделать 2 дела до 1 мая');
		expect(check.missing).toEqual(['sphere']);
		expect(check.messages[0]).toMatch(/к какой сфере/);
	});

	it('names every part of an empty goal', () => {
		const check = checkSmartGoal('   ');
		expect(check.missing).toEqual(['measure', 'deadline', 'sphere']);
		expect(check.messages).toHaveLength(3);
	});

	it('accepts the sphere and deadline given apart', () => {
		const check = checkSmartGoal('Пробежать 3 км', { sphere: 'creative', deadline: '2025-09-01' });
		expect(check.ok).toBe(true);
		expect(check.found.deadline).toBe('2025-09-01');
	});

	it('reports the words it found', () => {
		const { found } = checkSmartGoal('Принять участие в 3 олимпиадах к концу четверти');
		expect(found.measure).toBe('3');
		expect(found.deadline).toBe('к концу четверти');
	});

	it('is not confused by a decimal mark', () => {
		expect(checkSmartGoal('Средний балл 4.5 по химии').missing).toEqual(['deadline']);
	});
});
