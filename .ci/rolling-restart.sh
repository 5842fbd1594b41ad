#!/usr/bin/env bash
# Rolling restart under load: two replicas of samples/hello behind HAProxy (active /readyz checks
# every 100 ms, no retries), each replaced in turn (SIGTERM, wait for exit, start again) while
# autocannon keeps 50 connections busy. Fails unless every request succeeded. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v haproxy >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq haproxy >/dev/null
fi
npm run build:samples --silent
timeout 180 node .ci/rolling-restart.mjs
