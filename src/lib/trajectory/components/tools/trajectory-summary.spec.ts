import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import * as Y from 'yjs';
import { EditSession, type Editor } from '$lib/coedit';
import { createDatabase, type SchoolDatabase, type SummaryRow } from '$lib/storage/db';
import { trajectoryRepository } from '$lib/storage/repository';
import { groupViewRows } from '$lib/trajectory/group-view';
import { sphereSections } from '$lib/trajectory/trajectory.schema';
import { initTrajectory } from '$lib/trajectory/trajectory.ydoc';
import { setStage } from '$lib/trajectory/workflow';
import {
	groupMembers,
	loadTrajectorySummaries,
	parseTrajectorySummary,
	summariseTrajectory,
	trajectorySummaryFormat
} from './trajectory-summary';

const tutor: Editor = { personId: 'tutor-1', name: 'Орлова Елена Викторовна', role: 'tutor' };
const opened: SchoolDatabase[] = [];

function freshDatabase(): SchoolDatabase {
	const db = createDatabase(`trajectory-summary-${crypto.randomUUID()}`);
	opened.push(db);
	return db;
}

afterEach(async () => {
	for (const db of opened.splice(0)) {
		db.close();
		await Dexie.delete(db.name);
	}
});

function trajectoryDoc(student: string, edit: (session: EditSession) => void): Y.Doc {
	const doc = new Y.Doc({ gc: false });
	initTrajectory(doc, { schoolId: 'school-1', studentId: student });
	const session = new EditSession(doc, tutor);
	edit(session);
	session.destroy();
	return doc;
}

function summaryRow(summary: Record<string, unknown>): SummaryRow {
	return {
		docId: 'school-1/trajectory/s-1',
		kind: 'trajectory',
		school: 'school-1',
		owner: 's-1',
		summary,
		updated: 1
	};
}

describe('trajectory summary', () => {
	it('keeps what the group view shows', () => {
		const doc = trajectoryDoc('s-1', (session) => {
			setStage(session, 3);
			session.setText(sphereSections.academic.layout, 'goal', 'Повысить отметку по алгебре до 4');
			session.insertRow(sphereSections.projects.layout, 'tasks', {
				text: 'Выбрать тему',
				done: false
			});
		});

		const summary = parseTrajectorySummary(summaryRow(summariseTrajectory(doc)));
		const [row] = groupViewRows(
			groupMembers([{ id: 's-1', fullName: 'Аня Орлова' }], new Map([['s-1', summary!]]))
		);

		expect(row.stage).toBe(3);
		expect(row.openTasks).toBe(1);
		expect(row.goalsWithoutDeadline).toEqual(['academic']);
		expect(row.lastChange?.personId).toBe('tutor-1');
	});

	it('rejects a summary of another format', () => {
		const doc = trajectoryDoc('s-1', (session) => setStage(session, 2));
		const summary = { ...summariseTrajectory(doc), format: trajectorySummaryFormat + 1 };

		expect(parseTrajectorySummary(summaryRow(summary))).toBeNull();
	});

	it('checks stored values again', () => {
		const doc = trajectoryDoc('s-1', (session) => setStage(session, 2));
		const summary = summariseTrajectory(doc) as { sections: Record<string, unknown> };
		summary.sections.workflow = { state: { stage: 9 } };

		const parsed = parseTrajectorySummary(summaryRow(summary));

		expect(parsed?.trajectory.workflow.state.stage).toBe(1);
	});
});

describe('loadTrajectorySummaries', () => {
	it('rebuilds a summary older than its document', async () => {
		const db = freshDatabase();
		const stored = await trajectoryRepository.open(db, { school: 'school-1', student: 's-1' });
		initTrajectory(stored.doc, { schoolId: 'school-1', studentId: 's-1' });
		const session = new EditSession(stored.doc, tutor);
		setStage(session, 4);
		session.destroy();
		stored.release();
		const stale = summariseTrajectory(trajectoryDoc('s-1', (edit) => setStage(edit, 2)));
		await db.summaries.put({ ...summaryRow(stale), updated: 0 });
		await db.documents.update('school-1/trajectory/s-1', { updated: Date.now() });

		const summaries = await loadTrajectorySummaries(db, 'school-1');

		expect(summaries.get('s-1')?.trajectory.workflow.state.stage).toBe(4);
	});

	it('lists no student whose trajectory is not on the device', async () => {
		const db = freshDatabase();

		const summaries = await loadTrajectorySummaries(db, 'school-1');

		expect(groupMembers([{ id: 's-1', fullName: 'Аня Орлова' }], summaries)).toEqual([]);
	});
});
