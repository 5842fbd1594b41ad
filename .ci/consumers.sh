#!/usr/bin/env bash
# Installs the packed keel tarball into a CommonJS and an ESM app and runs both.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
for kind in cjs esm; do
  cp -r "$root/test/consumers/$kind" "$work/$kind"
  (cd "$work/$kind" && npm install --silent --no-audit --no-fund --prefer-offline "$work/$tarball" reflect-metadata@0.2.2 >/dev/null && node main.js)
done
