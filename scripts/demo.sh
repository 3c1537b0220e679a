#!/usr/bin/env bash
# Builds the app and starts the relay on localhost with the demo school (data in ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "Building the app..."
npm run --silent build >/dev/null
exec npx tsx scripts/demo.ts
