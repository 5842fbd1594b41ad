import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTimings } from '../../../src/cli/timings-file';
import { generateGraphApp } from './fixtures/generate-graph';
import { keel, runNode, withoutFrames } from './run-cli';

const SHOP = 'test/integration/cli/fixtures/shop.module.ts';
const ENV = { SHOP_DB_URL: 'postgres://127.0.0.1:5432/shop' };

describe('keel graph', () => {
  it('prints the graph as Mermaid by default, without keel built-in providers and without running a hook', async () => {
    const result = await keel(['graph', SHOP], { env: ENV });

    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'graph TD',
        '  n0["keel.CONFIG"]',
        '  n1["Database"]',
        '  n2["Cache"]',
        '  n3["Metrics"]',
        '  n4["Api"]',
        '  n1 --> n0',
        '  n2 --> n1',
        '  n4 --> n2',
        '  n4 --> n3',
        '',
      ].join('\n'),
    });
  });

  it('prints DOT with --format dot, and the built-in providers with --all', async () => {
    const result = await keel(['graph', `${SHOP}#ShopModule`, '--format', 'dot', '--all'], { env: ENV });

    expect([
      result.code,
      result.stdout.split('\n')[0],
      result.stdout.includes('"Api" -> "keel.LOGGER";'),
      result.stdout.includes('"keel.SIGNALS";'),
    ]).toEqual([0, 'digraph keel {', true, true]);
  });

  it('prints JSON with --format=json: nodes with their hooks, edges, start order', async () => {
    const result = await keel(['graph', SHOP, '--format=json'], { env: ENV });
    const graph = JSON.parse(result.stdout) as { nodes: { name: string; onStart: string[] }[]; edges: unknown[]; startOrder: string[] };

    expect([graph.nodes.map((n) => `${n.name}:${n.onStart.join(',')}`), graph.edges.length, graph.startOrder]).toEqual([
      ['keel.CONFIG:', 'Database:Database.connect', 'Cache:Cache.warm', 'Metrics:Metrics.init', 'Api:Api.listen'],
      4,
      ['keel.CONFIG', 'Metrics', 'Database', 'Cache', 'Api'],
    ]);
  });
});

describe('keel plan', () => {
  it('prints the waves, the stop order and the critical path, and says the estimate is structural', async () => {
    const result = await keel(['plan', SHOP], { env: ENV });

    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain(
      [
        'start: a service starts as soon as everything it depends on has started',
        '  wave 1: keel.CONFIG (no hooks), Metrics.init',
        '  wave 2: Database.connect',
        '  wave 3: Cache.warm',
        '  wave 4: Api.listen',
        '',
        'stop: a service stops once everything that depends on it has stopped',
        '  wave 1: Api.close',
        '  wave 2: Cache (no hooks), Metrics (no hooks)',
        '  wave 3: Database.disconnect',
        '  wave 4: keel.CONFIG (no hooks)',
        '',
        'critical: the longest chain of hooks, each waiting for the one before',
        '  start: Database.connect -> Cache.warm -> Api.listen (3 hook(s) in sequence)',
        '  stop:  Api.close -> Database.disconnect (2 hook(s) in sequence)',
      ].join('\n'),
    );
    expect(result.stdout).toContain('estimate: structural only');
    expect(result.stdout).not.toContain('HOOK RAN');
  });
});

describe('keel check', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'keel-check-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 when the app would start, without running a hook', async () => {
    const result = await keel(['check', SHOP], { env: ENV });

    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: `keel check: ShopModule (${SHOP}) would start: 5 services, 4 OnStart and 2 OnStop hooks; settings, env file and config valid; no hook ran.\n`,
    });
  });

  it('reads the env file as bootstrap does: the variable from .env in the working directory counts', async () => {
    writeFileSync(join(dir, '.env'), 'SHOP_DB_URL=postgres://127.0.0.1/shop\n');

    const result = await keel(['check', join(__dirname, 'fixtures', 'shop.module.ts')], { cwd: dir, env: { KEEL_ENV_FILE: '.env' } });

    expect([result.code, result.stderr]).toEqual([0, '']);
  });

  it('exits 1 with the error bootstrap prints when the config is invalid', async () => {
    const env = { SHOP_DB_URL: 'not a url', SHOP_PORT: 'eighty' };
    const [check, bootstrap] = await Promise.all([keel(['check', SHOP], { env }), runBootstrap(env)]);

    expect(check.code).toBe(1);
    expect(check.stdout).toBe('');
    expect(withoutFrames(check.stderr)).toBe(withoutFrames(bootstrap.stderr));
    expect(withoutFrames(check.stderr)).toMatch(/^InvalidConfigError: .*\n.*SHOP_DB_URL[\s\S]*SHOP_PORT/);
    expect(bootstrap.code).toBe(1);
  });

  it('exits 1 with the error bootstrap prints for a bad KEEL_* setting', async () => {
    const env = { ...ENV, KEEL_START_TIMEOUT: 'soon' };
    const [check, bootstrap] = await Promise.all([keel(['check', SHOP], { env }), runBootstrap(env)]);

    expect([check.code, withoutFrames(check.stderr)]).toEqual([1, withoutFrames(bootstrap.stderr)]);
    expect(check.stderr).toContain('KEEL_START_TIMEOUT: must be a number (got "soon")');
  });
});

/** The shop module through bootstrap(), the way its main file runs it. */
function runBootstrap(env: Record<string, string>) {
  return runNode(['-r', 'ts-node/register/transpile-only', 'test/integration/cli/fixtures/shop-main.ts'], { env });
}

describe('keel errors', () => {
  it.each([
    [['graph', 'no/such/file.ts'], 'keel: file not found: no/such/file.ts'],
    [['plan', `${SHOP}#Nope`], `keel: ${SHOP} has no export "Nope" (it exports Database, Cache, Metrics, Api, ShopModule, notAModule)`],
    [['check', `${SHOP}#notAModule`], `keel: export "notAModule" of ${SHOP} is not a module (a class decorated with @Module)`],
    [['graph', `${SHOP}#Api`], `keel: export "Api" of ${SHOP} is not a module (a class decorated with @Module)`],
    [
      ['graph', 'test/integration/cli/fixtures/two-modules.ts'],
      'keel: test/integration/cli/fixtures/two-modules.ts exports 2 modules (FirstModule, SecondModule); pick one with test/integration/cli/fixtures/two-modules.ts#FirstModule',
    ],
    [
      ['graph', 'test/integration/cli/fixtures/generate-graph.ts'],
      'keel: test/integration/cli/fixtures/generate-graph.ts exports no module (a class decorated with @Module); export one, or name it with test/integration/cli/fixtures/generate-graph.ts#Export',
    ],
    [
      ['check', 'test/integration/cli/fixtures/broken.ts'],
      'keel: cannot load test/integration/cli/fixtures/broken.ts: this module fails to load',
    ],
    [['graph'], 'keel: graph needs a file: keel graph <file>[#Export]'],
    [['deploy', SHOP], 'keel: unknown command "deploy" (graph, plan or check; keel --help)'],
    [['graph', SHOP, '--format', 'svg'], 'keel: --format must be mermaid, dot or json, got "svg"'],
    [['check', SHOP, '--timings', 'x.json'], 'keel: unknown option --timings for check (keel --help)'],
    [
      ['plan', SHOP, '--timings', 'no-such.timings.json'],
      'keel: timings file not found: ' + join(__dirname, '..', '..', '..', 'no-such.timings.json'),
    ],
  ])('keel %j: one line, exit 2', async (args, line) => {
    const result = await keel(args, { env: ENV });

    expect(result).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
  });
});

describe('keel on TypeScript without ts-node', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'keel-no-ts-node-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says to compile the file or install ts-node, in one line, exit 2', async () => {
    // Outside the repository nothing resolves ts-node: neither next to the file nor from the working directory.
    writeFileSync(join(dir, 'app.module.ts'), 'export class AppModule {}\n');

    const result = await keel(['graph', 'app.module.ts'], { cwd: dir });

    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'keel: app.module.ts is TypeScript and ts-node is not installed; compile it and point keel at the .js, or npm install -D ts-node\n',
    });
  });
});

describe('a 200-service generated graph', () => {
  let dir: string;
  let app: { module: string; main: string };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-graph-'));
    app = generateGraphApp(dir, { layers: 10, width: 20 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('graph: every service and edge', async () => {
    const result = await keel(['graph', app.module, '--format', 'json']);
    const graph = JSON.parse(result.stdout) as { nodes: unknown[]; edges: unknown[] };

    expect([result.code, graph.nodes.length, graph.edges.length]).toEqual([0, 200, 9 * 20 * 2]);
  });

  it('check: exits 0', async () => {
    const result = await keel(['check', app.module]);

    expect([result.code, result.stdout]).toEqual([
      0,
      expect.stringContaining('would start: 200 services, 200 OnStart and 200 OnStop hooks'),
    ]);
  });

  it('plan: 10 waves of 20 to start and to stop; with the timings of a real run, estimates in ms', async () => {
    const structural = await keel(['plan', app.module]);
    const timeline = join(dir, 'run', 'timeline.html');
    const run = await runNode([app.main], { env: { KEEL_TIMELINE: timeline } });
    const timed = await keel(['plan', app.module, '--timings', join(dir, 'run', 'timeline.timings.json')]);

    const waveSizes = (text: string) =>
      [...text.matchAll(/^ {2}wave (\d+)[^:]*: (.*)$/gm)].map((m) => `${m[1]}:${m[2]!.split(', ').length}`);
    const waves = Array.from({ length: 10 }, (_, i) => `${i + 1}:20`);
    expect([structural.code, waveSizes(structural.stdout)]).toEqual([0, [...waves, ...waves]]);
    expect(run.code).toBe(0);
    expect(readFileSync(timeline, 'utf8')).toContain('data-service="Svc9x19"');
    expect([timed.code, timed.stdout]).toEqual([0, expect.stringMatching(/start: ~[\d.]+ ms \(its critical path\)/)]);
    expect(timed.stdout).not.toContain('count as 0 ms');
    expect(timed.stdout).toMatch(/^ {2}wave 10 \([\d.]+-[\d.]+ ms\): Svc9x0\.start [\d.]+ ms/m);
  });
});

describe('KEEL_TIMELINE in a failed start', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'keel-failed-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the timeline of the start and its rollback, the failure in red with its error', async () => {
    const result = await runNode(['-r', 'ts-node/register/transpile-only', 'test/integration/cli/fixtures/failing-main.ts'], {
      env: { KEEL_TIMELINE: join(dir, 'failed.html') },
    });
    const html = readFileSync(join(dir, 'failed.html'), 'utf8');
    const timings = readTimings(join(dir, 'failed.timings.json'));

    expect(result.code).toBe(1);
    const own = timings.hooks.filter((h) => !h.service.startsWith('keel.'));
    expect(own.map((h) => `${h.phase} ${h.hook} ${h.outcome}`)).toEqual([
      'start Database.connect ok',
      'start Api.listen failed',
      'stop Database.disconnect ok',
    ]);
    expect(html).toMatch(
      /<g class="bar failed" data-service="Api" data-hook="Api.listen" data-phase="start"><title>[^<]*listen EADDRINUSE/,
    );
  });
});
