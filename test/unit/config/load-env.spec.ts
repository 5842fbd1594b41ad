import fs from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeelError } from '../../../src/errors';
import { loadEnv } from '../../../src/config/load-env';

const SECRET = 'hunter2-secret';

function errorOf(fn: () => unknown): KeelError {
  try {
    fn();
  } catch (error) {
    if (error instanceof KeelError) return error;
    throw error;
  }
  throw new Error('expected a throw');
}

describe('loadEnv', () => {
  let dir: string;
  let stderr: jest.SpyInstance;
  let stdout: jest.SpyInstance;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-env-'));
    stderr = jest.spyOn(process.stderr, 'write');
    stdout = jest.spyOn(process.stdout, 'write');
  });
  afterEach(() => {
    // Nothing, success or failure, is ever printed: dotenv 18 would announce itself on stderr.
    expect(stderr).not.toHaveBeenCalled();
    expect(stdout).not.toHaveBeenCalled();
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the file into env and lists the keys it set', () => {
    const env: NodeJS.ProcessEnv = {};
    const result = loadEnv({ path: file('.env', '# c\nexport A=1\nB="two words"\nC=\n'), env });
    expect(result).toEqual({ loaded: true, keys: ['A', 'B', 'C'] });
    expect(env).toEqual({ A: '1', B: 'two words', C: '' });
  });

  it('treats a missing file as nothing to load', () => {
    const env: NodeJS.ProcessEnv = { A: 'kept' };
    expect(loadEnv({ path: join(dir, 'absent.env'), env })).toEqual({ loaded: false, keys: [] });
    expect(env).toEqual({ A: 'kept' });
  });

  it('never overrides a variable already set, even to an empty string', () => {
    const env: NodeJS.ProcessEnv = { A: 'from-env', B: '' };
    const result = loadEnv({ path: file('.env', 'A=from-file\nB=from-file\nC=from-file\n'), env });
    expect(result).toEqual({ loaded: true, keys: ['C'] });
    expect(env).toEqual({ A: 'from-env', B: '', C: 'from-file' });
  });

  it('writes to process.env when no env is given, leaving set variables alone', () => {
    const key = `KEEL_TEST_${process.pid}`;
    process.env[`${key}_SET`] = 'original';
    try {
      loadEnv({ path: file('.env', `${key}_NEW=1\n${key}_SET=changed\n`) });
      expect([process.env[`${key}_NEW`], process.env[`${key}_SET`]]).toEqual(['1', 'original']);
    } finally {
      delete process.env[`${key}_NEW`];
      delete process.env[`${key}_SET`];
    }
  });

  it('keeps quoted multi-line values whole', () => {
    const env: NodeJS.ProcessEnv = {};
    loadEnv({ path: file('.env', 'KEY="-----BEGIN-----\nabc+/==\n-----END-----"\nNEXT=1\n'), env });
    expect(env).toEqual({ KEY: '-----BEGIN-----\nabc+/==\n-----END-----', NEXT: '1' });
  });

  it('fails on a directory, naming the path and the reason', () => {
    const path = join(dir, 'env-dir');
    mkdirSync(path);
    const error = errorOf(() => loadEnv({ path, env: {} }));
    expect(error.code).toBe('ENV_FILE');
    expect(error.message.split('\n')[0]).toBe(`Cannot read env file "${path}": it is a directory (EISDIR).`);
    expect(error.cause).toMatchObject({ code: 'EISDIR' });
  });

  it('fails on a file it may not read, naming the path and the reason', () => {
    const path = file('.env', 'A=1\n');
    const denied = Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
    jest.spyOn(fs, 'readFileSync').mockImplementation(() => {
      throw denied;
    });
    const error = errorOf(() => loadEnv({ path, env: {} }));
    expect([error.code, error.message.split('\n')[0]]).toEqual(['ENV_FILE', `Cannot read env file "${path}": permission denied (EACCES).`]);
  });

  // Root reads any file, so the real permission check only runs as another user.
  (process.getuid?.() === 0 ? it.skip : it)('fails on a real unreadable file', () => {
    const path = file('.env', 'A=1\n');
    chmodSync(path, 0o000);
    expect(errorOf(() => loadEnv({ path, env: {} })).message).toContain('permission denied (EACCES)');
  });

  it('fails on a malformed line, naming the file and the line number but not the value, and loads nothing', () => {
    const path = file('.env', `A=1\n# comment\nPASSWORD ${SECRET}\nB=2\n`);
    const env: NodeJS.ProcessEnv = {};
    const error = errorOf(() => loadEnv({ path, env }));
    expect(error.code).toBe('ENV_FILE');
    expect(error.message).toBe(
      [
        `Malformed line 3 in env file "${path}": expected KEY=value, found no "=".`,
        'Hint: write KEY=value (values spanning lines go in quotes); dotenv would silently skip these lines. Values are never shown.',
      ].join('\n'),
    );
    expect(error.message).not.toContain(SECRET);
    expect(env).toEqual({});
  });

  it('lists every malformed line, with the key when the line plainly names one', () => {
    const path = file('.env', `API_KEY:${SECRET}\nOK=1\n${SECRET}\n`);
    const error = errorOf(() => loadEnv({ path, env: {} }));
    expect(error.message.split('\n').slice(0, 3)).toEqual([
      `Env file "${path}" has 2 malformed lines:`,
      '  line 1 ("API_KEY"): a ":" separator needs a space after it; write KEY=value',
      '  line 3: expected KEY=value, found no "="',
    ]);
    expect(error.message).not.toContain(SECRET);
  });

  it('ignores DOTENV_* switches in the environment (no override, no debug output)', () => {
    const env: NodeJS.ProcessEnv = { A: 'kept', DOTENV_OVERRIDE: 'true', DOTENV_DEBUG: 'true', DOTENV_QUIET: 'false' };
    loadEnv({ path: file('.env', 'A=changed\n'), env });
    expect(env.A).toBe('kept');
  });
});
