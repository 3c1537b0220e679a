import { z } from 'zod';
import { getPartMap, type EditSession } from '$lib/coedit';
import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';
import { isoDateSchema, shareSchema } from './route-values.schema';
import {
	deficitGroups,
	persistenceSchema,
	type DeficitEvidence,
	type Dismissal,
	type Persistence,
	type TeacherRoute
} from './teacher-route.schema';
import { routeSections } from './teacher-route.layout';
import { addDeficit, findDeficitGroup } from './route-rows.ydoc';
import { addTypicalMeasures, type MeasureKind } from './typical-measures';
import { evidenceLines, proposalSummary, proposalTitle, supportText } from './proposal-wording';

/**
 * Input contract: one mass deficit of one class on one skill in one procedure, as the
 * analysis of students' results finds it. Shares are 0–1. `solveRate` is the class's points
 * earned over points possible on the skill, `threshold` the solve rate below which the skill
 * counts as not mastered, `failedShare` the share of the class that did not master it.
 * `persistence` is `persistent` when the same teacher's class had this mass deficit in an
 * earlier procedure. `kind` may be left out, because the list is of mass deficits. An entry
 * with `kind: 'point'` (few students) never becomes a proposal, because point errors call for
 * groups of students, not for the teacher's route.
 */
export const massDeficitInputSchema = z.object({
	kind: z.enum(['mass', 'point']).optional(),
	procedureId: z.string().min(1),
	procedureTitle: z.string(),
	date: isoDateSchema,
	subject: z.string().trim().min(1),
	className: z.string().trim().min(1),
	skillCode: z.string().trim().min(1),
	skillText: z.string(),
	solveRate: shareSchema,
	threshold: shareSchema,
	failedShare: shareSchema,
	persistence: persistenceSchema,
	teacherId: z.string().min(1)
});
export type MassDeficitInput = z.input<typeof massDeficitInputSchema>;

export interface DeficitProposal {
	/** Stable across analyses: the subject and the skill code. */
	key: string;
	/** Id of the deficit that accepting the proposal adds; equal on every device. */
	deficitId: string;
	subject: string;
	skillCode: string;
	persistence: Persistence;
	classes: string[];
	/** «Методический дефицит: …», the text of the deficit once accepted. */
	title: string;
	summary: string;
	evidenceLines: string[];
	support: string;
	/** Measures suggested for the roadmap: more for a persistent deficit than for a new one. */
	measures: MeasureKind[];
	evidence: DeficitEvidence;
}

export interface RejectedInput {
	index: number;
	value: unknown;
	message: string;
}

export interface ProposalList {
	proposals: DeficitProposal[];
	/** Entries that failed validation or repeat an earlier entry; they give no proposal. */
	rejected: RejectedInput[];
}

const russianErrors = z.locales.ru().localeError;

/**
 * Measures to suggest, a product default rather than a published rule. A deficit that recurs
 * calls for sustained support (mentoring, a course, lesson visits), and a new one for lighter
 * forms first.
 */
const suggestedMeasures: Record<Persistence, MeasureKind[]> = {
	persistent: ['mentoring', 'course', 'lesson-visits'],
	new: ['seminar', 'lesson-visits']
};

/** Builds the key of a proposal from the subject, case- and ё-insensitive, and the skill code. */
export function proposalKey(subject: string, skillCode: string): string {
	const normalSubject = subject.trim().toLowerCase().replaceAll('ё', 'е');
	return `${normalSubject}|${skillCode.trim()}`;
}

/** Derives the id of a proposal's deficit from its key, so every device derives the same. */
export function proposalDeficitId(key: string): string {
	const hash = digest(encodeUtf8(key));
	const hex = Array.from(hash.subarray(0, 8), (byte) => byte.toString(16).padStart(2, '0'));
	return `analysis-${hex.join('')}`;
}

/**
 * Proposes professional deficits for one teacher from mass deficits of that teacher's
 * classes, skipping entries of other teachers. Entries are grouped by subject and skill code
 * across classes and procedures. Persistent proposals come first, then those seen in more of
 * the teacher's classes, then the rest by skill code.
 */
export function proposeDeficits(input: readonly unknown[], teacherId: string): ProposalList {
	const rejected: RejectedInput[] = [];
	const groups = new Map<string, z.output<typeof massDeficitInputSchema>[]>();
	const seen = new Set<string>();

	input.forEach((value, index) => {
		const parsed = massDeficitInputSchema.safeParse(value, { error: russianErrors });
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			rejected.push({ index, value, message: `${issue.path.join('.')}: ${issue.message}` });
			return;
		}
		const entry = parsed.data;
		if (entry.teacherId !== teacherId || entry.kind === 'point') return;

		const key = proposalKey(entry.subject, entry.skillCode);
		const entryKey = `${key}|${entry.procedureId}|${entry.className}`;
		if (seen.has(entryKey)) {
			const message = `Повтор: класс ${entry.className} уже указан для этого умения в процедуре ${entry.procedureId}.`;
			rejected.push({ index, value, message });
			return;
		}
		seen.add(entryKey);
		groups.set(key, [...(groups.get(key) ?? []), entry]);
	});

	const proposals = [...groups.entries()].map(([key, entries]) => buildProposal(key, entries));
	proposals.sort(
		(a, b) =>
			Number(b.persistence === 'persistent') - Number(a.persistence === 'persistent') ||
			b.classes.length - a.classes.length ||
			a.skillCode.localeCompare(b.skillCode, 'ru', { numeric: true })
	);
	return { proposals, rejected };
}

function buildProposal(
	key: string,
	entries: z.output<typeof massDeficitInputSchema>[]
): DeficitProposal {
	// Newest first, so that the skill's wording of the latest specification leads.
	const byDate = [...entries].sort((a, b) => b.date.localeCompare(a.date));
	const persistence: Persistence = entries.some((e) => e.persistence === 'persistent')
		? 'persistent'
		: 'new';
	const classes = [...new Set(entries.map((e) => e.className))].sort((a, b) =>
		a.localeCompare(b, 'ru', { numeric: true })
	);
	const skillTexts = [...new Set(byDate.map((e) => e.skillText.trim()).filter(Boolean))];
	const evidence: DeficitEvidence = {
		subject: byDate[0].subject,
		skillCode: byDate[0].skillCode,
		skillTexts: skillTexts.length > 0 ? skillTexts : [byDate[0].skillCode],
		persistence,
		procedures: groupByProcedure(entries)
	};
	const measures = suggestedMeasures[persistence];
	return {
		key,
		deficitId: proposalDeficitId(key),
		subject: evidence.subject,
		skillCode: evidence.skillCode,
		persistence,
		classes,
		title: proposalTitle(skillTexts[0] ?? '', evidence.skillCode),
		summary: proposalSummary(evidence, classes),
		evidenceLines: evidenceLines(evidence),
		support: supportText(measures),
		measures,
		evidence
	};
}

/** Groups entries by procedure, in date order, each with its classes in name order. */
function groupByProcedure(
	entries: z.output<typeof massDeficitInputSchema>[]
): DeficitEvidence['procedures'] {
	const procedures = new Map<string, DeficitEvidence['procedures'][number]>();
	for (const entry of entries) {
		const procedure = procedures.get(entry.procedureId) ?? {
			procedureId: entry.procedureId,
			procedureTitle: entry.procedureTitle,
			date: entry.date,
			classes: []
		};
		procedure.classes.push({
			className: entry.className,
			solveRate: entry.solveRate,
			threshold: entry.threshold,
			failedShare: entry.failedShare,
			persistence: entry.persistence
		});
		procedures.set(entry.procedureId, procedure);
	}
	const list = [...procedures.values()];
	for (const procedure of list)
		procedure.classes.sort((a, b) =>
			a.className.localeCompare(b.className, 'ru', { numeric: true })
		);
	return list.sort(
		(a, b) => a.date.localeCompare(b.date) || a.procedureId.localeCompare(b.procedureId)
	);
}

export type ProposalStatus = 'open' | 'accepted' | 'dismissed';

/**
 * Returns `accepted` when the route has the proposal's deficit, `dismissed` when a person
 * declined it, and `open` otherwise.
 */
export function proposalStatus(
	route: TeacherRoute,
	proposal: Pick<DeficitProposal, 'key' | 'deficitId'>
): ProposalStatus {
	const accepted = deficitGroups.some((group) =>
		route.deficits[group].some((d) => d.id === proposal.deficitId || d.proposalKey === proposal.key)
	);
	if (accepted) return 'accepted';
	return proposal.key in route.dismissedProposals ? 'dismissed' : 'open';
}

/** Returns the proposals still waiting for a decision in this route. */
export function openProposals(
	route: TeacherRoute,
	proposals: readonly DeficitProposal[]
): DeficitProposal[] {
	return proposals.filter((proposal) => proposalStatus(route, proposal) === 'open');
}

/**
 * Adds the proposal's deficit to the professional deficits, with its evidence, and a roadmap
 * row for each of `measures`, and returns their ids. Idempotent, also across devices: the
 * deficit and the rows have ids derived from the proposal, so accepting twice adds nothing,
 * and the read keeps one copy of what two devices accepted offline. Accepting clears an
 * earlier dismissal of the proposal.
 */
export function acceptProposal(
	session: EditSession,
	proposal: DeficitProposal,
	measures: readonly MeasureKind[] = [],
	now: Date = new Date()
): { deficitId: string; rowIds: string[] } {
	return session.transact(() => {
		addDeficit(session, 'professional', {
			id: proposal.deficitId,
			text: proposal.title,
			source: 'analysis',
			proposalKey: proposal.key,
			evidence: proposal.evidence,
			addedAt: now.toISOString(),
			addedBy: session.editor.personId
		});
		session.setValue(routeSections.proposals, 'dismissed', proposal.key, undefined);
		const topic = proposal.evidence.skillTexts[0];
		const rowIds = addTypicalMeasures(session, proposal.deficitId, measures, topic);
		return { deficitId: proposal.deficitId, rowIds };
	});
}

/**
 * Records that the session's editor declined the proposal; it stays declined in later
 * analyses until `restoreProposal`. Returns false, recording nothing, when the proposal is
 * already accepted. Dismissing twice keeps the first record.
 */
export function dismissProposal(
	session: EditSession,
	proposal: Pick<DeficitProposal, 'key' | 'deficitId'>,
	now: Date = new Date()
): boolean {
	if (findDeficitGroup(session.doc, proposal.deficitId)) return false;
	const dismissed = getPartMap(session.doc, routeSections.proposals, 'dismissed');
	if (dismissed.has(proposal.key)) return true;

	const dismissal: Dismissal = { at: now.toISOString(), by: session.editor.personId };
	session.setValue(routeSections.proposals, 'dismissed', proposal.key, dismissal);
	return true;
}

/** Offers a dismissed proposal again. */
export function restoreProposal(session: EditSession, key: string): boolean {
	return session.setValue(routeSections.proposals, 'dismissed', key, undefined);
}
