#!/usr/bin/env bash
# Checks that `npm start` stops cleanly when a process manager signals the npm process alone.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "npm start: SIGTERM / SIGINT to the npm process"
node .ci/npm-start.mjs
