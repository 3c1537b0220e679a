import type { SchoolDatabase } from '$lib/storage/db';
import { loadTeacherDeficits, type Analyse, type TeacherDeficits } from './analysis-deficits.repo';
import { proposeDeficits, type ProposalList } from './proposals';

/**
 * Deficit proposals for one teacher's route, from the assessment results on this device.
 * `load` may be called again, e.g. after new results arrived; the latest call wins.
 */
export class RouteProposals {
	#status = $state<'idle' | 'loading' | 'ready' | 'failed'>('idle');
	#list = $state.raw<ProposalList>({ proposals: [], rejected: [] });
	#found = $state.raw<TeacherDeficits | null>(null);
	#request = 0;

	get status() {
		return this.#status;
	}

	get proposals(): ProposalList['proposals'] {
		return this.#list.proposals;
	}

	get rejected(): ProposalList['rejected'] {
		return this.#list.rejected;
	}

	/** Procedures analysed for the teacher's subjects, 0 before loading. */
	get analysed(): number {
		return this.#found?.analysed ?? 0;
	}

	get failed(): TeacherDeficits['failed'] {
		return this.#found?.failed ?? [];
	}

	async load(
		db: SchoolDatabase,
		school: string,
		teacherId: string,
		analyse: Analyse
	): Promise<void> {
		const request = ++this.#request;
		this.#status = 'loading';
		try {
			const found = await loadTeacherDeficits(db, school, teacherId, analyse);
			if (request !== this.#request) return;
			this.#found = found;
			this.#list = proposeDeficits(found.deficits, teacherId);
			this.#status = 'ready';
		} catch (error) {
			if (request === this.#request) this.#status = 'failed';
			throw error;
		}
	}
}
