#!/usr/bin/env bash
# The public API report: api/keel.api.md must match what the published .d.ts files of
# `keel` and `keel/testing` declare, every published .d.ts must compile on its own, and
# none may declare keel's internals. After an intended API change: npm run api:report.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
node scripts/api-report.mjs --check
