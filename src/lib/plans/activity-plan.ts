import type { EditSession } from '$lib/coedit/edit-session';
import { getPartRows } from '$lib/coedit/layout';
import type * as Y from 'yjs';
import { planSections } from './activity-plan.layout';
import { planTemplate } from './activity-plan.template';

/** True when no section of the plan has an item yet. */
export function isPlanEmpty(doc: Y.Doc): boolean {
	return planSections.every(({ layout }) => getPartRows(doc, layout, 'items').length === 0);
}

/**
 * Fills an empty plan with the template items. Only an explicit action of one person calls
 * this, because two devices filling the same empty plan offline would each add the items.
 */
export function fillPlanFromTemplate(session: EditSession): number {
	if (!isPlanEmpty(session.doc)) return 0;
	let added = 0;
	session.transact(() => {
		for (const { layout } of planSections) {
			for (const [name, timing, responsible] of planTemplate[layout.id]) {
				session.insertRow(layout, 'items', { name, timing, responsible, done: false });
				added++;
			}
		}
	});
	return added;
}
