import { fork } from 'node:child_process';
import path from 'node:path';
import type { WorkerJob, WorkerReply } from './worker';
import type { Sample } from './workloads/workload';

const WORKER = path.join(__dirname, 'worker.js');
const TIME_LIMIT_MS = 120_000;

/**
 * Runs one measurement in a fresh node process, so no run inherits another's
 * JIT state, heap or module cache. `execArgv` adds node flags (--cpu-prof).
 */
export function runInChild(job: WorkerJob, execArgv: readonly string[] = []): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [JSON.stringify(job)], { execArgv: [...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let reply: WorkerReply | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), TIME_LIMIT_MS);
    child.on('message', (message: WorkerReply) => {
      reply = message;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const what = `${job.workload} ${JSON.stringify(job.params)} on ${job.framework}`;
      if (reply?.ok) resolve(reply.sample);
      else if (reply) reject(new Error(`${what} failed:\n${reply.error}`));
      else
        reject(
          new Error(
            `${what}: the child exited (${signal ?? `code ${code}`}) without a result${signal === 'SIGKILL' ? ` within ${TIME_LIMIT_MS} ms` : ''}.`,
          ),
        );
    });
  });
}
