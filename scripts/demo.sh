#!/usr/bin/env bash
# Builds the app and starts the relay on localhost with the demo school (data in ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "Building the app..."
build_log=$(mktemp)
if ! npm run --silent build >"$build_log" 2>&1; then
	cat "$build_log" >&2
	exit 1
fi
rm -f "$build_log"
exec npx tsx scripts/demo.ts
