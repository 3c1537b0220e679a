import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exchange, newDoc } from './test-factories';
import { setTextByDiff } from './text-diff';

function textWith(value: string, clientID = 1): Y.Text {
	const text = newDoc(clientID).getText('t');
	text.insert(0, value);
	return text;
}

describe('setTextByDiff', () => {
	it('touches only the changed range', () => {
		const text = textWith('Прочитать 3 книги до мая');
		let delta: unknown[] = [];
		text.observe((event) => (delta = event.delta));

		const changed = text.doc!.transact(() => setTextByDiff(text, 'Прочитать 5 книг до мая'));

		expect(changed).toBe(true);

		expect(text.toString()).toBe('Прочитать 5 книг до мая');
		expect(delta).toEqual([{ retain: 10 }, { delete: 7 }, { insert: '5 книг' }]);
	});

	it('reports no change for the same value', () => {
		const text = textWith('без изменений');
		expect(setTextByDiff(text, 'без изменений')).toBe(false);
	});

	it('merges concurrent typing in different places', () => {
		const a = textWith('Цель: сдать ОГЭ.', 1);
		const b = newDoc(2);
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc!));
		const other = b.getText('t');

		setTextByDiff(a, 'Цель: сдать ОГЭ по математике.');
		setTextByDiff(other, 'Главная цель: сдать ОГЭ.');
		exchange(a.doc!, b);

		expect(a.toString()).toBe('Главная цель: сдать ОГЭ по математике.');
		expect(other.toString()).toBe(a.toString());
	});

	it('keeps surrogate pairs whole', () => {
		const text = textWith('итог 😀');
		setTextByDiff(text, 'итог 😃');
		expect(text.toString()).toBe('итог 😃');
		let delta: unknown[] = [];
		text.observe((event) => (delta = event.delta));
		setTextByDiff(text, 'итог 😃!');
		expect(delta).toEqual([{ retain: 7 }, { insert: '!' }]);
	});
});
