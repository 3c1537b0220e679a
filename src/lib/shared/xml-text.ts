/**
 * Text helpers for the SpreadsheetML parts of an xlsx file: XML entities, attributes and the
 * `_xHHHH_` escapes that OOXML uses for characters XML 1.0 cannot carry (ECMA-376 part 1,
 * 22.9.2.19 ST_Xstring).
 */

const namedEntities: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'"
};

const entityPattern = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g;
const ooxmlEscapePattern = /_x([0-9A-Fa-f]{4})_/g;

/** Decodes XML character references and the five predefined entities; unknown ones stay. */
export function decodeXmlEntities(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(entityPattern, (whole, body: string) => {
		if (body[0] === '#') {
			const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
			return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
		}
		return namedEntities[body] ?? whole;
	});
}

/** Decodes a SpreadsheetML string: entities first, then `_xHHHH_` escapes. */
export function decodeSpreadsheetText(text: string): string {
	const decoded = decodeXmlEntities(text);
	if (!decoded.includes('_x')) return decoded;
	return decoded.replace(ooxmlEscapePattern, (_whole, hex: string) =>
		String.fromCharCode(parseInt(hex, 16))
	);
}

/** Escapes text for an XML element or a double-quoted attribute. */
export function escapeXml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/**
 * Escapes a cell string for SpreadsheetML. Control characters that XML 1.0 forbids become
 * `_xHHHH_`, and a literal `_xHHHH_` in the text gets its underscore escaped as `_x005F_`,
 * so that a reader decodes it back to the same text.
 */
export function escapeSpreadsheetText(text: string): string {
	const guarded = text
		.replace(ooxmlEscapePattern, (whole) => `_x005F_${whole.slice(1)}`)
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (char) => {
			return `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
		});
	return escapeXml(guarded);
}

const attributePattern = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Parses the attributes of one start tag's text. Prefixed names are stored under their local
 * name too (`r:id` also as `id`), because producers pick different namespace prefixes.
 */
export function parseAttributes(tagText: string): Record<string, string> {
	const attributes: Record<string, string> = {};
	for (const match of tagText.matchAll(attributePattern)) {
		const value = decodeXmlEntities(match[2] ?? match[3] ?? '');
		const name = match[1];
		attributes[name] = value;
		const colon = name.indexOf(':');
		if (colon >= 0 && name.slice(0, colon) !== 'xmlns') {
			attributes[name.slice(colon + 1)] ??= value;
		}
	}
	return attributes;
}
