import type { EditSession } from '$lib/coedit';
import type { RoadmapRowKind, RoadmapSectionId } from './roadmap.schema';
import { measureTopic } from './proposal-wording';
import { addRoadmapRow, linkDeficit } from './route-rows.ydoc';

/**
 * Typical measures of methodical work for a deficit: mentoring, a refresher course, a
 * seminar, visits to lessons of a leading teacher. Each becomes a roadmap row of its
 * section, linked to the deficit.
 */
export const measureKinds = ['mentoring', 'course', 'seminar', 'lesson-visits'] as const;
export type MeasureKind = (typeof measureKinds)[number];

export const measureRows: Record<MeasureKind, { section: RoadmapSectionId; kind: RoadmapRowKind }> =
	{
		mentoring: { section: '2.5', kind: 'having-mentor' },
		course: { section: '1.1', kind: 'refresher-course' },
		seminar: { section: '1.3', kind: 'seminar' },
		'lesson-visits': { section: '1.3', kind: 'lesson-visits' }
	};

/** Id of the row of one measure for one deficit; equal on every device. */
export function measureRowId(deficitId: string, measure: MeasureKind): string {
	return `${deficitId}~${measure}`;
}

/**
 * Adds a roadmap row for each measure, with `topic` as its content and linked to the
 * deficit, and returns the rows' ids. Idempotent: when a measure's row exists, its fields stay
 * as people edited them and only its link to the deficit is restored if it was removed.
 */
export function addTypicalMeasures(
	session: EditSession,
	deficitId: string,
	measures: readonly MeasureKind[],
	topic: string
): string[] {
	return session.transact(() =>
		[...new Set(measures)].map((measure) => {
			const { section, kind } = measureRows[measure];
			const fields = { content: measureTopic(topic), deficitIds: [deficitId] };
			const id = addRoadmapRow(session, section, kind, fields, measureRowId(deficitId, measure));
			linkDeficit(session, id, deficitId);
			return id;
		})
	);
}
