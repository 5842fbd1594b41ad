#!/usr/bin/env bash
# The reliability suite: fault injection in real processes (test/reliability, issue 13), then the
# figures it measured, as the README "Reliability" table renders them. Budget: well under 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run test:reliability
node test/reliability/render-table.mjs
