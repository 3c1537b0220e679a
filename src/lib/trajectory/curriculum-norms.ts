import { standardEditions, type StandardEdition } from './curriculum-plan.schema';

/**
 * The norms the curriculum plan is checked against, as data. Each row keeps its source and
 * edition beside its numbers, so a school can pick the edition that binds it, and a newer
 * edition is a new row, not new code. A school overrides any row with `withSchoolNorms`.
 */

export interface NormSource {
	/** The document, with the number of its table or order where there is one. */
	document: string;
	edition: string;
}

/** Grades are inclusive ranges, e.g. `[2, 4]` for grades 2 to 4. */
export type GradeRange = readonly [number, number];

export interface WeeksNorm {
	grades: GradeRange;
	weeks: number;
	source: NormSource;
}

export interface WeeklyMaxNorm {
	grades: GradeRange;
	/** Maximum academic hours a week with a five-day school week. */
	fiveDay: number;
	/** The same for a six-day week; null where the rules allow no six-day week. */
	sixDay: number | null;
	source: NormSource;
}

export type EducationLevel = 'basic-general' | 'secondary-general';

export interface LevelTotalNorm {
	standard: StandardEdition;
	level: EducationLevel;
	grades: GradeRange;
	min: number;
	max: number;
	source: NormSource;
}

export interface CurriculumNorms {
	weeks: WeeksNorm[];
	weeklyMax: WeeklyMaxNorm[];
	levelTotals: LevelTotalNorm[];
}

export const educationLevelLabels: Record<EducationLevel, string> = {
	'basic-general': 'основного общего образования (5–9 классы)',
	'secondary-general': 'среднего общего образования (10–11 классы)'
};

const sanPiN: NormSource = {
	document: 'СанПиН 1.2.3685-21, таблица 6.6',
	edition: '2021; те же значения, что в СанПиН 2.4.2.2821-10'
};

export const defaultCurriculumNorms: CurriculumNorms = {
	weeks: [
		{
			grades: [1, 1],
			weeks: 33,
			source: {
				document: 'ФОП НОО (приказ Минпросвещения России от 18.05.2023 № 372)',
				edition: '2023'
			}
		},
		{
			grades: [2, 4],
			weeks: 34,
			source: {
				document: 'ФОП НОО (приказ Минпросвещения России от 18.05.2023 № 372)',
				edition: '2023'
			}
		},
		{
			grades: [5, 9],
			weeks: 34,
			source: { document: 'Федеральная образовательная программа ООО', edition: '2023' }
		},
		{
			grades: [10, 11],
			weeks: 34,
			source: { document: 'Федеральная образовательная программа СОО', edition: '2023' }
		}
	],
	weeklyMax: [
		{ grades: [1, 1], fiveDay: 21, sixDay: null, source: sanPiN },
		{ grades: [2, 4], fiveDay: 23, sixDay: 26, source: sanPiN },
		{ grades: [5, 5], fiveDay: 29, sixDay: 32, source: sanPiN },
		{ grades: [6, 6], fiveDay: 30, sixDay: 33, source: sanPiN },
		{ grades: [7, 7], fiveDay: 32, sixDay: 35, source: sanPiN },
		{ grades: [8, 9], fiveDay: 33, sixDay: 36, source: sanPiN },
		{ grades: [10, 11], fiveDay: 34, sixDay: 37, source: sanPiN }
	],
	// NOTE: the 2021 and 2022 ranges are as commonly cited, not checked against the orders. A
	// school should confirm them against the edition that binds it and override what differs.
	levelTotals: [
		{
			standard: 'fgos-ooo-2010',
			level: 'basic-general',
			grades: [5, 9],
			min: 5267,
			max: 6020,
			source: {
				document:
					'ФГОС основного общего образования (приказ Минобрнауки России от 17.12.2010 № 1897)',
				edition: '2010'
			}
		},
		{
			standard: 'fgos-ooo-2021',
			level: 'basic-general',
			grades: [5, 9],
			min: 5058,
			max: 5848,
			source: {
				document:
					'ФГОС основного общего образования (приказ Минпросвещения России от 31.05.2021 № 287)',
				edition: '2021'
			}
		},
		{
			standard: 'fgos-soo-2012',
			level: 'secondary-general',
			grades: [10, 11],
			min: 2170,
			max: 2590,
			source: {
				document:
					'ФГОС среднего общего образования (приказ Минобрнауки России от 17.05.2012 № 413)',
				edition: '2012'
			}
		},
		{
			standard: 'fgos-soo-2022',
			level: 'secondary-general',
			grades: [10, 11],
			min: 2170,
			max: 2516,
			source: {
				document:
					'ФГОС среднего общего образования (приказ Минобрнауки России от 17.05.2012 № 413)',
				edition: 'с изменениями 2022 года'
			}
		}
	]
};

/**
 * Returns the norms with a school's rows put first, so they win: a weeks or weekly-maximum row
 * covers the grades of its range, a level-total row replaces the row of the same standard.
 */
export function withSchoolNorms(
	norms: CurriculumNorms,
	school: Partial<CurriculumNorms>
): CurriculumNorms {
	const replaced = new Set((school.levelTotals ?? []).map((row) => row.standard));
	return {
		weeks: [...(school.weeks ?? []), ...norms.weeks],
		weeklyMax: [...(school.weeklyMax ?? []), ...norms.weeklyMax],
		levelTotals: [
			...(school.levelTotals ?? []),
			...norms.levelTotals.filter((row) => !replaced.has(row.standard))
		]
	};
}

function covers(range: GradeRange, grade: number): boolean {
	return grade >= range[0] && grade <= range[1];
}

export function weeksForGrade(norms: CurriculumNorms, grade: number): WeeksNorm | null {
	return norms.weeks.find((row) => covers(row.grades, grade)) ?? null;
}

export function weeklyMaxForGrade(norms: CurriculumNorms, grade: number): WeeklyMaxNorm | null {
	return norms.weeklyMax.find((row) => covers(row.grades, grade)) ?? null;
}

/** Returns the level whose total hours a standard limits, or null for grades 1–4. */
export function levelOfGrade(grade: number): EducationLevel | null {
	if (grade >= 5 && grade <= 9) return 'basic-general';
	if (grade >= 10 && grade <= 11) return 'secondary-general';
	return null;
}

/** Returns the standard's level-total row, or the newest edition for the level when none is chosen. */
export function levelTotalFor(
	norms: CurriculumNorms,
	level: EducationLevel,
	standard: StandardEdition | null
): LevelTotalNorm | null {
	if (standard) return norms.levelTotals.find((row) => row.standard === standard) ?? null;
	const rows = norms.levelTotals.filter((row) => row.level === level);
	// Editions are listed oldest first in `standardEditions`.
	rows.sort((a, b) => standardEditions.indexOf(b.standard) - standardEditions.indexOf(a.standard));
	return rows[0] ?? null;
}

export function formatSource(source: NormSource): string {
	return `${source.document}, ред. ${source.edition}`;
}
