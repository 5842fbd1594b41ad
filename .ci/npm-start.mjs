// `npm start` under a process manager: SIGTERM or SIGINT sent to the npm process alone (not its
// process group) must stop the app cleanly, with nothing left running; and so must Ctrl-C. npm forwards the signal to
// its child, and the start script `exec`s node, so that child is the app itself, not a shell.
import { spawn } from 'node:child_process';
import { watchReady } from './ready-url.mjs';

for (const signal of ['SIGTERM', 'SIGINT']) await check(signal);
await check('SIGINT', { group: true }); // Ctrl-C in a terminal: the whole foreground group, npm and the app alike

async function check(signal, { group = false } = {}) {
  // Its own process group, so that a signal to npm's pid reaches npm only, and leftovers can be found.
  const npm = spawn('npm', ['start'], {
    detached: true,
    env: { ...process.env, PORT: '0', KEEL_LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const fail = (why) => {
    console.error(`npm start (${signal}${group ? ' to the group' : ''}): ${why}\n${lines.join('\n')}\n^ ${why}`);
    try {
      process.kill(-npm.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    process.exit(1);
  };
  const killer = setTimeout(() => fail('timed out after 60 s'), 60_000);
  const { lines, url, exited } = watchReady(npm, { onEarlyExit: () => fail('exited before it was ready') });
  const base = await url;
  const body = (await (await fetch(`${base}/hello?name=npm`)).text()).trim();
  if (!body.startsWith('Hello, npm!')) fail(`/hello answered ${JSON.stringify(body)}`);

  process.kill(group ? -npm.pid : npm.pid, signal); // npm's pid only, unless the whole group
  const { code } = await exited;
  clearTimeout(killer);
  if (!lines.some((line) => line.includes(`stopping (${signal} received)`))) fail(`the app never logged "stopping (${signal} received)"`);
  if (!lines.some((line) => line.includes('"stopped in'))) fail('the app never logged "stopped in"');
  if (groupAlive(npm.pid)) fail('a process of the npm start group is still running (orphaned app)');
  const refused = await fetch(`${base}/hello`).then(
    () => false,
    () => true,
  );
  if (!refused) fail(`${base} still answers after npm exited`);
  if (lines.filter((line) => line.includes('stopping (')).length !== 1)
    fail('expected exactly one "stopping" line (a second signal forces exit)');
  const to = group ? "npm's whole process group (Ctrl-C)" : "npm's pid alone";
  console.log(`  ok: ${signal} to ${to} stopped the app cleanly (npm exit code ${code}, no process left)`);
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code !== 'ESRCH';
  }
}
