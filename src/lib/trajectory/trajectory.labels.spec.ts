import { describe, expect, it } from 'vitest';
import { describePath, sectionLabels } from './trajectory.labels';
import { trajectorySections } from './trajectory.ydoc';

describe('trajectory labels', () => {
	it('name every section, part and column', () => {
		const missing: string[] = [];
		for (const section of trajectorySections) {
			const labels = sectionLabels[section.id];
			if (!labels) {
				missing.push(section.id);
				continue;
			}
			for (const [part, schema] of Object.entries(section.schemas)) {
				if (!labels.parts[part]) missing.push(`${section.id}/${part}`);
				if (schema.kind !== 'rows' && schema.kind !== 'fields') continue;
				for (const column of Object.keys(schema.shape)) {
					if (!labels.columns?.[part]?.[column]) missing.push(`${section.id}/${part}/${column}`);
				}
			}
		}
		expect(missing).toEqual([]);
	});

	it('describe a cell path in Russian', () => {
		expect(describePath('spheres/academic/events/r1/date', () => 2)).toBe(
			'Учебная деятельность → Мероприятия → строка 2 → Дата'
		);
		expect(describePath('grades/subjects/r9/akr1')).toBe(
			'Сводная таблица успеваемости → Предметы → АКР I'
		);
		expect(describePath('about/want')).toBe('Общая информация о себе и видение будущего → Хочу');
		expect(describePath('curriculumPlan/basic/r2/hoursYear')).toBe(
			'Индивидуальный учебный план → Обязательные предметы на базовом уровне → Часов в год'
		);
		expect(describePath('unknown/part')).toBe('unknown/part');
	});
});
