#!/usr/bin/env bash
# The code cache from the packed tarball: the first run of an installed app writes it into the
# app's node_modules/.cache/keel, the next compiles keel from it (dist/load-bundle.js), and a
# read-only cache directory changes nothing but the speed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cd "$root"
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
cp -r "$root/test/consumers/cjs" "$work/app"
cd "$work/app"
npm install --silent --no-audit --no-fund --prefer-offline "$work/$tarball" reflect-metadata@0.2.2 >/dev/null
status() { node -e 'require("keel"); console.log(require("./node_modules/keel/dist/load-bundle.js").codeCacheStatus())'; }
first=$(status)
files=$(ls node_modules/.cache/keel)
second=$(status)
node main.js >/dev/null
echo "code cache: first run $first, then $second; node_modules/.cache/keel: $files"
[ "$first" = missing ] && [ "$second" = accepted ] && [ "$(echo "$files" | wc -l)" = 1 ]
# A cache directory nobody may write (as a non-root user would find it): keel runs, uncached.
if [ "$(id -u)" != 0 ]; then
  rm -rf node_modules/.cache/keel && mkdir -p node_modules/.cache/keel && chmod a-w node_modules/.cache/keel
  [ "$(status)" = missing ] && node main.js >/dev/null && [ -z "$(ls node_modules/.cache/keel)" ]
fi
echo "code cache ok"
