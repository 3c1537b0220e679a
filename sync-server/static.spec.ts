import { describe, expect, it } from 'vitest';
import { cacheControlOf, contentTypeOf, resolveInside } from './static';

describe('resolveInside', () => {
	const root = '/srv/app';

	it('maps paths inside the root', () => {
		expect(resolveInside(root, '/index.html')).toBe('/srv/app/index.html');
		expect(resolveInside(root, '/_app/immutable/a.js')).toBe('/srv/app/_app/immutable/a.js');
		expect(resolveInside(root, '/%D1%83%D1%87.txt')).toBe('/srv/app/уч.txt');
		expect(resolveInside(root, '/')).toBe('/srv/app');
	});

	it('rejects every way out of the root', () => {
		for (const path of [
			'/../etc/passwd',
			'/a/../../x',
			'/%2e%2e/x',
			'/..%2fx',
			'/a%5c..%5cx',
			'/%00',
			'/%E0%A4%A'
		]) {
			expect(resolveInside(root, path), path).toBeNull();
		}
	});
});

describe('cacheControlOf', () => {
	it('caches hashed assets for a year', () => {
		expect(cacheControlOf('/_app/immutable/chunks/a1b2.js')).toBe(
			'public, max-age=31536000, immutable'
		);
	});

	it('revalidates the shell, worker and manifest', () => {
		for (const path of [
			'/',
			'/index.html',
			'/sw.js',
			'/registerSW.js',
			'/manifest.webmanifest',
			'/_app/version.json'
		]) {
			expect(cacheControlOf(path), path).toBe('no-cache');
		}
	});
});

describe('contentTypeOf', () => {
	it('knows the types a built app ships', () => {
		expect(contentTypeOf('/a/manifest.webmanifest')).toBe(
			'application/manifest+json; charset=utf-8'
		);
		expect(contentTypeOf('/a/app.JS')).toBe('text/javascript; charset=utf-8');
		expect(contentTypeOf('/a/font.woff2')).toBe('font/woff2');
		expect(contentTypeOf('/a/data.bin')).toBe('application/octet-stream');
	});
});
