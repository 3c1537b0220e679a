import type { Logger } from '../src/lib/shared/logger';
import type { DocumentStore } from './persistence';
import { Room } from './room';
import type { RelayCounters } from './stats';

export interface RoomRegistryOptions {
	store: DocumentStore;
	log: Logger;
	counters: RelayCounters;
	idleUnloadMs: number;
	compactAfterUpdates: number;
}

/**
 * The loaded documents by id. A room is created on first use, stays while someone holds it
 * (acquire/release) and unloads itself after the idle delay.
 */
export class RoomRegistry {
	private readonly rooms = new Map<string, Room>();
	private readonly changeListeners = new Set<(room: Room) => void>();

	constructor(private readonly options: RoomRegistryOptions) {}

	get size(): number {
		return this.rooms.size;
	}

	/** Returns the room of `docId`, loading it when needed, and holds it until release(). */
	acquire(docId: string): Room {
		let room = this.rooms.get(docId);
		if (!room) {
			room = new Room(docId, {
				...this.options,
				onChange: (changed) => this.emitChange(changed),
				onUnload: (unloaded) => {
					if (this.rooms.get(unloaded.docId) === unloaded) this.rooms.delete(unloaded.docId);
				}
			});
			this.rooms.set(docId, room);
		}
		room.retain();
		return room;
	}

	/** Registers a listener for stored client updates; returns a function that removes it. */
	onChange(listener: (room: Room) => void): () => void {
		this.changeListeners.add(listener);
		return () => this.changeListeners.delete(listener);
	}

	/** Finishes every room's queued work and unloads it, for shutdown. */
	async unloadAll(): Promise<void> {
		await Promise.all([...this.rooms.values()].map((room) => room.flushAndUnload()));
	}

	private emitChange(room: Room): void {
		for (const listener of this.changeListeners) {
			try {
				listener(room);
			} catch (error) {
				this.options.log.error('change-listener-failed', { docId: room.docId, error });
			}
		}
	}
}
