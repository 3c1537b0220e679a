import { sectionLabels } from '$lib/trajectory/trajectory.labels';

/** Returns the Russian label of a part, or the part's name when the model has none. */
export function partLabel(sectionId: string, part: string): string {
	return sectionLabels[sectionId]?.parts[part] ?? part;
}

/** Returns the Russian label of a column or map key of a part, or the key itself. */
export function columnLabel(sectionId: string, part: string, key: string): string {
	return sectionLabels[sectionId]?.columns?.[part]?.[key] ?? key;
}
