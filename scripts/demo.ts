// Seeds the demo school into the relay's data folder, prints how to sign in as each role,
// then runs the relay serving the built app. Started by scripts/demo.sh.
import { spawn } from 'node:child_process';
import { signToken } from '../sync-server/auth/token';
import { loadConfig, ensureDataDir } from '../sync-server/config';
import { SqliteStore } from '../sync-server/sqlite-store';
import {
	buildDemoRoster,
	DEMO_ADMIN_ID,
	DEMO_SCHOOL_ID,
	DEMO_TUTOR_ID
} from '../src/lib/roster/demo-school';
import { roleNames, type Role } from '../src/lib/shared/access';
import { seedDemoSchool } from './seed';

const env = {
	RELAY_HOST: '127.0.0.1',
	RELAY_PORT: '8787',
	RELAY_DATA_DIR: 'data',
	RELAY_STATIC_DIR: 'build',
	...process.env
};
const config = loadConfig(env);
ensureDataDir(config.dataDir);

const store = new SqliteStore(config.dataDir);
const changed = await seedDemoSchool(store);
await store.close();
console.log(
	changed > 0
		? `Demo school seeded into ${config.dataDir} (${changed} documents written).`
		: `Demo school already present in ${config.dataDir}; nothing changed.`
);

const roster = buildDemoRoster();
const origin = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
const accounts: { role: Role; person: string; note: string }[] = [
	{ role: 'admin', person: DEMO_ADMIN_ID, note: 'Соколова М. В.' },
	{ role: 'tutor', person: DEMO_TUTOR_ID, note: 'Кузнецова И. П., тьютор 5А, 5Б, 10А' },
	{ role: 'teacher', person: 'teacher-math5', note: 'Смирнов О. И., математика 5А, 5Б' },
	{
		role: 'student',
		person: 'student-10a-02',
		note: roster.students.find((s) => s.id === 'student-10a-02')!.fullName
	},
	{
		role: 'student',
		person: 'student-5a-02',
		note: roster.students.find((s) => s.id === 'student-5a-02')!.fullName
	},
	{
		role: 'parent',
		person: 'parent-10a-01',
		note: `родитель: ${roster.students.find((s) => s.id === 'student-10a-01')!.fullName}`
	}
];
const expires = Math.floor(Date.now() / 1000) + 30 * 24 * 3600;
console.log(
	`\nThe app: ${origin}\nSign in by opening one link per browser profile (valid 30 days):\n`
);
for (const account of accounts) {
	const token = signToken(
		{
			sub: account.person,
			school: DEMO_SCHOOL_ID,
			role: account.role,
			device: `demo-${account.person}`,
			exp: expires,
			iat: Math.floor(Date.now() / 1000)
		},
		config.secret
	);
	console.log(
		`  ${roleNames[account.role]} — ${account.note}\n  ${origin}/signin?token=${token}\n`
	);
}

const relay = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
	env: { ...env, RELAY_SECRET: config.secret },
	stdio: 'inherit'
});
const forward = (signal: NodeJS.Signals) => relay.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
relay.on('exit', (code) => process.exit(code ?? 0));
