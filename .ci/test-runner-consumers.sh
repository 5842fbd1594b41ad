#!/usr/bin/env bash
# A user's first test, as written: the packed keel tarball installed into a Jest app (preset: 'keel',
# nothing else) and a Vitest app (no keel-specific config); each test overrides a provider, starts,
# asserts, stops with leak detection, and each app type-checks with the tsconfig the README gives.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -n 1)"
install() { npm install --no-audit --no-fund --prefer-offline --loglevel=error "$@" >/dev/null; }
# What the README tells a user to install next to keel: its direct peers, then the runner.
common=("$tarball" reflect-metadata@0.2.2 inversify@8.2.3 typescript@6.0.3 @types/node@20.19.43)

cp -r "$root/test/consumers/jest" "$work/jest"
(cd "$work/jest" && install "${common[@]}" jest@29.7.0 ts-jest@29.4.15 @types/jest@29.5.14 && npx tsc --noEmit && npx jest --ci)

cp -r "$root/test/consumers/vitest" "$work/vitest"
(cd "$work/vitest" && install "${common[@]}" vitest@4.1.12 vite@8.4.0 && npx tsc --noEmit && npx vitest run)
# Vitest 3 on Vite 7 (esbuild: no decorator metadata) with the one documented plugin line.
cp -r "$root/test/consumers/vitest" "$work/vitest3"
(cd "$work/vitest3" && install "${common[@]}" vitest@3.2.7 vite@7.3.8 unplugin-swc@2.0.0 @swc/core@1.16.22 && npx vitest run --config vitest.swc.config.ts)
echo "test-runner consumers ok: jest (preset: 'keel'), vitest 4 (no config), vitest 3 + unplugin-swc"
