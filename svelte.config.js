import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// A single-page app: every route is served by the fallback page, so deep links open
		// offline once the service worker has precached it.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
		// Relative asset paths resolve the service worker under the deep path and break its
		// registration on deep links.
		paths: { relative: false },
		// The PWA plugin registers its own worker.
		serviceWorker: { register: false }
	}
};

export default config;
