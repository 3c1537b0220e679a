import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			registerType: 'prompt',
			injectRegister: false,
			strategies: 'generateSW',
			manifest: {
				name: 'Школьный маршрут',
				short_name: 'Маршрут',
				description:
					'Траектории обучающихся, маршруты педагогов и анализ результатов оценочных процедур — без постоянного интернета.',
				lang: 'ru',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				orientation: 'any',
				theme_color: '#1f5f8b',
				background_color: '#f6f7f9',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
					{
						src: '/icons/icon-maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			workbox: {
				globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest,json,woff2}'],
				navigateFallback: '/index.html',
				// The relay's HTTP endpoints live on another origin or path and must never be
				// answered from the cache.
				navigateFallbackDenylist: [/^\/api\//, /^\/sync\//],
				maximumFileSizeToCacheInBytes: 5 * 1024 * 1024
			},
			kit: { adapterFallback: 'index.html', spa: true },
			devOptions: { enabled: false }
		})
	],
	worker: { format: 'es' },
	server: { port: 5173, strictPort: false }
});
