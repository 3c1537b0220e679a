import { liveQuery } from 'dexie';
import type { Claims } from '$lib/shared/access';
import type { SchoolDatabase, StudentRow } from '$lib/storage/db';
import { studentsOfTutor } from '$lib/storage/roster.repo';
import type { GroupMember } from '$lib/trajectory/group-view';
import {
	groupMembers,
	loadTrajectorySummaries,
	type TrajectorySummary
} from './trajectory-summary';

/**
 * The tutor's group as Svelte state: the students from the roster projection and their
 * trajectory summaries. It follows the device's tables, so a trajectory that background sync
 * brings in appears without reloading the page.
 */
export class GroupViewState {
	#students = $state.raw<StudentRow[]>([]);
	#summaries = $state.raw<ReadonlyMap<string, TrajectorySummary>>(new Map());
	#loaded = $state(false);
	#classId = $state('');
	readonly #members = $derived(groupMembers(this.students, this.#summaries));

	/** Students of the chosen class, or of the whole group when none is chosen. */
	get students(): StudentRow[] {
		const chosen = this.#classId;
		return chosen ? this.#students.filter((s) => s.classId === chosen) : this.#students;
	}

	get members(): GroupMember[] {
		return this.#members;
	}

	get loaded(): boolean {
		return this.#loaded;
	}

	/** Classes of the group, by id, with their labels, in label order. */
	get classes(): { id: string; label: string }[] {
		const labels = new Map(this.#students.map((s) => [s.classId, s.classLabel]));
		return [...labels]
			.map(([id, label]) => ({ id, label }))
			.sort((a, b) => a.label.localeCompare(b.label, 'ru', { numeric: true }));
	}

	get classId(): string {
		return this.#classId;
	}

	set classId(value: string) {
		this.#classId = value;
	}

	/**
	 * Follows the roster and the trajectory documents of `claims.school` until the returned
	 * function is called. It lists a tutor's own students, or the whole school for an administrator.
	 */
	watch(
		db: SchoolDatabase,
		claims: Pick<Claims, 'sub' | 'school' | 'role'>,
		onError: (error: unknown) => void
	): () => void {
		const changes = liveQuery(async () => {
			const documents = await db.documents.where('kind').equals('trajectory').toArray();
			const students = await db.students.where('school').equals(claims.school).count();
			return documents.map((row) => `${row.id}:${row.updated}`).join('|') + `#${students}`;
		});
		let running: Promise<void> = Promise.resolve();
		const subscription = changes.subscribe({
			next: () => {
				running = running.then(() => this.#refresh(db, claims)).catch(onError);
			},
			error: onError
		});
		return () => subscription.unsubscribe();
	}

	async #refresh(
		db: SchoolDatabase,
		claims: Pick<Claims, 'sub' | 'school' | 'role'>
	): Promise<void> {
		const students =
			claims.role === 'tutor'
				? await studentsOfTutor(db, claims.sub)
				: await db.students.where('school').equals(claims.school).toArray();
		this.#summaries = await loadTrajectorySummaries(db, claims.school);
		this.#students = students;
		this.#loaded = true;
	}
}
