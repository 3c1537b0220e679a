import { describeError, isCancellation } from '$lib/shared/errors';
import { createLogger } from '$lib/shared/logger';

const log = createLogger('ui');

interface ShownError {
	id: number;
	message: string;
}

/**
 * The one handler for errors meant for a person: logs once with the caller's tag and shows
 * the Russian message. Cancellations are ignored.
 */
class ErrorReporter {
	#shown = $state<ShownError[]>([]);
	#next = 1;

	get shown(): ShownError[] {
		return this.#shown;
	}

	report(error: unknown, tag = 'ui'): void {
		if (isCancellation(error)) return;
		const { reason, message, detail } = describeError(error);
		log.error(`${tag}: ${reason}`, { detail });
		const id = this.#next++;
		this.#shown = [...this.#shown.slice(-2), { id, message }];
		setTimeout(() => this.dismiss(id), 12_000);
	}

	dismiss(id: number): void {
		this.#shown = this.#shown.filter((item) => item.id !== id);
	}
}

export const errors = new ErrorReporter();
