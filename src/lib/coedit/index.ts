/**
 * Co-editing primitives for documents that several people edit offline. They cover the layout
 * of a document in sections and parts and an edit session that records authorship and dated
 * history with every change. Row and text helpers, restore of a section to an earlier day and
 * an observer that turns a section into plain JSON for the screens complete the set.
 */
export * from './authorship';
export * from './edit-session';
export * from './history';
export * from './identity';
export * from './layout';
export * from './observe';
export * from './plain-json';
export * from './positions';
export * from './restore';
export * from './rows';
export * from './section-read';
export * from './text-diff';
export * from './validate';
