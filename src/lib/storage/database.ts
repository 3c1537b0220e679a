import { createDatabase, type SchoolDatabase } from './db';

let instance: SchoolDatabase | null = null;

/** The app's one database, opened on first use. */
export function database(): SchoolDatabase {
	instance ??= createDatabase();
	return instance;
}
