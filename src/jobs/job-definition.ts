import { KeelError } from '../errors';
import type { Duration } from './parse-duration';

export type JobKind = 'every' | 'cron' | 'background';

/** What a failing @Every / @Cron run does: `'log'` it and keep the schedule (default), or `'stop'` the application (exit 1). */
export type JobErrorPolicy = 'log' | 'stop';

/** What a @Background method that fails does: restart with backoff (default), stay down, or stop the application. */
export type RestartPolicy = 'on-failure' | 'never' | 'stop';

/** An interval, or a function of the service instance evaluated once the services are built (so it can read CONFIG). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- `self` is the decorated class, which a method decorator cannot name.
export type IntervalInput<Self = any> = Duration | ((self: Self) => Duration);

export interface EveryJob {
  kind: 'every';
  method: string | symbol;
  interval: IntervalInput;
  /** Before the first run; undefined: one interval. */
  firstDelayMs: number | undefined;
  onError: JobErrorPolicy;
}

export interface CronJob {
  kind: 'cron';
  method: string | symbol;
  expression: string;
  timezone: string | undefined;
  onError: JobErrorPolicy;
}

export interface ResolvedBackoff {
  initialMs: number;
  maxMs: number;
  factor: number;
  jitter: number;
}

export interface BackgroundJob {
  kind: 'background';
  method: string | symbol;
  restart: RestartPolicy;
  backoff: ResolvedBackoff;
  maxRestarts: number;
  windowMs: number;
}

export type JobDefinition = EveryJob | CronJob | BackgroundJob;

export const DECORATOR_NAMES: Readonly<Record<JobKind, string>> = { every: '@Every', cron: '@Cron', background: '@Background' };

const ownJobs = new WeakMap<object, Map<string | symbol, JobDefinition>>();
const resolvedJobs = new WeakMap<object, readonly JobDefinition[]>();
let declared = false;

/** Whether any job decorator ran in this process; when none did, attaching jobs costs nothing. */
export function anyJobsDeclared(): boolean {
  return declared;
}

/** `Class.method`, the name every job message and health key uses. */
export function jobName(type: { name: string }, method: string | symbol): string {
  return `${type.name || '(anonymous class)'}.${String(method)}`;
}

/** `Class.method` for a decorator's target: the prototype of an instance method, or the class itself for a static one. */
export function decoratedName(target: object, method: string | symbol): string {
  return jobName((typeof target === 'function' ? target : target.constructor) as { name: string }, method);
}

/** The INVALID_JOB error: what is wrong with `Class.method`'s decorator, thrown before anything starts. */
export function invalidJob(kind: JobKind, name: string, problem: string, hint?: string): KeelError {
  return new KeelError('INVALID_JOB', `${DECORATOR_NAMES[kind]} on ${name}: ${problem}.`, { hint });
}

/**
 * Records `job` for the class declaring `method`. One job decorator per method
 * and class; a subclass re-decorating an inherited method replaces the base's.
 */
export function declareJob(target: object, job: JobDefinition): void {
  if (typeof target === 'function') {
    throw invalidJob(
      job.kind,
      jobName(target as { name: string }, job.method),
      'a static method cannot be a job',
      'decorate an instance method of a service.',
    );
  }
  const type = target.constructor;
  const jobs = ownJobs.get(type) ?? new Map<string | symbol, JobDefinition>();
  const other = jobs.get(job.method);
  if (other) {
    throw invalidJob(
      job.kind,
      jobName(type, job.method),
      `the method already has ${DECORATOR_NAMES[other.kind]}`,
      'give each schedule its own method, so their runs cannot overlap.',
    );
  }
  jobs.set(job.method, job);
  ownJobs.set(type, jobs);
  declared = true;
}

/** Every job of a class and its base classes: base first, declaration order, a method re-decorated lower down taking its place. */
export function getJobs(type: unknown): readonly JobDefinition[] {
  if (typeof type !== 'function') return [];
  const cached = resolvedJobs.get(type);
  if (cached) return cached;
  const chain: object[] = [];
  for (let c: object | null = type; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.unshift(c);
  const merged = new Map<string | symbol, JobDefinition>();
  for (const c of chain) for (const [method, job] of ownJobs.get(c) ?? []) merged.set(method, job);
  const jobs = [...merged.values()];
  resolvedJobs.set(type, jobs);
  return jobs;
}

/** The onError option of @Every / @Cron, checked: `'log'` when absent. */
export function checkErrorPolicy(kind: 'every' | 'cron', name: string, policy: unknown): JobErrorPolicy {
  if (policy === undefined) return 'log';
  if (policy === 'log' || policy === 'stop') return policy;
  throw invalidJob(kind, name, `onError ${JSON.stringify(policy)} is not 'log' or 'stop'`);
}
