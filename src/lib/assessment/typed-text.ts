/**
 * Normalisation of text the way people type it into school spreadsheets: on keyboards that
 * switch between Latin and Cyrillic, with stray spaces, in any case. Each function states
 * which differences it erases.
 */

/** Capital Latin letters drawn the same as a Cyrillic capital. */
const latinCapitalLookalikes: Record<string, string> = {
	A: 'А',
	B: 'В',
	C: 'С',
	E: 'Е',
	H: 'Н',
	K: 'К',
	M: 'М',
	O: 'О',
	P: 'Р',
	T: 'Т',
	X: 'Х',
	Y: 'У'
};

/** Small Latin letters drawn the same as a small Cyrillic letter. */
const latinSmallLookalikes: Record<string, string> = {
	a: 'а',
	b: 'б',
	c: 'с',
	e: 'е',
	k: 'к',
	o: 'о',
	p: 'р',
	x: 'х',
	y: 'у'
};

/**
 * Replaces Latin letters that look like Cyrillic ones, keeping each letter's case, and
 * reports whether any was replaced. Small `b` becomes `б`, its handwritten twin; the
 * capital `B` becomes `В`.
 */
export function foldLatinLookalikes(text: string): { text: string; replaced: boolean } {
	let replaced = false;
	let folded = '';
	for (const char of text) {
		const cyrillic = latinCapitalLookalikes[char] ?? latinSmallLookalikes[char];
		if (cyrillic) {
			folded += cyrillic;
			replaced = true;
		} else {
			folded += char;
		}
	}
	return { text: folded, replaced };
}

const unusualSpacing = /\s\s|[^\S ]/;

/** Trims and collapses runs of whitespace, non-breaking spaces included, to one space. */
export function collapseSpaces(text: string): string {
	const trimmed = text.trim();
	// Most cells are already clean; testing first skips the replace and its copy.
	return unusualSpacing.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

/**
 * Reduces a short typed code to one spelling: spaces collapsed, Latin look-alikes made
 * Cyrillic, lower case, `ё` as `е`. `X`, `x`, `Х` and `х` all become `х`.
 */
export function normaliseCode(text: string): string {
	return foldLatinLookalikes(collapseSpaces(text)).text.toLowerCase().replace(/ё/g, 'е');
}

/**
 * Reduces a column header to one spelling for matching: as `normaliseCode`, with the
 * punctuation at its ends dropped, so `Пол:` and ` пол ` match `пол`.
 */
export function normaliseHeader(text: string): string {
	return normaliseCode(text).replace(/^[\s:.,;]+|[\s:.,;]+$/g, '');
}

/**
 * Writes a task label in its canonical form: `11,1` and `11. 1` become `11.1`, and a
 * criterion letter typed in Latin or lower case becomes `К`, as in `10К1`.
 */
export function normaliseTaskLabel(text: string): string {
	return foldLatinLookalikes(collapseSpaces(text).replace(/\s+/g, ''))
		.text.toUpperCase()
		.replace(/,/g, '.')
		.replace(/\.$/, '');
}
