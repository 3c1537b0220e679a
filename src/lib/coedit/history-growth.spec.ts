import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditSession } from './edit-session';
import { defineSection } from './layout';
import { readSectionAt } from './restore';
import { student } from './test-factories';

const notes = defineSection('notes', {
	a: { kind: 'text' },
	b: { kind: 'text' },
	c: { kind: 'text' }
});
const alphabet = 'абвгдежзийклмнопрстуфхцчшщыэюя ';

/**
 * Types into three fields for `days` days: 600 keystrokes a day, one every 2 s, every tenth
 * a backspace. The timer is stood in for by a flush every 60 keystrokes (2 minutes).
 */
function typeFor(days: number) {
	const doc = new Y.Doc({ gc: false });
	let time = 0;
	const edit = new EditSession(doc, student, { now: () => new Date(time) });
	const texts = { a: '', b: '', c: '' };
	let keys = 0;
	for (let day = 0; day < days; day++) {
		time = new Date(2024, 8, 2 + day, 15).getTime();
		for (let k = 0; k < 600; k++) {
			time += 2000;
			const part = (['a', 'b', 'c'] as const)[Math.floor(k / 200)];
			keys++;
			const text = texts[part];
			texts[part] = k % 10 === 9 ? text.slice(0, -1) : text + alphabet[keys % alphabet.length];
			edit.setText(notes, part, texts[part]);
			if (k % 60 === 59) edit.flush();
		}
		edit.flush();
	}
	return { doc, keys };
}

describe('history growth', () => {
	it('stays a small multiple of the typed text', () => {
		const { doc, keys } = typeFor(10);

		const bytesPerKey = Y.encodeStateAsUpdate(doc).byteLength / keys;
		// Measured with yjs 13.6.33: 12.8 bytes a keystroke for text, stamps and chunks together,
		// against about 4 for the same typing into bare Y.Texts.
		expect(bytesPerKey).toBeLessThan(20);
		expect(doc.getMap('coedit/history').size).toBeLessThanOrEqual(10 * 13);
		expect(readSectionAt(doc, notes, '2024-09-06')?.a.length).toBeGreaterThan(0);
	});
});
