import type { ResultMatrix } from '$lib/assessment/result-matrix';
import type { Specification, TaskLevel } from '$lib/assessment/specification.schema';
import {
	correctionGroups,
	wordsFor,
	type CandidateSet,
	type CorrectionGroup
} from './correction-groups';
import {
	classDeficits,
	countFailures,
	indexHistory,
	type DeficitContext,
	type SkillDeficit
} from './deficits';
import {
	computeGroupTable,
	referenceRatesOf,
	type AnalysisContext,
	type GroupTable
} from './group-table';
import {
	classGrouping,
	customGrouping,
	fileGrouping,
	schoolGrouping,
	type Grouping
} from './groups';
import { measureGroups } from './group-moments';
import { checkMatrixFitsLayout, layoutOf } from './layout';
import { computeMarks, markRules } from './marks';
import { Mastery } from './mastery';
import { resolveOptions, type AnalysisOptions, type TeacherRef } from './options';
import { riskFlags } from './risk-group';
import { columnThresholds, scoreStudents, type StudentScores } from './solve-rates';
import { summarizeTeachers, teacherOf, type TeacherSummary } from './teachers';

export interface PositionInfo {
	label: string;
	position: number;
	maxPoints: number;
	level: TaskLevel;
	threshold: number;
	skills: string[];
}

/** Class details beyond the statistics of any group, in the order of the class table. */
export interface ClassDetail {
	key: string;
	teacher: TeacherRef | null;
	/** Tasks (as columns) and skills the class did not master. */
	typicalErrors: { columns: number[]; skills: string[] };
	deficits: SkillDeficit[];
	correctionGroups: CorrectionGroup[];
}

/** Per-student results; arrays have one entry per row of the matrix. */
export interface StudentTable extends StudentScores {
	marks: Int8Array;
	/** 1 for a student in the risk group. */
	risk: Uint8Array;
}

export interface ProcedureAnalysis {
	procedure: Pick<Specification, 'kind' | 'subject' | 'grade' | 'year' | 'date'>;
	settings: Omit<AnalysisOptions, 'history' | 'reference' | 'teachers'>;
	positions: PositionInfo[];
	skillCodes: string[];
	maxTotal: number;
	students: StudentTable;
	/** One group: every row of the file. */
	file: GroupTable;
	/** The custom reference group, or null when the whole file is the reference. */
	reference: GroupTable | null;
	schools: GroupTable;
	classes: GroupTable;
	classDetails: ClassDetail[];
	teachers: TeacherSummary[];
}

/**
 * Analyses one procedure for the whole file, each school and each class of each school.
 * Throws a validation AppError when the matrix does not fit the specification.
 */
export function analyzeProcedure(
	matrix: ResultMatrix,
	spec: Specification,
	partial: Partial<AnalysisOptions> = {}
): ProcedureAnalysis {
	const context = prepare(matrix, spec, resolveOptions(partial));
	const tables = computeTables(context);
	const classDetails = detailClasses(context, spec, classGrouping(matrix), tables.classes);
	const {
		history: _history,
		reference: _reference,
		teachers: _teachers,
		...settings
	} = context.options;
	return {
		procedure: {
			kind: spec.kind,
			subject: spec.subject,
			grade: spec.grade,
			year: spec.year,
			date: spec.date
		},
		settings,
		positions: positionInfo(context),
		skillCodes: context.layout.skillCodes,
		maxTotal: context.layout.maxTotal,
		students: { ...context.scores, marks: context.marks, risk: context.risk },
		...tables,
		classDetails,
		teachers: summarizeTeachers(classDetails)
	};
}

/**
 * Builds the tables of the file, its schools and classes, and the custom reference group.
 * Classes are measured from the cells; schools and the file are summed from them.
 */
function computeTables(
	context: AnalysisContext
): Pick<ProcedureAnalysis, 'file' | 'reference' | 'schools' | 'classes'> {
	const { matrix, layout, options, scores } = context;
	const measure = (grouping: Grouping, coarser: Grouping[] = []) =>
		measureGroups(matrix, layout, grouping, scores.cellTotals, options, coarser);

	let reference: GroupTable | null = null;
	if (options.reference) {
		const { label, members } = options.reference;
		const grouping = customGrouping(matrix, label, members);
		reference = computeGroupTable(context, grouping, measure(grouping).groups, null);
	}

	const classGroups = classGrouping(matrix);
	const schoolGroups = schoolGrouping(matrix);
	const fileGroups = fileGrouping(matrix);
	const measured = measure(classGroups, [schoolGroups, fileGroups]);
	const referenceRates = reference ? referenceRatesOf(reference) : null;
	const file = computeGroupTable(context, fileGroups, measured.coarser[1], referenceRates);
	const rates = referenceRatesOf(reference ?? file);
	return {
		file,
		reference,
		schools: computeGroupTable(context, schoolGroups, measured.coarser[0], rates),
		classes: computeGroupTable(context, classGroups, measured.groups, rates)
	};
}

function prepare(
	matrix: ResultMatrix,
	spec: Specification,
	options: AnalysisOptions
): AnalysisContext {
	const layout = layoutOf(spec);
	checkMatrixFitsLayout(matrix, layout);
	const rules = markRules(spec.markScale, layout);
	const scores = scoreStudents(matrix, layout, options);
	const marks = computeMarks(matrix, rules, scores.totals);
	let highest = layout.maxTotal;
	for (let s = 0; s < matrix.studentCount; s++) {
		highest = Math.max(highest, scores.totals[s], scores.cellTotals[s]);
	}
	return {
		matrix,
		layout,
		options,
		rules,
		thresholds: columnThresholds(layout, options),
		scores,
		marks,
		risk: riskFlags(matrix, marks, scores.totals, rules, options.riskMargin),
		histogramLength: highest + 1
	};
}

function positionInfo({ layout, thresholds }: AnalysisContext): PositionInfo[] {
	return layout.labels.map((label, p) => {
		const skills = layout.columnSkills.subarray(
			layout.columnOffsets[p],
			layout.columnOffsets[p + 1]
		);
		return {
			label,
			position: layout.positions[p],
			maxPoints: layout.maxPoints[p],
			level: layout.levels[p],
			threshold: thresholds[p],
			skills: Array.from(skills, (k) => layout.skillCodes[k])
		};
	});
}

function detailClasses(
	context: AnalysisContext,
	spec: Specification,
	grouping: Grouping,
	table: GroupTable
): ClassDetail[] {
	const { layout, options, scores } = context;
	const K = layout.skillCodes.length;
	const counts = countFailures(grouping, scores.skillRates, scores.skillFailed, K);
	const skillIndex = new Map(layout.skillCodes.map((code, k) => [code, k]));
	const history = indexHistory(options.history);
	const anyTeacher = Object.keys(options.teachers).length > 0;
	const date = options.date ?? spec.date;
	return grouping.keys.map((key, g) => {
		const teacher = anyTeacher
			? teacherOf(options.teachers, table.schools[g] ?? '', table.labels[g])
			: null;
		const deficitContext: DeficitContext = {
			massShare: options.massShare,
			teacher,
			history,
			date,
			procedureId: options.procedureId
		};
		const deficits = classDeficits(counts, g, layout, deficitContext);
		const pointMask = new Array<number>(wordsFor(K)).fill(0);
		for (const deficit of deficits) {
			if (deficit.kind !== 'point') continue;
			const k = skillIndex.get(deficit.skill)!;
			pointMask[k >>> 5] = (pointMask[k >>> 5] | (1 << (k & 31))) >>> 0;
		}
		return {
			key,
			teacher,
			typicalErrors: typicalErrors(table, g, layout.skillCodes),
			deficits,
			correctionGroups: classCorrectionGroups(context, grouping, g, counts.studentMasks, pointMask)
		};
	});
}

function typicalErrors(
	table: GroupTable,
	g: number,
	skillCodes: string[]
): ClassDetail['typicalErrors'] {
	const P = table.positionCount;
	const K = table.skillCount;
	const columns: number[] = [];
	for (let p = 0; p < P; p++) {
		if (table.mastery.positions[g * P + p] === Mastery.notMastered) columns.push(p);
	}
	const skills: string[] = [];
	for (let k = 0; k < K; k++) {
		if (table.mastery.skills[g * K + k] === Mastery.notMastered) skills.push(skillCodes[k]);
	}
	return { columns, skills };
}

/** Groups the present students of class g who failed a skill that is a point deficit there. */
function classCorrectionGroups(
	{ matrix, layout, options }: AnalysisContext,
	grouping: Grouping,
	g: number,
	failedMasks: Uint32Array,
	pointMask: number[]
): CorrectionGroup[] {
	const W = pointMask.length;
	if (pointMask.every((word) => word === 0)) return [];
	const candidates: CandidateSet = { rows: [], masks: [], words: W };
	for (let i = grouping.offsets[g]; i < grouping.offsets[g + 1]; i++) {
		const s = grouping.members[i];
		if (!matrix.present[s]) continue;
		let any = 0;
		for (let w = 0; w < W; w++) any |= failedMasks[s * W + w] & pointMask[w];
		if (any === 0) continue;
		candidates.rows.push(s);
		for (let w = 0; w < W; w++)
			candidates.masks.push((failedMasks[s * W + w] & pointMask[w]) >>> 0);
	}
	return candidates.rows.length > 0
		? correctionGroups(candidates, layout.skillCodes, options.correctionGroupSize)
		: [];
}
