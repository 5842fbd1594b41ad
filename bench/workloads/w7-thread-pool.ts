import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FrameworkName } from '../frameworks/framework-adapter';
import { loadKeel } from '../frameworks/load-keel';
import { formatMs } from '../stats';
import { atMost, metricValues, ratiosToPeer, valueTarget } from './report-helpers';
import type { BenchCase, ReportRow, Sample, Workload } from './workload';

const TASKS = path.join(__dirname, '..', 'apps', 'pool-tasks', 'tasks.js');
const OVERHEAD_TARGET = 1.1;
const SPEEDUP_TARGET = 1.8;
const CHUNKS = 8;
const REPEATS = 3;
/** Rounds of the tiny-task measurement per process; the best round counts. */
const ROUNDS = 3;
/** piscina is the base, shown in the inversify column. */
const COLUMNS: ReportRow['columns'] = { inversify: 'piscina' };

/** One way to run a task on a pool of `size` threads: keel's THREAD_POOL or piscina itself. */
interface Pool {
  run(exportName: 'echo' | 'burn', arg: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * W7 thread pool. tiny: N echo() tasks through THREAD_POOL (2 threads) and
 * through piscina directly (same file, same export, same thread count), all
 * queued at once and then one at a time, after a warm-up that spawns the threads
 * and loads the module. cpu: one CPU-bound job cut into 8 burn() chunks on a
 * 1-thread and a 2-thread pool, alternated 3 times in the same process; speedup
 * = best 1-thread time / best 2-thread time. Targets: keel <= 1.1x piscina,
 * speedup >= 1.8.
 */
export const w7ThreadPool: Workload = {
  id: 'W7',
  title: 'thread pool: THREAD_POOL vs piscina direct',
  cases(mode): BenchCase[] {
    const quick = mode === 'quick';
    const runs = quick ? 3 : 5;
    const tasks = quick ? 2_000 : 10_000;
    const iterations = quick ? 100_000_000 : 400_000_000;
    return [
      { key: `${tasks / 1000}k tiny tasks`, params: { kind: 'tiny', tasks }, frameworks: ['keel', 'piscina'], runs },
      { key: `cpu job, ${CHUNKS} chunks`, params: { kind: 'cpu', iterations }, frameworks: ['keel', 'piscina'], runs },
    ];
  },
  measure(params, framework) {
    return params.kind === 'tiny' ? measureTiny(framework, Number(params.tasks)) : measureSpeedup(framework, Number(params.iterations));
  },
  report(results) {
    const rows: ReportRow[] = [];
    for (const result of results) {
      const key = result.case.key;
      if (result.case.params.kind === 'tiny') {
        for (const [metric, label] of [
          ['allQueuedMs', 'all queued at once, ms'],
          ['oneAtATimeMs', 'one at a time, ms'],
        ] as const) {
          const values = metricValues(result, metric);
          const ratios = ratiosToPeer(values, 'piscina', COLUMNS);
          rows.push({
            case: key,
            metric: label,
            format: formatMs,
            values,
            columns: COLUMNS,
            base: 'piscina',
            ratios,
            target: atMost(ratios?.keel, OVERHEAD_TARGET),
          });
        }
      } else {
        for (const metric of ['oneThreadMs', 'twoThreadsMs'] as const) {
          const values = metricValues(result, metric);
          rows.push({
            case: key,
            metric: metric === 'oneThreadMs' ? '1 thread, ms' : '2 threads, ms',
            format: formatMs,
            values,
            columns: COLUMNS,
            base: 'piscina',
            ratios: ratiosToPeer(values, 'piscina', COLUMNS),
          });
        }
        const speedup = metricValues(result, 'speedup');
        rows.push({
          case: key,
          metric: 'speedup 2 vs 1 thread',
          format: (v) => `${v.toFixed(2)}x`,
          values: speedup,
          columns: COLUMNS,
          target: valueTarget(speedup.keel?.median, `>= ${SPEEDUP_TARGET}x`, (v) => v >= SPEEDUP_TARGET),
        });
      }
    }
    return {
      rows,
      notes: [
        'piscina (direct: same worker file and export, minThreads = maxThreads, recordTiming off, as keel configures it) is the base, shown in the inversify column.',
        `tiny: echo(i) after a 500-task warm-up, on 2 threads; 'all queued' submits every task then awaits them all (throughput), 'one at a time' awaits each before the next (round-trip latency); best of ${ROUNDS} rounds per process; results.json has us/task.`,
        `cpu: ${CHUNKS} equal burn() chunks on a 1-thread and a 2-thread pool, alternated ${REPEATS} times per process, best of each; the speedup target is judged on keel's median. The machine has 2 cores shared with other work: the load average bounds what 2 threads can gain.`,
      ],
    };
  },
};

async function openPool(framework: FrameworkName, size: number): Promise<Pool> {
  if (framework === 'keel') {
    const keel = loadKeel();
    class PoolModule {}
    keel.Module({})(PoolModule);
    // Quiet: the bench measures the pool, not log output.
    const app = await keel.createApplication(PoolModule, { poolSize: size, logLevel: 'error' });
    await app.start();
    const pool = app.get(keel.THREAD_POOL);
    return { run: (exportName, arg) => pool.run<number>(TASKS, exportName, arg), close: () => app.stop() };
  }
  if (framework !== 'piscina') throw new Error(`W7 measures keel and piscina, not ${framework}.`);
  const { Piscina } = await import('piscina');
  const piscina = new Piscina({ filename: TASKS, minThreads: size, maxThreads: size, recordTiming: false });
  return { run: (name, arg) => piscina.run(arg, { name }) as Promise<number>, close: () => piscina.destroy() };
}

async function measureTiny(framework: FrameworkName, tasks: number): Promise<Sample> {
  const pool = await openPool(framework, 2);
  try {
    await Promise.all(Array.from({ length: 500 }, (_, i) => pool.run('echo', i))); // threads up, module loaded, JIT warm
    // Best of a few rounds, each mode in turn: other processes only ever slow a round down.
    let allQueuedMs = Infinity;
    let oneAtATimeMs = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
      let t0 = performance.now();
      await Promise.all(Array.from({ length: tasks }, (_, i) => pool.run('echo', i)));
      allQueuedMs = Math.min(allQueuedMs, performance.now() - t0);
      t0 = performance.now();
      for (let i = 0; i < tasks; i++) await pool.run('echo', i);
      oneAtATimeMs = Math.min(oneAtATimeMs, performance.now() - t0);
    }
    return {
      allQueuedMs,
      oneAtATimeMs,
      allQueuedUsPerTask: (allQueuedMs / tasks) * 1000,
      oneAtATimeUsPerTask: (oneAtATimeMs / tasks) * 1000,
    };
  } finally {
    await pool.close();
  }
}

async function measureSpeedup(framework: FrameworkName, iterations: number): Promise<Sample> {
  const one = await openPool(framework, 1);
  const two = await openPool(framework, 2);
  try {
    const chunk = Math.round(iterations / CHUNKS);
    const job = (pool: Pool) => Promise.all(Array.from({ length: CHUNKS }, () => pool.run('burn', chunk)));
    await Promise.all([one.run('burn', 1000), two.run('burn', 1000), two.run('burn', 1000)]);
    const times = { one: [] as number[], two: [] as number[] };
    for (let r = 0; r < REPEATS; r++) {
      for (const [name, pool] of [
        ['one', one],
        ['two', two],
      ] as const) {
        const t0 = performance.now();
        await job(pool);
        times[name].push(performance.now() - t0);
      }
    }
    const oneThreadMs = Math.min(...times.one);
    const twoThreadsMs = Math.min(...times.two);
    return { oneThreadMs, twoThreadsMs, speedup: oneThreadMs / twoThreadsMs };
  } finally {
    await Promise.all([one.close(), two.close()]);
  }
}
