#!/usr/bin/env bash
# Runs samples/testing: a user's Jest tests of samples/hello, with the one-line config `preset: 'keel'`.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent # the tests import 'keel' and 'keel/testing' (the package itself, dist/)
npx jest --ci --config samples/testing/jest.config.js
