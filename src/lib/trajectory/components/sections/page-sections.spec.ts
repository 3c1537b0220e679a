import { describe, expect, it } from 'vitest';
import { curriculumPlanSection } from '$lib/trajectory/curriculum-plan.schema';
import { metaSection, workflowSection } from '$lib/trajectory/trajectory.schema';
import { trajectorySections } from '$lib/trajectory/trajectory.ydoc';
import { entriesLayouts } from './columns';
import { otherSectionTitles, pageSections, restorableSections } from './page-sections';

/** Sections edited on their own screens (design, ИУП) or written once when the document opens. */
const elsewhere = [metaSection.id, workflowSection.id, curriculumPlanSection.id];

describe('pageSections', () => {
	it('shows every section of the trajectory', () => {
		const onPage = pageSections.flatMap((page) => page.sections.map((section) => section.id));
		const expected = trajectorySections
			.map((section) => section.id)
			.filter((id) => !elsewhere.includes(id));
		expect(onPage.sort()).toEqual(expected.sort());
	});

	it('gives every section a distinct anchor', () => {
		const anchors = pageSections.map((page) => page.anchor);
		expect(new Set(anchors).size).toBe(anchors.length);
	});

	it('titles every section in Russian', () => {
		for (const page of pageSections) expect(page.title).toMatch(/[А-Яа-яЁё]/);
	});

	it('lays out every single-table section', () => {
		for (const page of pageSections) {
			if (page.kind === 'entries') expect(entriesLayouts[page.section.id]).toBeDefined();
		}
	});
});

describe('restorableSections', () => {
	it('titles each section for the history', () => {
		for (const { layout, title } of restorableSections) {
			expect(title, layout.id).not.toBe(layout.id);
		}
	});

	it('names the sections edited elsewhere', () => {
		expect(Object.keys(otherSectionTitles).sort()).toEqual(
			[metaSection.id, workflowSection.id].sort()
		);
	});
});
