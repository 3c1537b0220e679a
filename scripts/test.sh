#!/usr/bin/env bash
# Runs every check and test: types and Svelte, the production build, unit tests, the real
# relay process, and the built app in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
	echo "Chromium is missing: install it with 'apt-get install -y chromium' or set CHROMIUM_PATH." >&2
	exit 1
fi

echo "== svelte-check"
npm run --silent check
echo "== build"
npm run --silent build
echo "== tests"
npx vitest run
