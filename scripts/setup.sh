#!/usr/bin/env bash
# Installs the project's packages when they are missing or older than the lockfile.
# better-sqlite3 is compiled from source against the local Node headers, because its
# prebuilt-binary download needs hosts that school and CI networks often cannot reach.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "Installing packages (about a minute: better-sqlite3 is compiled)..."
	export npm_config_build_from_source=better-sqlite3
	if [ -d /usr/include/node ]; then export npm_config_nodedir=/usr; fi
	npm ci --no-audit --no-fund
fi
