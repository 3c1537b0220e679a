/**
 * Document ids say what a document is and whose: `{school}/trajectory/{student}`.
 * The relay derives access from the parsed id, so parsing is strict: an id that does not
 * match one of these shapes is not a document.
 */

export type DocRef =
	| { kind: 'roster'; school: string }
	| { kind: 'trajectory'; school: string; student: string }
	| { kind: 'diary'; school: string; student: string }
	| { kind: 'procedure'; school: string; procedure: string }
	| { kind: 'procedure-class'; school: string; procedure: string; className: string }
	| { kind: 'teacher-route'; school: string; teacher: string }
	| { kind: 'plans'; school: string }
	| { kind: 'checklist'; school: string }
	| { kind: 'quality-form'; municipality: string };

export type DocKind = DocRef['kind'];

const segment = /^[A-Za-z0-9_-]{1,64}$/;

function isSegment(value: string | undefined): value is string {
	return value !== undefined && segment.test(value);
}

/** Formats a reference as its document id. */
export function formatDocId(ref: DocRef): string {
	switch (ref.kind) {
		case 'roster':
		case 'plans':
		case 'checklist':
			return `${ref.school}/${ref.kind}`;
		case 'trajectory':
		case 'diary':
			return `${ref.school}/${ref.kind}/${ref.student}`;
		case 'procedure':
			return `${ref.school}/procedure/${ref.procedure}`;
		case 'procedure-class':
			return `${ref.school}/procedure/${ref.procedure}/class/${ref.className}`;
		case 'teacher-route':
			return `${ref.school}/teacher-route/${ref.teacher}`;
		case 'quality-form':
			return `${ref.municipality}/quality-form`;
	}
}

/** Parses a document id, or returns null when it is not one of the known shapes. */
export function parseDocId(id: string): DocRef | null {
	const parts = id.split('/');
	if (!parts.every(isSegment)) return null;

	const [owner, kind, key, sub, subKey] = parts;
	if (parts.length === 2) {
		if (kind === 'roster' || kind === 'plans' || kind === 'checklist')
			return { kind, school: owner };
		if (kind === 'quality-form') return { kind, municipality: owner };
		return null;
	}
	if (parts.length === 3) {
		if (kind === 'trajectory' || kind === 'diary') return { kind, school: owner, student: key };
		if (kind === 'procedure') return { kind, school: owner, procedure: key };
		if (kind === 'teacher-route') return { kind, school: owner, teacher: key };
		return null;
	}
	if (parts.length === 5 && kind === 'procedure' && sub === 'class') {
		return { kind: 'procedure-class', school: owner, procedure: key, className: subKey };
	}
	return null;
}
