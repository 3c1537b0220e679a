import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const mimeTypes: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.map': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8',
	'.csv': 'text/csv; charset=utf-8',
	'.xml': 'application/xml; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.gif': 'image/gif',
	'.webp': 'image/webp',
	'.avif': 'image/avif',
	'.ico': 'image/x-icon',
	'.woff': 'font/woff',
	'.woff2': 'font/woff2',
	'.ttf': 'font/ttf',
	'.otf': 'font/otf',
	'.wasm': 'application/wasm',
	'.pdf': 'application/pdf',
	'.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

/**
 * Files a browser or the service worker must revalidate on every load, or a new version of
 * the app would never be seen: the shell page, the worker and its registration, the
 * manifest, and SvelteKit's version file.
 */
const revalidatedFiles = new Set([
	'index.html',
	'sw.js',
	'registerSW.js',
	'manifest.webmanifest',
	'version.json'
]);

/** Paths that never fall back to the app page: an API or a hashed asset that is missing. */
const noFallbackPrefixes = ['/_app/', '/api/', '/sync/'];

export function contentTypeOf(path: string): string {
	return mimeTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export function cacheControlOf(urlPath: string): string {
	if (urlPath.startsWith('/_app/immutable/')) return 'public, max-age=31536000, immutable';
	const name = urlPath.slice(urlPath.lastIndexOf('/') + 1) || 'index.html';
	if (revalidatedFiles.has(name) || name.endsWith('.webmanifest')) return 'no-cache';
	return 'public, max-age=3600';
}

/**
 * Maps a URL path to a file inside `root`, or returns null when it would leave the root.
 * Decoding happens once, and `..`, NUL and backslashes are rejected before resolving, so an
 * encoded `%2e%2e%2f` cannot climb out either.
 */
export function resolveInside(root: string, urlPath: string): string | null {
	let decoded: string;
	try {
		decoded = decodeURIComponent(urlPath);
	} catch {
		return null;
	}
	if (decoded.includes('\0') || decoded.includes('\\')) return null;
	const segments = decoded.split('/');
	if (segments.some((segment) => segment === '..')) return null;
	const path = resolve(root, '.' + decoded);
	return path === root || path.startsWith(root + sep) ? path : null;
}

interface FoundFile {
	path: string;
	size: number;
	mtimeMs: number;
	urlPath: string;
}

/**
 * Serves the built app from `rootDir`: files as they are, and the app page (index.html)
 * for navigations to paths without a file, so deep links of the single-page app open.
 * Returns a handler that resolves true when it handled the request.
 */
export function createStaticHandler(
	rootDir: string
): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
	const rootPromise = realpath(resolve(rootDir));

	return async (request, response) => {
		if (request.method !== 'GET' && request.method !== 'HEAD') return false;
		const root = await rootPromise;
		const urlPath = new URL(request.url ?? '/', 'http://relay').pathname;
		const found = (await findFile(root, urlPath)) ?? (await fallbackFile(root, urlPath, request));
		if (!found) return false;
		sendFile(request, response, found);
		return true;
	};
}

async function findFile(root: string, urlPath: string): Promise<FoundFile | null> {
	const candidate = resolveInside(root, urlPath);
	if (!candidate) return null;
	const entry = await entryAt(root, candidate);
	if (entry?.isFile) return { ...entry, urlPath };
	if (!entry?.isDirectory) return null;
	const index = await entryAt(root, join(candidate, 'index.html'));
	if (!index?.isFile) return null;
	return { ...index, urlPath: urlPath.replace(/\/?$/, '/index.html') };
}

async function entryAt(
	root: string,
	path: string
): Promise<{
	path: string;
	size: number;
	mtimeMs: number;
	isFile: boolean;
	isDirectory: boolean;
} | null> {
	try {
		// A symbolic link inside the folder must not point outside it either.
		const real = await realpath(path);
		if (real !== root && !real.startsWith(root + sep)) return null;
		const info = await stat(real);
		return {
			path: real,
			size: info.size,
			mtimeMs: info.mtimeMs,
			isFile: info.isFile(),
			isDirectory: info.isDirectory()
		};
	} catch {
		return null;
	}
}

/**
 * Only navigations fall back: a path whose last segment has no extension, or a request that
 * accepts HTML. A missing script or image gets a 404 instead of the app page, which a
 * service worker would otherwise cache under the asset's name.
 */
async function fallbackFile(
	root: string,
	urlPath: string,
	request: IncomingMessage
): Promise<FoundFile | null> {
	if (noFallbackPrefixes.some((prefix) => urlPath.startsWith(prefix))) return null;
	const lastSegment = urlPath.slice(urlPath.lastIndexOf('/') + 1);
	const acceptsHtml = (request.headers.accept ?? '').includes('text/html');
	if (extname(lastSegment) !== '' && !acceptsHtml) return null;
	return findFile(root, '/index.html');
}

function sendFile(request: IncomingMessage, response: ServerResponse, file: FoundFile): void {
	const etag = `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
	response.setHeader('Content-Type', contentTypeOf(file.path));
	response.setHeader('Cache-Control', cacheControlOf(file.urlPath));
	response.setHeader('ETag', etag);
	response.setHeader('X-Content-Type-Options', 'nosniff');
	if (request.headers['if-none-match'] === etag) {
		response.writeHead(304).end();
		return;
	}
	response.setHeader('Content-Length', file.size);
	if (request.method === 'HEAD') {
		response.writeHead(200).end();
		return;
	}
	response.writeHead(200);
	const stream = createReadStream(file.path);
	stream.on('error', () => response.destroy());
	stream.pipe(response);
}
