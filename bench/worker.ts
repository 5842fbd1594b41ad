import type { FrameworkName } from './frameworks/framework-adapter';
import { findWorkload } from './workloads';
import type { CaseParams, Sample } from './workloads/workload';

/** What the parent asks one child process to measure. */
export interface WorkerJob {
  workload: string;
  params: CaseParams;
  framework: FrameworkName;
}

export type WorkerReply = { ok: true; sample: Sample } | { ok: false; error: string };

/** Child entry point: one measurement in a fresh process, sent back over IPC, then exit. */
async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as WorkerJob;
  let reply: WorkerReply;
  try {
    reply = { ok: true, sample: await findWorkload(job.workload).measure(job.params, job.framework) };
  } catch (error) {
    reply = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  // Exit at once: a framework may leave handles open, and we measure nothing after this.
  process.send!(reply, () => process.exit(reply.ok ? 0 : 1));
}

void main();
