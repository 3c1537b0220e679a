import type * as Y from 'yjs';
import { mergeRanges, rangesFromDeleteSet, type DeletedRanges } from './delete-ranges';
import { localDay, unrecordedClocks, unrecordedDeletions, writeHistoryChunk } from './history';
import type { EditOrigin } from './identity';

interface PendingChunk {
	day: string;
	sections: Set<string>;
	firstAt: Date;
	lastAt: Date;
	deletions: DeletedRanges[];
}

/**
 * Batches one edit session's changes into history chunks. A day's or a section's first change
 * is recorded at once, in the transaction of that change, so others see who started on what. Later
 * changes wait for a timer, `intervalMs` after the previous chunk, or for `flush`. The
 * recorder also collects the deletions of every local transaction, since a Yjs delete set
 * names no author and the chunk is the only record of when something was deleted.
 */
export class HistoryRecorder {
	readonly #doc: Y.Doc;
	readonly #origin: EditOrigin;
	readonly #now: () => Date;
	readonly #intervalMs: number;
	/** Changes and deletions not yet written as a chunk. */
	#pending: PendingChunk | null = null;
	/** Sections this recorder has written a chunk for on `day`. */
	#recorded: { day: string; sections: Set<string> } = { day: '', sections: new Set() };
	#lastChunkAt = 0;
	/** The transaction whose deletions the last chunk already includes. */
	#chunkTransaction: Y.Transaction | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#stopped = false;
	readonly #onTransaction = (transaction: Y.Transaction) => this.#collectDeletions(transaction);

	constructor(doc: Y.Doc, origin: EditOrigin, now: () => Date, intervalMs: number) {
		this.#doc = doc;
		this.#origin = origin;
		this.#now = now;
		this.#intervalMs = intervalMs;
		doc.on('afterTransaction', this.#onTransaction);
		this.#recordLeftovers();
	}

	/**
	 * Before the first change of a new day, writes the previous day's chunk, so that day's
	 * final state ends before today's changes. Call it at the start of the change's transaction.
	 */
	beforeChange(transaction: Y.Transaction): void {
		if (this.#pending && this.#pending.day !== localDay(this.#now())) {
			this.#writeChunk(transaction, false);
			this.#chunkTransaction = null;
		}
	}

	/** Notes changed sections; call it at the end of the change's transaction. */
	recordChange(transaction: Y.Transaction, sections: Set<string>, now: Date): void {
		const pending = this.#pendingAt(now);
		for (const section of sections) pending.sections.add(section);
		pending.lastAt = now;

		const recorded = this.#recorded.day === pending.day ? this.#recorded.sections : new Set();
		if ([...sections].some((id) => !recorded.has(id))) this.#writeChunk(transaction, true);
		else this.#scheduleFlush(now);
	}

	flush(): void {
		this.#cancelTimer();
		if (!this.#pending || this.#stopped) return;
		this.#doc.transact((transaction) => this.#writeChunk(transaction, false), this.#origin);
	}

	stop(): void {
		this.flush();
		this.#doc.off('afterTransaction', this.#onTransaction);
		this.#stopped = true;
	}

	#pendingAt(now: Date): PendingChunk {
		if (!this.#pending) {
			const day = localDay(now);
			this.#pending = { day, sections: new Set(), firstAt: now, lastAt: now, deletions: [] };
		}
		return this.#pending;
	}

	/** Collects what local transactions outside a written chunk deleted. */
	#collectDeletions(transaction: Y.Transaction): void {
		if (!transaction.local || transaction === this.#chunkTransaction || this.#stopped) return;
		const deletions = rangesFromDeleteSet(transaction.deleteSet);
		if (deletions.size === 0) return;

		const now = this.#now();
		this.#pendingAt(now).deletions.push(deletions);
		this.#scheduleFlush(now);
	}

	/**
	 * Writes the pending chunk in `transaction`. With `includeCurrent`, the chunk covers the
	 * deletions made so far in that transaction, so there is nothing left to collect from it.
	 */
	#writeChunk(transaction: Y.Transaction, includeCurrent: boolean): void {
		const pending = this.#pending;
		if (!pending) return;
		const deletions = [...pending.deletions];
		if (includeCurrent) deletions.push(rangesFromDeleteSet(transaction.deleteSet));
		const editor = this.#origin.editor;
		writeHistoryChunk(this.#doc, editor, { ...pending, deletions: mergeRanges(deletions) });

		if (this.#recorded.day !== pending.day) {
			this.#recorded = { day: pending.day, sections: new Set() };
		}
		for (const section of pending.sections) this.#recorded.sections.add(section);
		this.#pending = null;
		this.#chunkTransaction = transaction;
		this.#lastChunkAt = this.#now().getTime();
		this.#cancelTimer();
	}

	/** Records, dated today, what closed sessions left unrecorded (see `HistoryChunk`). */
	#recordLeftovers(): void {
		const deletions = unrecordedDeletions(this.#doc);
		const otherClocks = unrecordedClocks(this.#doc);
		if (deletions.size === 0 && otherClocks.length === 0) return;

		const now = this.#now();
		const content = { day: localDay(now), sections: [], firstAt: now, lastAt: now };
		this.#doc.transact((transaction) => {
			writeHistoryChunk(this.#doc, this.#origin.editor, { ...content, deletions, otherClocks });
			this.#chunkTransaction = transaction;
		}, this.#origin);
	}

	#scheduleFlush(now: Date): void {
		if (this.#timer !== null) return;
		const delay = Math.max(0, this.#lastChunkAt + this.#intervalMs - now.getTime());
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.flush();
		}, delay);
	}

	#cancelTimer(): void {
		if (this.#timer === null) return;
		clearTimeout(this.#timer);
		this.#timer = null;
	}
}
