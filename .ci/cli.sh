#!/usr/bin/env bash
# The keel bin as users get it: the packed tarball installed into a plain CommonJS app, run through npx.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
mkdir "$work/app"
cd "$work/app"
echo '{ "name": "keel-cli-consumer", "private": true, "type": "commonjs" }' > package.json
cat > app.module.js <<'JS'
require('reflect-metadata');
const { decorate, inject, injectable } = require('inversify');
const { Module, OnStart, OnStop } = require('keel');

class Database {
  connect() { console.log('HOOK RAN'); }
  close() {}
}
decorate(injectable(), Database);
OnStart()(Database.prototype, 'connect');
OnStop()(Database.prototype, 'close');

class Api {
  constructor(db) { this.db = db; }
  listen() { console.log('HOOK RAN'); }
}
decorate(injectable(), Api);
decorate(inject(Database), Api, 0);
OnStart()(Api.prototype, 'listen');

class AppModule {}
Module({ providers: [Database, Api] })(AppModule);
module.exports = { AppModule };
JS
npm install --silent --no-audit --no-fund --prefer-offline "$work/$tarball" reflect-metadata@0.2.2 >/dev/null
expect() { # expect <pattern> <command...>: the command succeeds, prints the pattern and never "HOOK RAN"
  local pattern=$1; shift
  local out; out=$("$@")
  grep -q -- "$pattern" <<<"$out" || { echo "'$*' printed:"; echo "$out"; echo "expected: $pattern"; exit 1; }
  if grep -q 'HOOK RAN' <<<"$out"; then echo "'$*' ran a hook"; exit 1; fi
}
expect 'n1 --> n0' npx --no-install keel graph app.module.js
expect '"Api" -> "Database";' npx --no-install keel graph app.module.js#AppModule --format dot
expect '  wave 2: Api.listen' npx --no-install keel plan app.module.js
expect 'would start: 2 services, 2 OnStart and 1 OnStop hooks' npx --no-install keel check app.module.js
set +e
error=$(npx --no-install keel graph app.module.js#Nope 2>&1 >/dev/null)
code=$?
set -e
[ "$code" -eq 2 ] && [ "$error" = 'keel: app.module.js has no export "Nope" (it exports AppModule)' ] || {
  echo "expected exit 2 and one line, got $code: $error"
  exit 1
}
echo "  ok: npx keel graph, plan, check and a CLI error from the installed package"
