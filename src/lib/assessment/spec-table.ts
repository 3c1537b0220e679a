import type { CellValue, SheetRows } from '$lib/shared/sheet';
import { cellText } from './cell-values';
import { normaliseHeader, normaliseTaskLabel } from './typed-text';

/**
 * Reads the task table of a ФИОКО specification: one row per scored position and codifier
 * code, so a task that checks several codes spans several rows. Merged cells come through
 * as blanks below their first row, and those blanks inherit the value above. Some tables
 * have a second block of the same columns beside or below the first; each block is read.
 */

export type SpecColumnRole =
	'label' | 'position' | 'skillText' | 'outcome' | 'level' | 'kes' | 'kt' | 'maxPoints';

/** A block of the table: its header row and the columns of each role. */
export interface SpecBlock {
	headerRow: number;
	firstColumn: number;
	lastColumn: number;
	columns: Partial<Record<SpecColumnRole, number>>;
}

/** One data row of a block, with inherited values filled in. */
export interface SpecTableRow {
	/** 0-based sheet row. */
	row: number;
	block: SpecBlock;
	label: string;
	position: CellValue;
	skillText: string;
	outcome: string;
	level: CellValue;
	kes: CellValue;
	kt: CellValue;
	maxPoints: CellValue;
}

const roleHeaders: [RegExp, SpecColumnRole][] = [
	[/^№ (задания )?(по|в) ким|^номер задания|^№ задания$|^задание$/, 'label'],
	[/^№( п\/п| позиции)?$|^позиция$|^номер позиции$/, 'position'],
	[/умени|виды деятельности|проверяемые (элементы|требования)/, 'skillText'],
	[/блоки пооп|планируемые результаты|выпускник научится/, 'outcome'],
	[/^уровень( сложности)?$/, 'level'],
	[/(^|\s)кэс(\s|$)|кодификатор.*элемент/, 'kes'],
	[/(^|\s)кт(\s|$)|кодификатор.*требован/, 'kt'],
	[/^максимальный балл|^макс(\.|имум)? балл|^балл$/, 'maxPoints']
];

function roleOf(header: CellValue): SpecColumnRole | undefined {
	if (header === null) return undefined;
	const text = normaliseHeader(String(header));
	return roleHeaders.find(([pattern]) => pattern.test(text))?.[1];
}

/** Rows of a block that repeat its header, e.g. on each printed page, are not data. */
function isHeaderRow(row: CellValue[], block: SpecBlock): boolean {
	const labelColumn = block.columns.label ?? block.columns.position;
	return labelColumn !== undefined && roleOf(row[labelColumn] ?? null) !== undefined;
}

/**
 * Splits a header row into blocks. A block starts at a label or position column, unless
 * that column continues the block before it: a block ends once it has its maximum column.
 */
function blocksInRow(row: CellValue[], r: number): SpecBlock[] {
	const blocks: SpecBlock[] = [];
	let current: SpecBlock | null = null;

	row.forEach((header, column) => {
		const role = roleOf(header);
		if (!role) return;
		const opensBlock = role === 'label' || role === 'position';
		const continues =
			current !== null &&
			current.columns.maxPoints === undefined &&
			current.columns[role] === undefined;
		if (opensBlock && !continues) {
			current = { headerRow: r, firstColumn: column, lastColumn: column, columns: {} };
			blocks.push(current);
		}
		if (current && current.columns[role] === undefined) current.columns[role] = column;
	});

	blocks.forEach((block, i) => {
		block.lastColumn = (blocks[i + 1]?.firstColumn ?? row.length) - 1;
		// A table without a «№ по КИМу» column uses «№» as the label.
		if (block.columns.label === undefined) {
			block.columns.label = block.columns.position;
			delete block.columns.position;
		}
	});
	return blocks.filter(
		(block) => block.columns.label !== undefined && block.columns.maxPoints !== undefined
	);
}

/** Finds every block: a header row with a label column and a maximum-points column. */
export function findSpecBlocks(rows: SheetRows): SpecBlock[] {
	const blocks: SpecBlock[] = [];
	rows.forEach((row, r) => {
		for (const block of blocksInRow(row ?? [], r)) {
			const repeated = blocks.some(
				(b) =>
					b.firstColumn === block.firstColumn &&
					b.columns.label === block.columns.label &&
					b.headerRow < r
			);
			if (!repeated) blocks.push(block);
		}
	});
	return blocks;
}

function isEmptyInBlock(row: CellValue[], block: SpecBlock): boolean {
	for (let c = block.firstColumn; c <= block.lastColumn; c++) {
		if (cellText(row[c] ?? null) !== '') return false;
	}
	return true;
}

/**
 * Reads the data rows of one block, up to the next block that starts in its columns. A
 * blank label or position inherits from the row above, and so do the texts, the level and
 * the maximum, as long as the label is the same. Codes never inherit.
 */
export function readSpecBlock(rows: SheetRows, block: SpecBlock, endRow: number): SpecTableRow[] {
	const { columns } = block;
	const read: SpecTableRow[] = [];
	let previous: SpecTableRow | null = null;

	for (let r = block.headerRow + 1; r < endRow; r++) {
		const row = rows[r] ?? [];
		if (isEmptyInBlock(row, block) || isHeaderRow(row, block)) continue;

		const value = (role: SpecColumnRole): CellValue =>
			columns[role] === undefined ? null : (row[columns[role]] ?? null);
		const ownLabel = cellText(value('label'));
		const ownPosition = value('position');
		const sameTask =
			previous !== null && (ownLabel === '' || normaliseTaskLabel(ownLabel) === previous.label);
		const inherit = <T extends CellValue>(own: T, above: T | undefined): T | CellValue =>
			cellText(own) === '' && sameTask ? (above ?? null) : own;

		const current: SpecTableRow = {
			row: r,
			block,
			label: ownLabel === '' ? (previous?.label ?? '') : normaliseTaskLabel(ownLabel),
			position: inherit(ownPosition, previous?.position),
			skillText: cellText(inherit(value('skillText'), previous?.skillText)),
			outcome: cellText(inherit(value('outcome'), previous?.outcome)),
			level: inherit(value('level'), previous?.level),
			kes: value('kes'),
			kt: value('kt'),
			maxPoints: inherit(value('maxPoints'), previous?.maxPoints)
		};
		read.push(current);
		previous = current;
	}
	return read;
}

/** Reads every block of the table, in block order. */
export function readSpecTable(rows: SheetRows): { blocks: SpecBlock[]; rows: SpecTableRow[] } {
	const blocks = findSpecBlocks(rows);
	const tableRows = blocks.flatMap((block) => {
		const below = blocks.find(
			(other) =>
				other.headerRow > block.headerRow &&
				other.firstColumn <= block.lastColumn &&
				other.lastColumn >= block.firstColumn
		);
		return readSpecBlock(rows, block, below?.headerRow ?? rows.length);
	});
	return { blocks, rows: tableRows };
}
