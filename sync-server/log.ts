import type { Logger } from '../src/lib/shared/logger';

export type RelayLogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const levelRank: Record<RelayLogLevel, number> = {
	debug: 10,
	info: 20,
	warn: 30,
	error: 40,
	silent: 100
};

/**
 * Field names that must never reach a log line. Callers do not pass them, and this list
 * drops them anyway in case one slips into a spread object.
 */
const secretFields = new Set(['token', 'secret', 'authorization']);

/**
 * Creates a logger that writes one JSON object per line: `{"time","level","event",...fields}`.
 * The message argument of the shared Logger interface is the event name, such as
 * `connection-open`, so lines can be filtered by event without parsing prose.
 */
export function createJsonLogger(
	level: RelayLogLevel,
	write: (line: string) => void = (line) => process.stdout.write(line + '\n')
): Logger {
	const threshold = levelRank[level];
	const emit = (lineLevel: Exclude<RelayLogLevel, 'silent'>) => {
		return (event: string, fields?: Record<string, unknown>) => {
			if (levelRank[lineLevel] < threshold) return;
			const entry: Record<string, unknown> = {
				time: new Date().toISOString(),
				level: lineLevel,
				event
			};
			for (const [key, value] of Object.entries(fields ?? {})) {
				if (!secretFields.has(key.toLowerCase())) entry[key] = serialisable(value);
			}
			write(JSON.stringify(entry));
		};
	};
	return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** Errors serialise to `{}` in JSON, so they are logged by name and message. */
function serialisable(value: unknown): unknown {
	if (value instanceof Error) return { name: value.name, message: value.message };
	return value;
}

/**
 * Limits repeated log lines to one per key and interval, so a client that reconnects in a
 * loop cannot flood the log. `admit(key)` returns the number of lines suppressed since the
 * last admitted one, or null when this one is to be suppressed too.
 */
export class RepeatGate {
	private readonly entries = new Map<string, { lastAt: number; suppressed: number }>();

	constructor(
		private readonly intervalMs: number,
		private readonly now: () => number = () => Date.now()
	) {}

	admit(key: string): number | null {
		const now = this.now();
		const entry = this.entries.get(key);
		if (entry && now - entry.lastAt < this.intervalMs) {
			entry.suppressed++;
			return null;
		}
		if (this.entries.size > 10_000) this.prune(now);
		this.entries.set(key, { lastAt: now, suppressed: 0 });
		return entry?.suppressed ?? 0;
	}

	private prune(now: number): void {
		for (const [key, entry] of this.entries) {
			if (now - entry.lastAt >= this.intervalMs) this.entries.delete(key);
		}
	}
}
