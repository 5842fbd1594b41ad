// Runs one compiled sample on a free port, exercises it, sends SIGTERM, and checks a clean exit.
import { spawn } from 'node:child_process';
import { watchReady } from './ready-url.mjs';

const name = process.argv[2];
const checks = {
  hello: async (base) => {
    await expectBody(`${base}/hello?name=ci`, /^Hello, ci! \(visit #1\)$/);
    await expectBody(`${base}/hello?name=ci`, /visit #2/);
    await expectBody(`${base}/fib?n=20`, /^6765$/);
    await expectBody(`${base}/readyz`, /"status":"ok".*"Database\.ping","status":"pass"/);
  },
  'http-express': async (base) => {
    const created = await fetch(`${base}/todos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'ship it' }),
    });
    if (created.status !== 201) fail(`POST /todos answered ${created.status}`);
    await expectBody(`${base}/todos`, /^\[\{"id":1,"title":"ship it"\}\]$/);
    await expectBody(`${base}/readyz`, /"TodoStore\.ping","status":"pass"/);
  },
  // Orders go through the @Background consumer; the @Every cleanup (1 s) and the @Cron report (2 s) must have run.
  periodic: async (base) => {
    await fetch(`${base}/orders?n=3`, { method: 'POST' });
    await eventually(`${base}/stats`, (s) => s.processed === 3 && s.cleanups >= 1 && s.reports >= 1, 8_000);
  },
};
// samples/hello with pino as LOGGER: the same app, so the same answers.
checks['custom-logger'] = checks.hello;

const child = spawn(process.execPath, [`dist-samples/${name}/main.js`], {
  env: { ...process.env, PORT: '0', KEEL_LOG_FORMAT: 'json' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const killer = setTimeout(() => fail('timed out after 30 s'), 30_000);
const { lines, url, exited } = watchReady(child, { onEarlyExit: () => fail('exited before it was ready') });
const base = await url;
await checks[name]?.(base);
child.kill('SIGTERM');
const { code, signal } = await exited;
clearTimeout(killer);
if (code !== 0) fail(`exit code ${code} (signal ${signal})`);
if (!lines.some((line) => line.includes('"stopped in'))) fail('no "stopped in" line');
console.log(`  ok: started, answered, stopped cleanly (${lines.length} log lines)`);

async function expectBody(url, pattern) {
  const body = (await (await fetch(url)).text()).trim();
  if (!pattern.test(body)) fail(`${url} answered ${JSON.stringify(body)}, expected ${pattern}`);
}

async function eventually(url, test, ms) {
  const deadline = Date.now() + ms;
  for (let body; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
    body = await (await fetch(url)).json();
    if (test(body)) return;
    if (Date.now() > deadline) fail(`${url} answered ${JSON.stringify(body)} for ${ms} ms`);
  }
}

function fail(why) {
  console.error(`sample ${name}: ${why}\n${lines.join('\n')}`);
  child.kill('SIGKILL');
  process.exit(1);
}
