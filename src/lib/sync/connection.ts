import type * as Y from 'yjs';
import type { RelayConnection, RelayConnectOptions } from './relay-provider';

/** Opens a live connection for one document; tests replace it to run without a relay. */
export type Connector = (
	doc: Y.Doc,
	docId: string,
	options: Pick<RelayConnectOptions, 'url' | 'token' | 'awareness'>
) => RelayConnection;

export type {
	RelayConnection as LiveConnection,
	RelayEvent as ConnectionEvent
} from './relay-provider';
