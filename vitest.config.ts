import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const lib = fileURLToPath(new URL('./src/lib', import.meta.url));

// Three groups: pure and storage units (fake-indexeddb), the real relay process, and the
// built app in Debian's Chromium. The groups run one after another, and the last two one file
// at a time, because relay processes and Chromium compete for the machine's cores.
export default defineConfig({
	// Compiles runes in `.svelte.ts` modules, so rune state classes run under test.
	plugins: [svelte({ compilerOptions: { runes: true } })],
	resolve: { alias: { $lib: lib } },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					sequence: { groupOrder: 0 },
					include: ['src/**/*.spec.ts', 'sync-server/**/*.spec.ts'],
					environment: 'node',
					setupFiles: ['fake-indexeddb/auto']
				}
			},
			{
				extends: true,
				test: {
					name: 'relay',
					sequence: { groupOrder: 1 },
					include: ['tests/relay/**/*.test.ts'],
					environment: 'node',
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'browser',
					sequence: { groupOrder: 2 },
					include: ['tests/browser/**/*.test.ts'],
					environment: 'node',
					fileParallelism: false,
					testTimeout: 90_000,
					hookTimeout: 90_000
				}
			}
		]
	}
});
