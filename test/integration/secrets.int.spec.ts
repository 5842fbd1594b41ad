import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnApp } from './helpers/spawn-app';

const SECRET = 'sk_live_0123456789abcdef';
const FORMATS = ['json', 'color', 'plain', 'simple', 'logfmt'] as const;

function envFile(lines: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'keel-secrets-')), '.env');
  writeFileSync(file, lines);
  return file;
}

const occurrences = (text: string, value: string) => text.split(value).length - 1;

async function output(scenario: string, env: Record<string, string>): Promise<{ code: number | null; text: string }> {
  // Five ts-node start-ups side by side take over 20 s (the default hang guard) on a loaded
  // 2-core machine; the guard is for hangs, so it is well above that and under the test's limit.
  const app = spawnApp('secrets-app.ts', { env: { FIXTURE_SCENARIO: scenario, ...env }, killAfterMs: 75_000 });
  const { code } = await app.exited;
  return { code, text: [...app.stdout, ...app.stderr].join('\n') };
}

describe('a secret config value', () => {
  // One child per format, side by side: five ts-node start-ups in series would be most of this file's time.
  it('never appears when a hook error quotes process.env, in any format at debug level', async () => {
    const file = envFile(`API_KEY=${SECRET}\n`);
    const runs = await Promise.all(
      FORMATS.map((format) => output('hook-error', { KEEL_ENV_FILE: file, KEEL_LOG_FORMAT: format, KEEL_LOG_LEVEL: 'debug' })),
    );

    expect(runs.map(({ code, text }) => ({ code, printed: occurrences(text, SECRET) }))).toEqual(
      FORMATS.map(() => ({ code: 1, printed: 0 })),
    );
    for (const { text } of runs) {
      // The lines are there, masked: the hook error, its cause and "startup failed".
      expect(text).toContain('startup failed');
      expect(occurrences(text, '[secret]')).toBeGreaterThanOrEqual(3);
    }
  }, 90_000);

  it('never appears on the uncaught-error path or in a failing OnStop, in any format', async () => {
    const file = envFile(`API_KEY=${SECRET}\n`);
    const runs = await Promise.all(FORMATS.map((format) => output('uncaught', { KEEL_ENV_FILE: file, KEEL_LOG_FORMAT: format })));

    expect(runs.map(({ code, text }) => ({ code, printed: occurrences(text, SECRET) }))).toEqual(
      FORMATS.map(() => ({ code: 1, printed: 0 })),
    );
    for (const { text } of runs) {
      expect(text).toContain('unhandled rejection');
      expect(text).toContain('stop failed, key [secret]');
    }
  }, 90_000);

  it("never appears with logConfig false, where winston's own default logger writes the lines", async () => {
    const file = envFile(`API_KEY=${SECRET}\n`);
    const { code, text } = await output('hook-error', { KEEL_ENV_FILE: file, KEEL_LOG_CONFIG: 'false' });

    expect(code).toBe(1);
    expect(text).toContain('[secret]');
    expect(occurrences(text, SECRET)).toBe(0);
  });

  it('a debug-level run with a bad config prints no value, only the keys', async () => {
    const file = envFile(`API_KEY=${SECRET}\nPORT=not-a-port-9f3e\n`);
    const { code, text } = await output('hook-error', { KEEL_ENV_FILE: file, KEEL_LOG_LEVEL: 'debug' });

    expect(code).toBe(1);
    expect(text).toContain('PORT: expected an integer');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('not-a-port-9f3e');
  });

  it('a secret shorter than 8 characters fails before any hook, naming the key', async () => {
    const file = envFile('API_KEY=abc1234\n');
    const { code, text } = await output('hook-error', { KEEL_ENV_FILE: file });

    expect(code).toBe(1);
    expect(text).toContain('API_KEY: expected a secret of at least 8 characters');
    expect(text).not.toContain('abc1234');
    expect(text).not.toContain('cannot start');
  });
});
