import type { Connector } from './connection';
import { connectDocument } from './relay-provider';

/** The browser's connector: y-websocket over the page's WebSocket. */
export const connectToRelay: Connector = (doc, docId, options) =>
	connectDocument(doc, docId, options);
