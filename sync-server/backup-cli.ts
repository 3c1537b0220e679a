/** The CLI commands `backup` and `restore` of the relay's database. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { backupDatabase, restoreDatabase } from './backup';
import { required } from './cli-args';
import { loadConfig } from './config';

function secretNote(secretSource: string, dataDir: string): string {
	return secretSource === 'environment'
		? 'The secret is not in the backup: restore with the same RELAY_SECRET, or devices must be invited again.'
		: `The secret is not in the backup: keep a copy of ${resolve(dataDir, 'relay-secret')}, or devices must be invited again.`;
}

export function backupCommand(args: string[]): string {
	const { values } = parseArgs({ args, options: { to: { type: 'string' } } });
	const target = resolve(required(values, 'to'));
	const config = loadConfig(process.env);
	const summary = backupDatabase(config.dataDir, target);
	return [
		`Backed up ${summary.documents} documents (${summary.bytes} bytes, schema ${summary.schemaVersion}) to ${summary.file}.`,
		secretNote(config.secretSource, config.dataDir)
	].join('\n');
}

export function restoreCommand(args: string[]): string {
	const { values } = parseArgs({ args, options: { from: { type: 'string' } } });
	const file = resolve(required(values, 'from'));
	const config = loadConfig(process.env);
	const summary = restoreDatabase(config.dataDir, file);
	const lines = [`Restored ${summary.documents} documents from ${file} into ${config.dataDir}.`];
	if (summary.replacedTo) lines.push(`The previous database was moved to ${summary.replacedTo}.`);
	if (config.secretSource === 'data-dir-generated') {
		lines.push(
			`A new secret was generated in ${resolve(config.dataDir, 'relay-secret')}; replace it with the old one before starting the relay, or devices must be invited again.`
		);
	}
	return lines.join('\n');
}
