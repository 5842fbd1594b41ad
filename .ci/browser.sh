#!/usr/bin/env bash
# The HTML timeline in a real browser: Debian's chromium driven by playwright-core (never `npx playwright install`).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  apt-get update
  apt-get install -y chromium
fi
npm run build:samples --silent
npx jest -c jest.browser.config.ts
