import { describe, expect, it } from 'vitest';
import { fakeClock, newDoc, session, student, tutor } from '$lib/coedit/test-factories';
import { aboutSection, olympiadsSection } from '$lib/trajectory/trajectory.schema';
import { LatestChanges } from './latest-change.svelte';

describe('LatestChanges', () => {
	it('finds the latest change across sections', () => {
		const doc = newDoc();
		const clock = fakeClock('2025-03-01T09:00:00Z');
		session(doc, tutor, clock).setText(aboutSection.layout, 'request', 'Подготовка к ВПР');
		clock.advanceMinutes(30);
		session(doc, student, clock).insertRow(olympiadsSection.layout, 'entries', { name: 'ВсОШ' });
		const latest = new LatestChanges(doc);

		const stamp = latest.latest([aboutSection.id, olympiadsSection.id]);

		expect(stamp?.personId).toBe(student.personId);
		expect(stamp?.at).toBe('2025-03-01T09:30:00.000Z');
	});

	it('keeps to the given sections', () => {
		const doc = newDoc();
		const clock = fakeClock('2025-03-01T09:00:00Z');
		session(doc, tutor, clock).setText(aboutSection.layout, 'request', 'Подготовка к ВПР');
		clock.advanceMinutes(30);
		session(doc, student, clock).insertRow(olympiadsSection.layout, 'entries', { name: 'ВсОШ' });

		expect(new LatestChanges(doc).latest([aboutSection.id])?.personId).toBe(tutor.personId);
	});

	it('returns null for an untouched section', () => {
		expect(new LatestChanges(newDoc()).latest([aboutSection.id])).toBeNull();
	});
});
