import type * as Y from 'yjs';
import { readPart, type RowJson } from '$lib/coedit';
import { localDay } from '$lib/shared/dates';
import { routeProgress, routeStatus, type RouteProgress, type RouteStatus } from './progress';
import { readTeacherRoute, type InvalidValue, type ReadResult } from './read-route';
import { roadmapSectionIds, type RoadmapSectionId } from './roadmap.schema';
import { signOffState, type SignOffState } from './sign-off';
import { blocks, routeSections, sectionPart, type BlockName } from './teacher-route.layout';
import type { SignOffRole, TeacherRoute } from './teacher-route.schema';

type RawRows = Record<RoadmapSectionId, Map<string, RowJson>>;

/**
 * One teacher's route as Svelte state, read again after every transaction on its document,
 * local or remote. Besides the validated route it keeps the stored values as typed, so a
 * field can show what a person entered even when it failed validation.
 */
export class RouteState {
	readonly #doc: Y.Doc;
	#result = $state.raw<ReadResult>({ route: {} as TeacherRoute, invalid: [] });
	#fields = $state.raw<Record<BlockName, Record<string, unknown>>>(
		{} as Record<BlockName, Record<string, unknown>>
	);
	#rows = $state.raw<RawRows>({} as RawRows);
	#problems = $state.raw<Map<string, InvalidValue>>(new Map());
	/** The local day the progress figures are counted for, `YYYY-MM-DD`. */
	readonly today: string;
	readonly #progress: RouteProgress;
	readonly #status: RouteStatus;
	readonly #signOffs: Record<SignOffRole, SignOffState>;
	readonly #onTransaction = () => this.#read();

	constructor(doc: Y.Doc, today: string = localDay()) {
		this.#doc = doc;
		this.today = today;
		// Computed once per read, however many rows of the screen ask for them.
		this.#progress = $derived(routeProgress(this.#result.route, this.today));
		this.#status = $derived(routeStatus(this.#result.route, this.today));
		this.#signOffs = $derived({
			deputy: signOffState(this.#result.route, 'deputy'),
			teacher: signOffState(this.#result.route, 'teacher')
		});
		this.#read();
		doc.on('afterTransaction', this.#onTransaction);
	}

	get route(): TeacherRoute {
		return this.#result.route;
	}

	get invalid(): InvalidValue[] {
		return this.#result.invalid;
	}

	/** False until the route is set up in its document. */
	get created(): boolean {
		return this.#result.route.meta.teacherId !== '';
	}

	get progress(): RouteProgress {
		return this.#progress;
	}

	get status(): RouteStatus {
		return this.#status;
	}

	signOff(role: SignOffRole): SignOffState {
		return this.#signOffs[role];
	}

	/** Returns the message for the value at an authorship path, e.g. `personal/fields/email`. */
	problem(path: string): string | null {
		return this.#problems.get(path)?.message ?? null;
	}

	/** Returns the stored plain fields of a block, valid or not. */
	fields(block: BlockName): Record<string, unknown> {
		return this.#fields[block] ?? {};
	}

	/** Returns the stored cells of a roadmap row, valid or not, or null when the row is gone. */
	rawRow(section: RoadmapSectionId, id: string): RowJson | null {
		return this.#rows[section]?.get(id) ?? null;
	}

	destroy(): void {
		this.#doc.off('afterTransaction', this.#onTransaction);
	}

	#read(): void {
		const result = readTeacherRoute(this.#doc);
		const fields = {} as Record<BlockName, Record<string, unknown>>;
		for (const name of Object.keys(blocks) as BlockName[]) {
			fields[name] = readPart(this.#doc, blocks[name].section, 'fields') as Record<string, unknown>;
		}
		const rows = {} as RawRows;
		for (const section of roadmapSectionIds) {
			const list = readPart(this.#doc, routeSections.roadmap, sectionPart(section)) as RowJson[];
			rows[section] = new Map(list.map((row) => [row.id, row]));
		}
		this.#result = result;
		this.#fields = fields;
		this.#rows = rows;
		this.#problems = new Map(result.invalid.map((item) => [item.path, item]));
	}
}
