import type { ResultMatrix } from '$lib/assessment/result-matrix';
import type { Specification, TaskLevel } from '$lib/assessment/specification.schema';
import { correctionGroups, type Candidate, type CorrectionGroup } from './correction-groups';
import {
	classDeficits,
	countFailures,
	indexHistory,
	type DeficitContext,
	type SkillDeficit
} from './deficits';
import {
	computeTables,
	groupReport,
	type AnalysisContext,
	type GroupReport,
	type GroupTables
} from './group-report';
import { classGrouping, customGrouping, fileGrouping, schoolGrouping } from './groups';
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

export interface ClassReport extends GroupReport {
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
	file: GroupReport;
	/** The custom reference group, or null when the whole file is the reference. */
	reference: GroupReport | null;
	schools: GroupReport[];
	classes: ClassReport[];
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
	const { options } = context;
	const fileTables = computeTables(context, fileGrouping(matrix));
	const referenceTables = options.reference
		? computeTables(
				context,
				customGrouping(matrix, options.reference.label, options.reference.members)
			)
		: fileTables;
	const report = (tables: GroupTables) =>
		tables.grouping.labels.map((_, g) => groupReport(context, tables, g, referenceTables));
	const classes = classReports(
		context,
		spec,
		computeTables(context, classGrouping(matrix)),
		report
	);
	const { history: _history, reference: _reference, teachers: _teachers, ...settings } = options;
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
		file: report(fileTables)[0],
		reference: options.reference ? report(referenceTables)[0] : null,
		schools: report(computeTables(context, schoolGrouping(matrix))),
		classes,
		teachers: summarizeTeachers(classes)
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
	return layout.labels.map((label, p) => ({
		label,
		position: layout.positions[p],
		maxPoints: layout.maxPoints[p],
		level: layout.levels[p],
		threshold: thresholds[p],
		skills: Array.from(
			layout.columnSkills.subarray(layout.columnOffsets[p], layout.columnOffsets[p + 1]),
			(k) => layout.skillCodes[k]
		)
	}));
}

function classReports(
	context: AnalysisContext,
	spec: Specification,
	tables: GroupTables,
	report: (tables: GroupTables) => GroupReport[]
): ClassReport[] {
	const { matrix, layout, options, scores } = context;
	const K = layout.skillCodes.length;
	const counts = countFailures(tables.grouping, scores.skillRates, scores.skillFailed, K);
	const history = indexHistory(options.history);
	return report(tables).map((base, g) => {
		const teacher = teacherOf(options.teachers, base.school ?? '', base.label);
		const deficitContext: DeficitContext = {
			massShare: options.massShare,
			teacher,
			history,
			date: options.date ?? spec.date,
			procedureId: options.procedureId
		};
		const deficits = classDeficits(counts, g, layout, deficitContext);
		return {
			...base,
			teacher,
			typicalErrors: typicalErrors(base, layout.skillCodes),
			deficits,
			correctionGroups: classCorrectionGroups(context, tables, g, deficits)
		};
	});
}

function typicalErrors(report: GroupReport, skillCodes: string[]): ClassReport['typicalErrors'] {
	const columns: number[] = [];
	report.mastery.positions.forEach((code, p) => code === Mastery.notMastered && columns.push(p));
	const skills = skillCodes.filter((_, k) => report.mastery.skills[k] === Mastery.notMastered);
	return { columns, skills };
}

function classCorrectionGroups(
	{ matrix, layout, options, scores }: AnalysisContext,
	tables: GroupTables,
	g: number,
	deficits: SkillDeficit[]
): CorrectionGroup[] {
	const K = layout.skillCodes.length;
	const point = new Uint8Array(K);
	for (const deficit of deficits) {
		if (deficit.kind === 'point') point[layout.skillCodes.indexOf(deficit.skill)] = 1;
	}
	const candidates: Candidate[] = [];
	const { offsets, members } = tables.grouping;
	for (let i = offsets[g]; i < offsets[g + 1]; i++) {
		const s = members[i];
		if (!matrix.present[s]) continue;
		const skills: number[] = [];
		for (let k = 0; k < K; k++) if (point[k] && scores.skillFailed[s * K + k]) skills.push(k);
		if (skills.length > 0) candidates.push({ row: s, skills });
	}
	return candidates.length > 0
		? correctionGroups(candidates, layout.skillCodes, options.correctionGroupSize)
		: [];
}
