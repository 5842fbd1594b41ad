// Drives the rolling-restart check: see rolling-restart.sh. Every child is killed on the way out.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const DURATION_S = Number(process.env.ROLLING_DURATION ?? 16);
const CONNECTIONS = 50;
const DRAIN_DELAY_MS = Number(process.env.ROLLING_DRAIN_DELAY ?? 1000);
const children = new Set();
const guard = setTimeout(() => abort('timed out after 120 s'), 120_000);

const [front, ...replicaPorts] = await Promise.all([freePort(), freePort(), freePort()]);
const dir = mkdtempSync(join(tmpdir(), 'keel-rolling-'));
const config = join(dir, 'haproxy.cfg');
writeFileSync(
  config,
  `global
  maxconn 2000
defaults
  mode http
  retries 0
  timeout connect 1s
  timeout client 10s
  timeout server 10s
  timeout check 500ms
frontend web
  bind 127.0.0.1:${front}
  default_backend hello
backend hello
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
${replicaPorts.map((port, i) => `  server r${i + 1} 127.0.0.1:${port} check inter 100ms fall 2 rise 2`).join('\n')}
`,
);

const replicas = await Promise.all(replicaPorts.map((port) => startReplica(port)));
const haproxy = track(spawn('haproxy', ['-f', config, '-db'], { stdio: ['ignore', 'inherit', 'inherit'] }));
haproxy.on('exit', (code) => children.has(haproxy) && abort(`haproxy exited (${code})`));
await waitUntil(async () => (await status(`http://127.0.0.1:${front}/hello?name=warmup`)) === 200, 10_000);
// Both replicas must be up in HAProxy before the load starts: rise 2 x inter 100 ms, with margin.
await sleep(600);

console.log(`rolling restart: ${replicas.length} replicas behind haproxy on :${front}, ${CONNECTIONS} connections for ${DURATION_S} s`);
const load = autocannon({ url: `http://127.0.0.1:${front}/hello?name=load`, connections: CONNECTIONS, duration: DURATION_S });
const restarts = [];
const rolling = (async () => {
  await sleep(2000);
  for (let i = 0; i < replicas.length; i += 1) {
    const began = Date.now();
    const old = replicas[i];
    old.child.kill('SIGTERM');
    const { code } = await old.exited;
    const exitedMs = Date.now() - began;
    if (code !== 0) abort(`replica r${i + 1} exited with ${code} after SIGTERM`);
    replicas[i] = await startReplica(replicaPorts[i]);
    const readyMs = Date.now() - began;
    restarts.push(`r${i + 1}: exit ${exitedMs} ms after SIGTERM, ready again after ${readyMs} ms`);
    // Let HAProxy see it ready (rise 2) before the next one goes.
    await sleep(1000);
  }
})();
const [result] = await Promise.all([load, rolling]);
for (const line of restarts) console.log(`  ${line}`);
const failed = result.errors + result.timeouts + result.non2xx;
console.log(
  `  requests: ${result.requests.total} total, ${result['2xx']} 2xx, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
);
console.log(`  failed: ${failed} of ${result.requests.total}`);
await cleanup();
clearTimeout(guard);
if (restarts.length !== replicas.length) fail('not every replica was restarted');
if (failed > 0) fail(`${failed} request(s) failed during the rolling restart`);
console.log('  ok: no request failed');

async function startReplica(port) {
  const child = track(
    spawn(process.execPath, ['dist-samples/hello/main.js'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', KEEL_LOG_FORMAT: 'json', KEEL_DRAIN_DELAY: String(DRAIN_DELAY_MS) },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => (children.delete(child), resolve({ code, signal }))));
  const lines = [];
  let rest = '';
  const ready = new Promise((resolve) => {
    child.stdout.on('data', (chunk) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop();
      for (const line of parts) {
        lines.push(line);
        if (line.includes('ready on http://')) resolve();
      }
    });
  });
  let isReady = false;
  await Promise.race([
    ready.then(() => (isReady = true)),
    exited.then(() => isReady || abort(`replica on :${port} exited before it was ready:\n${lines.join('\n')}`)),
  ]);
  await waitUntil(async () => (await status(`http://127.0.0.1:${port}/readyz`)) === 200, 10_000);
  return { child, exited, lines };
}

function track(child) {
  children.add(child);
  return child;
}

async function cleanup() {
  for (const child of [...children]) {
    children.delete(child);
    child.kill('SIGKILL');
  }
}

function abort(why) {
  console.error(`rolling restart: ${why}`);
  void cleanup().then(() => process.exit(1));
}

function fail(why) {
  console.error(`rolling restart FAILED: ${why}`);
  process.exit(1);
}

async function status(url) {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

async function waitUntil(condition, ms) {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) abort('a condition was not met in time');
    await sleep(50);
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
