import type * as Y from 'yjs';
import type { z } from 'zod';
import { defineSection, getPartMap, getPartRows, type SectionLayout } from '$lib/coedit';
import { roadmapFieldsSchema, roadmapSectionIds, type RoadmapSectionId } from './roadmap.schema';
import {
	closingSchema,
	diagnosticsFieldsSchema,
	personalSchema,
	type DeficitGroup
} from './teacher-route.schema';

/*
 * Where each part of a route lives in its Y.Doc, as co-editing sections. Every part is a
 * top-level type named `{section}/{part}`, and top-level types with one name merge across
 * replicas, so two devices that set up the same route offline never get two copies of a
 * block or a roadmap section.
 *
 *   route/meta                  map    version, schoolId, teacherId, createdAt
 *   personal/fields             map    plain fields of block 1 (dates, numbers, choices, lines)
 *   personal/{text field}       text   e.g. personal/educationInstitution, personal/goal
 *   deficits/{group}            rows   e.g. deficits/professional; text column `text`
 *   diagnostics/fields          map    date
 *   diagnostics/instrument      text
 *   diagnostics/results         rows   text columns `competence`, `result`
 *   roadmap/fields              map    duration, start, end
 *   roadmap/{section}           rows   e.g. roadmap/1-3 for section 1.3
 *   roadmap/links               map    `{rowId}|{deficitId}` -> true: which row addresses which deficit
 *   closing/fields              map
 *   signatures/records          map    deputy, teacher -> plain sign-off record
 *   proposals/dismissed         map    proposal key -> plain dismissal record
 *
 * Plain values resolve concurrent edits by last writer, which suits values typed in one go;
 * free text merges character by character. Links are one map entry each, so two devices that
 * link different deficits to one row offline keep both links.
 */

const roadmapTextColumns = ['content', 'details', 'role', 'doneDocument'] as const;

/** Part name of a roadmap section: `1.3` -> `1-3`, since part names take no dots. */
export function sectionPart(section: RoadmapSectionId): string {
	return section.replace('.', '-');
}

const roadmapRowParts = Object.fromEntries(
	roadmapSectionIds.map((section) => [
		sectionPart(section),
		{ kind: 'rows', textColumns: roadmapTextColumns } as const
	])
);

export const routeSections = {
	route: defineSection('route', { meta: { kind: 'map' } }),
	personal: defineSection('personal', {
		fields: { kind: 'map' },
		educationInstitution: { kind: 'text' },
		educationSpeciality: { kind: 'text' },
		educationQualification: { kind: 'text' },
		goal: { kind: 'text' }
	}),
	deficits: defineSection('deficits', {
		generalCultural: { kind: 'rows', textColumns: ['text'] },
		generalProfessional: { kind: 'rows', textColumns: ['text'] },
		professional: { kind: 'rows', textColumns: ['text'] }
	}),
	diagnostics: defineSection('diagnostics', {
		fields: { kind: 'map' },
		instrument: { kind: 'text' },
		results: { kind: 'rows', textColumns: ['competence', 'result'] }
	}),
	roadmap: defineSection('roadmap', {
		fields: { kind: 'map' },
		links: { kind: 'map' },
		...roadmapRowParts
	}),
	closing: defineSection('closing', { fields: { kind: 'map' } }),
	signatures: defineSection('signatures', { records: { kind: 'map' } }),
	proposals: defineSection('proposals', { dismissed: { kind: 'map' } })
} as const;

export const roadmapTextKeys: readonly string[] = roadmapTextColumns;

/**
 * A block of fields: plain ones in the section's `fields` map, free-text ones each in a text
 * part of the same name.
 */
export interface BlockLayout<S extends z.ZodObject = z.ZodObject> {
	section: SectionLayout;
	schema: S;
	texts: readonly string[];
}

export const blocks = {
	personal: {
		section: routeSections.personal,
		schema: personalSchema,
		texts: ['educationInstitution', 'educationSpeciality', 'educationQualification']
	},
	diagnostics: {
		section: routeSections.diagnostics,
		schema: diagnosticsFieldsSchema,
		texts: ['instrument']
	},
	roadmap: { section: routeSections.roadmap, schema: roadmapFieldsSchema, texts: [] },
	closing: { section: routeSections.closing, schema: closingSchema, texts: [] }
} as const satisfies Record<string, BlockLayout>;

export type BlockName = keyof typeof blocks;
export type BlockValues<B extends BlockName> = z.infer<(typeof blocks)[B]['schema']>;
export type BlockTextKey<B extends BlockName> = (typeof blocks)[B]['texts'][number];
export type BlockPlainKey<B extends BlockName> = Exclude<keyof BlockValues<B>, BlockTextKey<B>>;

export function deficitRows(doc: Y.Doc, group: DeficitGroup): Y.Array<Y.Map<unknown>> {
	return getPartRows(doc, routeSections.deficits, group);
}

export function sectionRows(doc: Y.Doc, section: RoadmapSectionId): Y.Array<Y.Map<unknown>> {
	return getPartRows(doc, routeSections.roadmap, sectionPart(section));
}

export function linksMap(doc: Y.Doc): Y.Map<unknown> {
	return getPartMap(doc, routeSections.roadmap, 'links');
}

export function linkKey(rowId: string, deficitId: string): string {
	return `${rowId}|${deficitId}`;
}

/** Splits a links key; null for a key that is not `{rowId}|{deficitId}`. */
export function parseLinkKey(key: string): { rowId: string; deficitId: string } | null {
	const parts = key.split('|');
	return parts.length === 2 && parts[0] && parts[1]
		? { rowId: parts[0], deficitId: parts[1] }
		: null;
}
