import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runNode } from '../cli/run-cli';

/**
 * dist/load-bundle.js compiles keel's bundle with V8's code cache (see its header). Each run is
 * a real node process on the built dist/ (npm run build), as a deployment runs it: the fixture
 * starts and stops one app and prints the cache's status in that process.
 */
const FIXTURE = join(__dirname, 'load-keel.js');
const DIST = join(ROOT, 'dist');

interface Run {
  status: 'off' | 'missing' | 'rejected' | 'accepted';
  calls: string[];
  frame: string;
}

async function load(cache: string, options: { flags?: string[]; dist?: string } = {}): Promise<Run> {
  const result = await runNode([...(options.flags ?? []), FIXTURE, options.dist ?? DIST], { env: { KEEL_CODE_CACHE: cache } });
  if (result.code !== 0) throw new Error(`load-keel.js exited ${result.code}:\n${result.stderr}`);
  return JSON.parse(result.stdout) as Run;
}

/** The fixture's hooks, and one task on a worker thread (whose entry dist/ bundles on its own). */
const CALLS = ['Clock.begin', 'double(21) = 42', 'Clock.end'];

const cacheFiles = (directory: string) => readdirSync(directory).filter((name) => name.endsWith('.cache'));

describe('code cache of the bundle', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'keel-code-cache-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('is written by the first run and compiled from by the next, which runs keel the same', async () => {
    const plain = await load('off');
    const first = await load(directory);
    expect(cacheFiles(directory)).toHaveLength(1);
    const second = await load(directory);

    expect([plain.status, first.status, second.status]).toEqual(['off', 'missing', 'accepted']);
    expect(second.calls).toEqual(CALLS);
    expect(first.calls).toEqual(plain.calls);
    // Stack traces name the bundle's real lines, as a plain require() does.
    expect(second.frame).toMatch(/dist[\\/]keel-core\.js:\d+:\d+\)$/);
    expect([first.frame, second.frame]).toEqual([plain.frame, plain.frame]);
  });

  it('ignores a file cut short and writes it again whole', async () => {
    await load(directory);
    const [name] = cacheFiles(directory);
    const file = join(directory, name!);
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, whole.length >> 1));

    expect((await load(directory)).status).toBe('missing');
    const rewritten = readFileSync(file);
    // Whole again: the payload is as long as its header says (V8's output varies by a few bytes run to run).
    expect(rewritten.readUInt32LE(8)).toBe(rewritten.length - 16);
    expect(rewritten.length).toBeGreaterThan(whole.length * 0.9);
    expect((await load(directory)).status).toBe('accepted');
  });

  it('ignores a file with one byte changed inside its payload, which V8 itself may crash on', async () => {
    await load(directory);
    const [name] = cacheFiles(directory);
    const file = join(directory, name!);
    const damaged = readFileSync(file);
    // Bytes V8 does not check in release builds: past its own header, in the serialized code.
    damaged[damaged.length >> 1] ^= 0x10;
    writeFileSync(file, damaged);

    const run = await load(directory);
    expect([run.status, run.calls]).toEqual(['missing', CALLS]);
    expect((await load(directory)).status).toBe('accepted');
  });

  it('checks its payload in JS where WebAssembly is missing (--jitless), as strictly', async () => {
    const jitless = { flags: ['--jitless'] };
    expect((await load(directory, jitless)).status).toBe('missing');
    expect((await load(directory, jitless)).status).toBe('accepted');
    const [name] = cacheFiles(directory);
    const file = join(directory, name!);
    const damaged = readFileSync(file);
    damaged[damaged.length >> 1] ^= 0x10;
    writeFileSync(file, damaged);

    const run = await load(directory, jitless);
    expect([run.status, run.calls]).toEqual(['missing', CALLS]);
  });

  it('keeps one file per set of node flags, and one V8 rejects is ignored and replaced', async () => {
    await load(directory);
    const [plain] = cacheFiles(directory);
    await load(directory, { flags: ['--max-old-space-size=256'] });
    const [other] = cacheFiles(directory).filter((name) => name !== plain);
    expect(other).toBeDefined();
    expect((await load(directory, { flags: ['--max-old-space-size=256'] })).status).toBe('accepted');

    // A well-formed file that V8 refuses: made under other flags than this process's.
    writeFileSync(join(directory, plain!), readFileSync(join(directory, other!)));
    const rejected = await load(directory);
    expect([rejected.status, (await load(directory)).status]).toEqual(['rejected', 'accepted']);
    expect(rejected.calls).toEqual(CALLS);
  });

  it('is not used for an edited bundle', async () => {
    const copy = join(directory, 'package');
    cpSync(DIST, join(copy, 'dist'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const caches = join(directory, 'caches');
    await load(caches, { dist: join(copy, 'dist') });
    expect((await load(caches, { dist: join(copy, 'dist') })).status).toBe('accepted');

    const bundle = join(copy, 'dist', 'keel-core.js');
    writeFileSync(bundle, readFileSync(bundle, 'utf8').replace('var __create', 'var  __create'));
    expect((await load(caches, { dist: join(copy, 'dist') })).status).toBe('missing');
    utimesSync(bundle, new Date(), new Date(Date.now() + 60_000));
    expect((await load(caches, { dist: join(copy, 'dist') })).status).toBe('missing');
  });

  it('leaves one whole file when several processes write it at once', async () => {
    const runs = await Promise.all([1, 2, 3, 4].map(() => load(directory)));

    expect(runs.map((run) => run.calls)).toEqual(runs.map(() => CALLS));
    expect(readdirSync(directory)).toEqual(cacheFiles(directory));
    expect(cacheFiles(directory)).toHaveLength(1);
    expect((await load(directory)).status).toBe('accepted');
  });

  it('is off with KEEL_CODE_CACHE=off, and an unwritable directory only costs the compile', async () => {
    expect((await load('off')).status).toBe('off');

    const notADirectory = join(directory, 'file');
    writeFileSync(notADirectory, '');
    const runs = [await load(join(notADirectory, 'cache')), await load(join(notADirectory, 'cache'))];
    expect(runs.map((run) => [run.status, run.calls])).toEqual([
      ['missing', CALLS],
      ['missing', CALLS],
    ]);
    expect(readdirSync(directory)).toEqual(['file']);
  });
});
