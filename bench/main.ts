import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, parseBenchOptions, type BenchOptions } from './cli-options';
import type { FrameworkName } from './frameworks/framework-adapter';
import { runInstructions } from './instructions';
import { runShareInstructions } from './instructions-share';
import { collectMachineInfo } from './machine-info';
import { renderMarkdown } from './render-table';
import { runInChild } from './run-in-child';
import { summarize, type Stats } from './stats';
import { WORKLOADS } from './workloads';
import type { BenchCase, CaseResult, Sample, Workload } from './workloads/workload';

interface PlannedCase {
  workload: Workload;
  benchCase: BenchCase;
  samples: Map<FrameworkName, Sample[]>;
}

/**
 * `npm run bench`: every workload against keel, NestJS and raw inversify, one
 * fresh process per measurement, runs interleaved across frameworks so drift in
 * machine load spreads evenly. Prints a Markdown table, writes results.json.
 * Exits 1 only when a measurement crashed; missed targets are reported, not fatal.
 */
async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options.instructions) {
    // W1 unless --only names other workloads; W5: its "keel share" phases.
    if (options.only.length === 0 || options.only.includes('W1')) await runInstructions(options, log);
    if (options.only.includes('W5')) await runShareInstructions(options, log);
    return;
  }
  const machine = collectMachineInfo();
  const plan = planCases(options);
  const jobs = interleave(plan, options);
  const failures: string[] = [];
  const execArgv = options.profileDir ? ['--cpu-prof', '--cpu-prof-dir', options.profileDir] : [];
  if (options.profileDir) mkdirSync(options.profileDir, { recursive: true });
  log(
    `keel bench (${options.mode}): ${jobs.length} processes on ${machine.cpu}, ${machine.cores} cores, load ${machine.loadAverage.join(' ')}`,
  );
  const began = Date.now();
  for (const [index, { planned, framework, run }] of jobs.entries()) {
    const label = `[${index + 1}/${jobs.length}] ${planned.workload.id} ${planned.benchCase.key} ${framework} #${run + 1}`;
    try {
      const sample = await runInChild({ workload: planned.workload.id, params: planned.benchCase.params, framework }, execArgv);
      planned.samples.get(framework)!.push(sample);
      log(
        `${label}: ${Object.entries(sample)
          .map(([k, v]) => `${k} ${Math.round(v * 100) / 100}`)
          .join(', ')}`,
      );
    } catch (error) {
      failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
      log(`${label}: FAILED\n${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const reports = WORKLOADS.filter((w) => plan.some((p) => p.workload === w)).map((workload) => {
    const results = plan.filter((p) => p.workload === workload).map(toCaseResult);
    return { workload, results, report: workload.report(results, options.mode) };
  });
  const markdown = renderMarkdown(reports);
  console.log(`\n## keel bench (${options.mode})\n`);
  console.log(
    `${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load ${machine.loadAverage.join(' ')} at start, ${machine.date}\n`,
  );
  console.log(markdown);
  if (failures.length > 0) console.log(`\n${failures.length} measurement(s) failed; see above.`);
  writeResults(options, {
    machine,
    mode: options.mode,
    durationSec: Math.round((Date.now() - began) / 1000),
    loadAverageAtEnd: collectMachineInfo().loadAverage,
    workloads: reports.map(({ workload, results, report }) => ({
      id: workload.id,
      title: workload.title,
      cases: results.map((r) => ({ key: r.case.key, params: r.case.params, stats: r.stats })),
      rows: report.rows.map(({ format: _format, ...row }) => row),
      notes: report.notes,
      details: report.details,
    })),
    failures,
    markdown,
  });
  log(`results written to ${path.relative(ROOT, options.out)} in ${Math.round((Date.now() - began) / 1000)} s`);
  if (options.profileDir) log(`CPU profiles in ${path.relative(ROOT, options.profileDir)} (open in Chrome DevTools > Performance)`);
  process.exitCode = failures.length > 0 ? 1 : 0;
}

function planCases(options: BenchOptions): PlannedCase[] {
  const selected = options.only.length === 0 ? WORKLOADS : WORKLOADS.filter((w) => options.only.includes(w.id.toUpperCase()));
  if (selected.length === 0) throw new Error(`--only matched no workload; known: ${WORKLOADS.map((w) => w.id).join(', ')}.`);
  return selected.flatMap((workload) =>
    workload.cases(options.mode).map((benchCase) => {
      const frameworks = benchCase.frameworks.filter((f) => options.frameworks.includes(f));
      const runs = options.runs ?? benchCase.runs;
      return { workload, benchCase: { ...benchCase, frameworks, runs }, samples: new Map(frameworks.map((f) => [f, [] as Sample[]])) };
    }),
  );
}

/** Run 1 of everything, then run 2 of everything...: a load spike hits every framework alike. */
function interleave(plan: readonly PlannedCase[], options: BenchOptions) {
  const jobs: { planned: PlannedCase; framework: FrameworkName; run: number }[] = [];
  const maxRuns = Math.max(0, ...plan.map((p) => p.benchCase.runs));
  for (let run = 0; run < maxRuns; run++) {
    for (const planned of plan) {
      if (run >= planned.benchCase.runs) continue;
      for (const framework of planned.benchCase.frameworks)
        if (options.frameworks.includes(framework)) jobs.push({ planned, framework, run });
    }
  }
  return jobs;
}

function toCaseResult({ benchCase, samples }: PlannedCase): CaseResult {
  const stats: CaseResult['stats'] = {};
  for (const [framework, list] of samples) {
    if (list.length === 0) continue;
    const metrics: Record<string, Stats> = {};
    for (const metric of Object.keys(list[0]!)) metrics[metric] = summarize(list.map((s) => s[metric]!));
    stats[framework] = metrics;
  }
  return { case: benchCase, stats };
}

function writeResults(options: BenchOptions, results: unknown): void {
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
