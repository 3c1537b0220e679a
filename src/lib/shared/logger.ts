/**
 * A levelled logger with module tags. Quiet by default: warnings and errors only, unless
 * `localStorage.debug` (browser) or `LOG_LEVEL` (Node) asks for more.
 */

const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof levels;

function configuredLevel(): LogLevel {
	const fromEnv = typeof process !== 'undefined' ? process.env?.LOG_LEVEL : undefined;
	let fromStorage: string | null = null;
	try {
		fromStorage = typeof localStorage !== 'undefined' ? localStorage.getItem('debug') : null;
	} catch {
		fromStorage = null;
	}
	const wanted = fromStorage === 'true' ? 'debug' : (fromStorage ?? fromEnv);
	return wanted && wanted in levels ? (wanted as LogLevel) : 'warn';
}

let threshold = levels[configuredLevel()];

export function setLogLevel(level: LogLevel): void {
	threshold = levels[level];
}

export interface Logger {
	debug(message: string, fields?: Record<string, unknown>): void;
	info(message: string, fields?: Record<string, unknown>): void;
	warn(message: string, fields?: Record<string, unknown>): void;
	error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(tag: string): Logger {
	const emit = (
		level: Exclude<LogLevel, 'silent'>,
		message: string,
		fields?: Record<string, unknown>
	) => {
		if (levels[level] < threshold) return;
		const line = `[${tag}] ${message}`;
		const sink = level === 'debug' ? console.debug : console[level];
		if (fields) sink(line, fields);
		else sink(line);
	};
	return {
		debug: (message, fields) => emit('debug', message, fields),
		info: (message, fields) => emit('info', message, fields),
		warn: (message, fields) => emit('warn', message, fields),
		error: (message, fields) => emit('error', message, fields)
	};
}
