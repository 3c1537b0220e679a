import { describe, expect, it } from 'vitest';
import { sphereIds, sphereSections } from '$lib/trajectory/trajectory.schema';
import {
	careerEventColumns,
	careerUniversityColumns,
	entriesLayouts,
	gradeMarkColumns,
	gradeProgrammeColumns,
	sphereEventColumns,
	type ColumnSpec
} from './columns';

const tables: [string, ColumnSpec[]][] = [
	['grade marks', gradeMarkColumns],
	['grade programme', gradeProgrammeColumns],
	['career universities', careerUniversityColumns],
	['career events', careerEventColumns],
	...Object.entries(entriesLayouts).map(([id, layout]): [string, ColumnSpec[]] => [
		id,
		layout.columns
	]),
	...sphereIds.map((sphere): [string, ColumnSpec[]] => [
		`${sphere} events`,
		sphereEventColumns(sphereSections[sphere], sphere)
	])
];

describe('table columns', () => {
	it.each(tables)('labels every %s column in Russian', (_, columns) => {
		for (const column of columns) expect(column.label, column.key).toMatch(/[А-Яа-яЁё]/);
	});

	it.each(tables)('checks every %s column with a schema', (_, columns) => {
		for (const column of columns) expect(column.schema, column.key).toBeDefined();
	});

	it('gives every choice column its options', () => {
		for (const [, columns] of tables) {
			for (const column of columns.filter((c) => c.kind === 'select' || c.kind === 'mark')) {
				expect(column.options?.length, column.key).toBeGreaterThan(0);
			}
		}
	});

	it('edits text columns of the model as shared text', () => {
		const names = entriesLayouts['olympiads'].columns.filter((column) => column.isText);
		expect(names.map((column) => column.key)).toEqual(['name', 'result', 'teacherComment']);
	});

	it('asks the creative sphere for the kind of activity', () => {
		const keys = sphereEventColumns(sphereSections.creative, 'creative').map((c) => c.key);
		expect(keys).toContain('activityKind');
		expect(keys).toContain('level');
	});

	it('asks the personal sphere for no level', () => {
		const keys = sphereEventColumns(sphereSections.personal, 'personal').map((c) => c.key);
		expect(keys).toContain('activityKind');
		expect(keys).not.toContain('level');
	});
});
