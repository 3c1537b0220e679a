import type { TaskLevel } from '$lib/assessment/specification.schema';

/** A teacher as the analysis names them: a roster id and the full name shown in reports. */
export interface TeacherRef {
	id: string;
	name: string;
}

/**
 * One class's result of an earlier procedure, kept to tell a persistent mass deficit from a
 * new one. `historyEntries` in deficits.ts derives these from an analysis.
 */
export interface TeacherHistoryEntry {
	teacherId: string;
	/** ISO date of the procedure, `YYYY-MM-DD`. */
	date: string;
	procedureId: string;
	classKey: string;
	/** Skill codes that were mass deficits in that class. */
	massSkills: string[];
}

/** The rule for a `не пройд.` cell (topic not yet taught) in solve rates. */
export type NotTaughtRule = 'zero' | 'exclude';

export interface AnalysisOptions {
	/**
	 * Lowest solve rate, 0–1, at which a group has mastered a task of each level. Defaults
	 * follow ФИОКО's recommendations for analysing ВПР: basic 60 %, higher and high 30 %.
	 */
	masteryThresholds: Record<TaskLevel, number>;
	/**
	 * `zero` counts a not-taught cell as 0 points of its maximum, as the official totals do.
	 * `exclude` leaves it out of both points earned and points possible.
	 */
	notTaught: NotTaughtRule;
	/** Groups with fewer present students are marked unreliable (ФИОКО: at least 10). */
	minGroupSize: number;
	/** Cronbach's alpha is reported as null for groups with fewer present students. */
	minAlphaSize: number;
	/** Share of a class, 0–1, failing a skill from which the deficit counts as mass. */
	massShare: number;
	/** Points above the lowest passing total within which a student is in the risk group. */
	riskMargin: number;
	/** Bounds on the size of a correction group, in students. */
	correctionGroupSize: { min: number; max: number };
	/** The total behind marks, risk and histograms: the one in the file, or the sum of cells. */
	totals: 'official' | 'cells';
	/**
	 * Teacher of the procedure's subject per class, keyed `school/class` or by class label
	 * alone (a single-school file); the `school/class` key wins.
	 */
	teachers: Record<string, TeacherRef>;
	/** Earlier procedures of the same teachers, for persistent versus new mass deficits. */
	history: TeacherHistoryEntry[];
	/** ISO date of this procedure; defaults to the specification's date. */
	date?: string;
	/** Id of this procedure; history entries with the same id never count as earlier. */
	procedureId: string;
	/** Students to compare every group with; defaults to everyone present in the file. */
	reference?: { label: string; members: ArrayLike<number> };
}

export const defaultOptions: AnalysisOptions = {
	masteryThresholds: { Б: 0.6, П: 0.3, В: 0.3 },
	notTaught: 'zero',
	minGroupSize: 10,
	minAlphaSize: 15,
	massShare: 0.5,
	riskMargin: 2,
	// A product default for small-group work in a lesson, not a published norm.
	correctionGroupSize: { min: 3, max: 6 },
	totals: 'official',
	teachers: {},
	history: [],
	procedureId: 'current'
};

/** Fills unset options with the defaults and rejects values that make no sense. */
export function resolveOptions(partial: Partial<AnalysisOptions> = {}): AnalysisOptions {
	const options: AnalysisOptions = {
		...defaultOptions,
		...partial,
		masteryThresholds: { ...defaultOptions.masteryThresholds, ...partial.masteryThresholds },
		correctionGroupSize: { ...defaultOptions.correctionGroupSize, ...partial.correctionGroupSize }
	};
	for (const [level, value] of Object.entries(options.masteryThresholds)) {
		requireShare(`masteryThresholds.${level}`, value);
	}
	requireShare('massShare', options.massShare);
	requireCount('minGroupSize', options.minGroupSize);
	requireCount('minAlphaSize', options.minAlphaSize);
	requireCount('riskMargin', options.riskMargin);
	const { min, max } = options.correctionGroupSize;
	requireCount('correctionGroupSize.min', min);
	requireCount('correctionGroupSize.max', max);
	if (min < 1 || max < min) {
		throw new RangeError(
			`correctionGroupSize must satisfy 1 <= min <= max, got min ${min}, max ${max}`
		);
	}
	return options;
}

function requireShare(name: string, value: number): void {
	if (!(value >= 0 && value <= 1)) {
		throw new RangeError(`${name} must be a share between 0 and 1, got ${value}`);
	}
}

function requireCount(name: string, value: number): void {
	if (!Number.isInteger(value) || value < 0) {
		throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
	}
}
