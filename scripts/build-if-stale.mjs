// `npm start` runs this first: builds keel and the samples (npm run build:samples) only when a
// source or config file is newer than the last build, so starting again is instant.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist-samples', '.build-stamp');
const inputs = ['src', 'samples', 'scripts/bundle.mjs', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.samples.json'];

function newest(entry) {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs; // a deleted file changes its folder's mtime
  for (const name of readdirSync(entry)) latest = Math.max(latest, newest(path.join(entry, name)));
  return latest;
}

const built = existsSync(stamp) && existsSync(path.join(root, 'dist', 'index.js')) ? statSync(stamp).mtimeMs : -Infinity;
const changed = Math.max(...inputs.map((input) => newest(path.join(root, input))));
if (changed > built) {
  console.error(
    built === -Infinity ? 'building keel and the samples (first start)...' : 'sources changed: rebuilding keel and the samples...',
  );
  const began = new Date();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build:samples', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // Stamped with the time the build began: a file saved during the build triggers the next one.
  writeFileSync(stamp, '');
  utimesSync(stamp, began, began);
}
