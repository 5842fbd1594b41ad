import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines } from '../integration/helpers/spawn-app';
import { compiledFixture, inBatches, spawnFixture } from './helpers/fixture';
import { recordFigure } from './helpers/results';

const LINES = 10_000;
const TIMES = 50;
const LOGGED = /fixture: logged/;
const numbered = (lines: readonly string[]) => jsonLines(lines).filter((r) => typeof r.i === 'number').length;

/** supervisor-app's log-flood: LINES lines, "fixture: logged" on stderr, then SIGTERM at once. */
async function floodThenTerm(stdoutFile?: string): Promise<{ code: number | null; lines: number }> {
  const app = spawnFixture('integration/supervisor-app.ts', {
    env: { FIXTURE_SCENARIO: 'log-flood', FIXTURE_LINES: String(LINES) },
    stdoutFile,
  });
  await app.waitForLine(LOGGED);
  app.kill('SIGTERM');
  const { code } = await app.exited;
  return { code, lines: stdoutFile ? numbered(readFileSync(stdoutFile, 'utf8').split('\n')) : numbered(app.stdout) };
}

describe('9. Log lines at exit', () => {
  it(`${LINES.toLocaleString('en')} lines then SIGTERM, ${TIMES} times: every line arrives, on a pipe and in a file`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-rel-logs-'));
    const pipe = await inBatches(TIMES, 4, () => floodThenTerm());
    const file = await inBatches(TIMES, 4, (i) => floodThenTerm(join(dir, `out-${i}.log`)));

    expect(pipe.filter((r) => r.code !== 0 || r.lines !== LINES)).toEqual([]);
    expect(file.filter((r) => r.code !== 0 || r.lines !== LINES)).toEqual([]);
    recordFigure({
      scenario: 9.1,
      title: `${LINES.toLocaleString('en')} lines then SIGTERM, ${TIMES}x pipe + ${TIMES}x file`,
      figure: `${pipe.length}/${TIMES} pipe and ${file.length}/${TIMES} file runs wrote all ${LINES.toLocaleString('en')} lines, exit 0`,
    });
  });

  it('`| head -1` (EPIPE): exits 0 with no error on stderr', async () => {
    const head = spawn('head', ['-1'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const firstLine = new Promise<string>((resolve) => head.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    const app = spawn(process.execPath, [compiledFixture('integration/supervisor-app.ts')], {
      env: {
        PATH: process.env.PATH ?? '',
        KEEL_LOG_FORMAT: 'json',
        KEEL_ENV_FILE: '/nonexistent/.env',
        FIXTURE_SCENARIO: 'log-flood',
        FIXTURE_LINES: String(LINES),
      },
      stdio: ['ignore', head.stdin, 'pipe'],
    });
    head.stdin.destroy();
    const limit = setTimeout(() => app.kill('SIGKILL'), 20_000);
    let stderr = '';
    app.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (LOGGED.test(stderr)) app.kill('SIGTERM');
    });
    const code = await new Promise<number | null>((resolve) => app.on('close', (exitCode) => resolve(exitCode)));
    clearTimeout(limit);

    expect(await firstLine).toMatch(/^\{/);
    expect(code).toBe(0);
    expect(stderr.split('\n').filter((l) => l !== '' && !l.startsWith('fixture: '))).toEqual([]);
    recordFigure({ scenario: 9.2, title: '`| head -1` (EPIPE)', figure: 'exit 0, nothing on stderr' });
  });

  it('a pipe nobody reads: the lost lines are reported on stderr, exit 0', async () => {
    const app = spawnFixture('integration/supervisor-app.ts', {
      env: { FIXTURE_SCENARIO: 'log-flood', FIXTURE_LINES: '50000' },
      unreadStdout: true,
      killAfterMs: 30_000,
    });
    await app.waitForLine(LOGGED);
    app.kill('SIGTERM');
    const { code } = await app.exited;
    const notice = app.stderr.find((l) => /log line\(s\) were not written/.test(l)) ?? '';

    expect(code).toBe(0);
    expect(notice).toMatch(/^keel: [1-9]\d* log line\(s\) were not written within 5000 ms/);
    recordFigure({
      scenario: 9.3,
      title: 'unread stdout pipe, 50,000 lines',
      figure: `exit 0; stderr: "${notice.replace(/ \(is anything.*$/, '')}"`,
    });
  });
});
