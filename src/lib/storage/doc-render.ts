import * as Y from 'yjs';

/**
 * Renders any Y.Doc readably, for backups that a person can open without this app:
 * every top-level shared type as plain JSON. The type of a top-level name is not stored in
 * an update, so it is recognised from its content: keys make a map, strings make a text,
 * anything else in a sequence makes an array.
 */
export function renderDocument(doc: Y.Doc): Record<string, unknown> {
	const names = [...doc.share.keys()].sort();
	const out: Record<string, unknown> = {};
	for (const name of names) out[name] = renderShared(doc, name);
	return out;
}

function renderShared(doc: Y.Doc, name: string): unknown {
	const type = doc.share.get(name)!;
	if (type instanceof Y.Text) return type.toString();
	if (type instanceof Y.Map) return type.toJSON();
	if (type instanceof Y.Array) return type.toJSON();
	if (type._map.size > 0) return doc.getMap(name).toJSON();

	let item = type._start;
	while (item && item.deleted) item = item.right;
	if (!item) return null;
	return item.content instanceof Y.ContentString || item.content instanceof Y.ContentFormat
		? doc.getText(name).toString()
		: doc.getArray(name).toJSON();
}
