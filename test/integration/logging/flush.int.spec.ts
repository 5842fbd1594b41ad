import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const FIXTURE = join(__dirname, 'fixtures', 'flush-app.ts');

function runApp(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', FIXTURE, ...args], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() }));
  });
}

function indexes(text: string): number[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { i: number }).i);
}

describe('createWinstonLogger in a real process', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-flush-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([true, false])(
    'buffering %p: close() then process.exit(0) loses no record, to a file or to a piped stdout',
    async (buffering) => {
      const file = join(dir, 'app.log');
      const { code, stdout, stderr } = await runApp([file, '10000', String(buffering)]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const expected = Array.from({ length: 10_000 }, (_, i) => i);
      expect(indexes(readFileSync(file, 'utf8'))).toEqual(expected);
      expect(indexes(stdout)).toEqual(expected);
    },
    60_000,
  );
});
