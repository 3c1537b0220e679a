import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSpec } from './test-factories';

// Runs scripts/analyze.ts as a person would, on a school protocol written here.
const repository = fileURLToPath(new URL('../../..', import.meta.url));
const tsx = join(repository, 'node_modules/.bin/tsx');

let folder: string;
let results: string;
let spec: string;

function analyze(...args: string[]) {
	const run = spawnSync(tsx, ['scripts/analyze.ts', ...args], {
		cwd: repository,
		encoding: 'utf8',
		timeout: 60_000
	});
	return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
	folder = mkdtempSync(join(tmpdir(), 'analyze-cli-'));
	results = join(folder, 'protocol.csv');
	spec = join(folder, 'spec.json');
	const rows = ['код обучающегося;класс;1 (1б);2 (2б)'];
	for (let i = 0; i < 12; i++) rows.push(`${100 + i};5А;${i % 2};${i % 3}`);
	writeFileSync(results, rows.join('\n'));
	const specification = buildSpec([{ skills: ['КТ 1'] }, { maxPoints: 2, skills: ['КТ 2'] }], {
		thresholds: [
			{ mark: 2, minTotal: 0 },
			{ mark: 3, minTotal: 1 },
			{ mark: 4, minTotal: 2 },
			{ mark: 5, minTotal: 3 }
		],
		conditions: []
	});
	writeFileSync(spec, JSON.stringify(specification));
}, 60_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('analyze command', () => {
	it('prints the summary and writes JSON', () => {
		const out = join(folder, 'analysis.json');
		const run = analyze(results, '--spec', spec, '--json', out);
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(run.stdout).toContain('участников 12 из 12, школ 1, классов 1');
		expect(run.stdout).toContain('Решаемость заданий');
		expect(run.stdout).toContain('Замечания при загрузке');
		const written = JSON.parse(readFileSync(out, 'utf8'));
		expect(written.analysis.file.present).toEqual([12]);
		expect(written.analysis.classDetails).toHaveLength(1);
	}, 60_000);

	it('marks deficits persistent from an earlier run', () => {
		const teachers = join(folder, 'teachers.json');
		writeFileSync(teachers, JSON.stringify({ '5А': { id: 't1', name: 'Иванова М. П.' } }));
		const earlier = join(folder, 'earlier.json');
		const common = ['--spec', spec, '--teachers', teachers];
		expect(analyze(results, ...common, '--date', '2020-04-15', '--json', earlier).status).toBe(0);
		const history = JSON.parse(readFileSync(earlier, 'utf8')).input.history;
		expect(history).toHaveLength(1);
		expect(history[0].teacherId).toBe('t1');

		const run = analyze(results, ...common, '--date', '2021-04-15', '--history', earlier);
		expect(run.status).toBe(0);
		const persistent = /из них устойчивых[^\n]*?(\d+)\n/.exec(run.stdout);
		expect(Number(persistent?.[1])).toBe(history[0].massSkills.length);
	}, 60_000);

	it('rejects a missing specification', () => {
		const run = analyze(results);
		expect(run.status).toBe(2);
		expect(run.stderr).toContain('Не указана спецификация. Добавьте --spec <файл>.');
	}, 60_000);

	it('names a results file not found', () => {
		const run = analyze(join(folder, 'none.csv'), '--spec', spec);
		expect(run.status).toBe(2);
		expect(run.stderr).toContain('Файл результатов не найден');
	}, 60_000);

	it('asks which procedure a task table is', () => {
		const run = analyze(results, '--spec', results);
		expect(run.status).toBe(2);
		expect(run.stderr).toContain('укажите --subject, --grade, --year');
	}, 60_000);

	it('rejects an invalid scale', () => {
		const run = analyze(results, '--spec', spec, '--scale', '2-0');
		expect(run.status).toBe(2);
		expect(run.stderr).toContain('Шкала «2-0» не в виде отметка:балл');
	}, 60_000);
});
