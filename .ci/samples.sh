#!/usr/bin/env bash
# Builds every sample and runs each as a smoke test: it must start, answer, and stop cleanly on SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build:samples --silent
for sample in samples/*/; do
  [ -f "$sample/main.ts" ] || continue # not an app (samples/testing holds tests)
  name=$(basename "$sample")
  echo "sample: $name"
  node .ci/smoke-sample.mjs "$name"
done
