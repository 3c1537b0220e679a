/** The CLI commands `create-school` and `invite`, which print one-time invitation codes. */
import { parseArgs } from 'node:util';
import { roles, type Role } from '../../src/lib/shared/access';
import { formatCode } from '../../src/lib/shared/enrolment-code';
import { maxInvitationHours } from '../../src/lib/shared/enrolment.schema';
import { tokenClaimsSchema } from '../../src/lib/shared/token';
import { positiveInteger, required, UsageError } from '../cli-args';
import { loadConfig } from '../config';
import { SqliteStore } from '../sqlite-store';
import { newInvitation } from './enrolment-service';

/** Hours an invitation printed by the CLI stays valid unless --hours sets another value. */
const defaultHours = 72;
const maxNameLength = 200;

function validId(value: string, option: string): string {
	if (!tokenClaimsSchema.shape.school.safeParse(value).success) {
		throw new UsageError(
			`Invalid --${option} "${value}": ids are 1-64 characters of A-Z, a-z, 0-9, - and _.`
		);
	}
	return value;
}

function validRole(value: string): Role {
	if (!(roles as readonly string[]).includes(value)) {
		throw new UsageError(`Invalid --role "${value}"; use one of: ${roles.join(', ')}.`);
	}
	return value as Role;
}

/** Creates an invitation with the relay's secret and returns the lines to print. */
function invite(
	store: SqliteStore,
	secret: string,
	school: string,
	request: { role: Role; person: string; validForHours: number }
): string[] {
	const { record, code } = newInvitation(school, 'cli', request, secret, Date.now());
	store.enrolment.insertInvitation(record);
	return [
		`Invitation code for ${request.person} (${request.role}): ${formatCode(code)}`,
		`Valid once, until ${new Date(record.expiresAt).toISOString()}.`,
		`Enter it on the tablet at /signin, or open /signin?code=${formatCode(code)} on the app's address.`
	];
}

export function createSchoolCommand(args: string[]): string {
	const { values } = parseArgs({
		args,
		options: {
			school: { type: 'string' },
			name: { type: 'string' },
			person: { type: 'string' },
			hours: { type: 'string' }
		}
	});
	const school = validId(required(values, 'school'), 'school');
	const name = required(values, 'name').trim();
	if (name === '' || name.length > maxNameLength) {
		throw new UsageError(`Invalid --name; use 1-${maxNameLength} characters.`);
	}
	const person = validId(values.person ?? 'admin', 'person');
	const validForHours = positiveInteger(values, 'hours', defaultHours, maxInvitationHours);
	const config = loadConfig(process.env);
	const store = new SqliteStore(config.dataDir);
	try {
		if (!store.enrolment.insertSchool({ school, name, createdAt: Date.now() })) {
			throw new Error(
				`School "${school}" already exists. Print another administrator code with: invite --school ${school} --role admin --person ${person}`
			);
		}
		const lines = invite(store, config.secret, school, { role: 'admin', person, validForHours });
		return [`Created school ${school} "${name}".`, ...lines].join('\n');
	} finally {
		store.close();
	}
}

export function inviteCommand(args: string[]): string {
	const { values } = parseArgs({
		args,
		options: {
			school: { type: 'string' },
			role: { type: 'string' },
			person: { type: 'string' },
			hours: { type: 'string' }
		}
	});
	const school = validId(required(values, 'school'), 'school');
	const role = validRole(required(values, 'role'));
	const person = validId(required(values, 'person'), 'person');
	const validForHours = positiveInteger(values, 'hours', defaultHours, maxInvitationHours);
	const config = loadConfig(process.env);
	const store = new SqliteStore(config.dataDir);
	try {
		if (role !== 'municipal' && !store.enrolment.school(school)) {
			throw new Error(
				`School "${school}" does not exist; create it first with: create-school --school ${school} --name "…"`
			);
		}
		return invite(store, config.secret, school, { role, person, validForHours }).join('\n');
	} finally {
		store.close();
	}
}
