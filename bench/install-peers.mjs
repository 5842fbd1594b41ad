// Installs the bench's own peers (NestJS, rxjs, Effect) into bench/node_modules from bench/package-lock.json
// when they are missing or older than the lock, so `npm install` at the root never pulls them.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = path.dirname(fileURLToPath(import.meta.url));
const installed = path.join(bench, 'node_modules', '.package-lock.json');
const lock = path.join(bench, 'package-lock.json');

if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  console.error('bench: installing its peers (NestJS, rxjs, Effect) into bench/node_modules');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--prefix', bench, '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
