import type { Container } from 'inversify';
import type { ResolvedApplicationOptions } from './application-options';
import { ApplicationRegistry } from './application-registry';
import {
  ApplicationStateError,
  KeelError,
  LifecycleHookError,
  ShutdownTimeoutError,
  StopError,
  describeError,
  type StartRollback,
} from './errors';
import type { ServiceGraph } from './lifecycle/build-service-graph';
import type { Direction, ScheduleResult } from './lifecycle/lifecycle-scheduler';
import { schedule } from './lifecycle/lifecycle-scheduler';
import { LifecycleEvents, type LifecycleEvent, type LifecycleListener } from './lifecycle/lifecycle-events';
import { HookRunner, hookFailures, type HookCalls } from './lifecycle/run-hooks';
import type { ServiceNode } from './lifecycle/service-node';
import { describeGraph, type ApplicationGraph } from './lifecycle/describe-graph';
import type { ServiceInput } from './lifecycle/add-services';
import { DynamicServices } from './lifecycle/dynamic-services';
import type { Token } from './module/token';
import type { Clock } from './lifecycle/clock';
import { RuntimeHealth } from './lifecycle/runtime-health';
import type { ServiceStatus } from './lifecycle/service-node';
import { TimelineRecorder, type ApplicationTimeline } from './lifecycle/timeline';

/** @internal What keel's own modules (jobs, HTTP health) see of each service node. */
export interface ServiceInstanceInfo {
  name: string;
  token: Token;
  status: ServiceStatus;
  /** The singleton instance (an array for a token bound several times); undefined for transients. */
  instance: unknown;
}

export type ApplicationState = 'created' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

const registry = new ApplicationRegistry<Application>();

/**
 * A built application: a container plus the dependency graph that orders its
 * lifecycle. States: created -> starting -> running -> stopping -> stopped, or
 * failed when a start or stop hook fails. Every application is its own world.
 */
export class Application {
  private status: ApplicationState = 'created';
  private readonly events = new LifecycleEvents();
  /**
   * Aborted as stop begins; made on first use (shutdownSignal, closing()), already aborted if
   * stop has begun by then: an AbortController is an EventTarget, the costliest object of a
   * start that never asks for one.
   */
  private shutdown: AbortController | undefined;
  /**
   * Set as stop begins: what the scheduler of a start (the app's, or an add of services) reads
   * before each node, a plain field rather than an AbortSignal's getter.
   */
  private readonly startHalted = { aborted: false };
  private readonly waitsFor: Promise<unknown>[] = [];
  private readonly dynamic: DynamicServices;
  private startRun: Promise<unknown> | undefined;
  private stopRun: Promise<void> | undefined;
  private closingPromise: Promise<void> | undefined;
  private runtimeFailure: { error: unknown } | undefined;
  /** How this application's runners call hooks; `depth` counts hook calls on the stack (see stop()). */
  private readonly hookCalls: HookCalls = { depth: 0, contexts: registry, enter: (hook) => registry.enter(this, hook) };
  /** @internal What is unhealthy right now while running (jobs write, /healthz reads). */
  readonly runtimeHealth = new RuntimeHealth();
  private timelineRecorder: TimelineRecorder | undefined;
  /** The critical path of the last start phase, ms: its hook runner works it out as each node starts. */
  private startPathMs = 0;
  /** keel's own run-time work in progress (job runs), by label, for what a shutdown timeout names. */
  private readonly runningWork = new Set<{ label: string }>();
  /** What was running when stop() was first called: if it is still pending at the timeout, it may be waiting on that stop. */
  private busyAtStop: ReadonlySet<string> | undefined;

  // Private: applications come from createApplication() or bootstrap(), never from `new`.
  private constructor(
    private readonly container: Container,
    private readonly services: ServiceGraph,
    private readonly options: ResolvedApplicationOptions,
    /** Called for services added while running, once linked into the graph and before they are built. */
    prepareAddedServices?: (nodes: readonly ServiceNode[]) => void,
  ) {
    this.dynamic = new DynamicServices({
      container,
      services,
      prepareAddedServices,
      startHalted: this.startHalted,
      runPhase: (direction, nodes, onFailure, signal) => this.runPhase(direction, nodes, onFailure, signal),
    });
  }

  /** @internal createApplication()'s way in: an application over a bound container and its checked graph. */
  static create(
    container: Container,
    services: ServiceGraph,
    options: ResolvedApplicationOptions,
    prepareAddedServices?: (nodes: readonly ServiceNode[]) => void,
  ): Application {
    return new Application(container, services, options, prepareAddedServices);
  }

  /**
   * The application whose hook is running in the current async context, else the
   * one bootstrapped in this process, else the only one started. Throws
   * NO_APPLICATION when there is none, or when several are live and none is implied.
   */
  static current(): Application {
    return registry.current();
  }

  /** @internal Marks this as the process's application for Application.current(). */
  static setProcessApplication(app: Application): void {
    registry.setBootstrapped(app);
  }

  /** @internal Forgets `app` as the process's application, unless another has taken its place. */
  static clearProcessApplication(app: Application): void {
    registry.clearBootstrapped(app);
  }

  get state(): ApplicationState {
    return this.status;
  }

  /** @internal The clock the lifecycle runs on (keel's jobs and HTTP drain read it, so tests fake it). */
  get clock(): Clock {
    return this.options.clock;
  }

  /** @internal Every service node with its status and instance, in start order. */
  serviceInstances(): ServiceInstanceInfo[] {
    return this.services.graph.topologicalOrder().map((node) => ({
      name: node.name,
      token: node.token,
      status: node.status,
      instance: node.binding.scope === 'singleton' ? node.instance : undefined,
    }));
  }

  /** @internal Reports an event of keel's own run-time work (job runs) to onEvent listeners and the logger. */
  emitEvent(event: LifecycleEvent): void {
    this.emit(event);
  }

  /** @internal Marks keel's own work (a job run) as running until the returned function is called; a shutdown timeout names it. */
  trackRunning(label: string): () => void {
    const entry = { label };
    this.runningWork.add(entry);
    return () => void this.runningWork.delete(entry);
  }

  /** @internal The run-time failure that stopped the application (see fail()), if any. */
  get failure(): { error: unknown } | undefined {
    return this.runtimeFailure;
  }

  /**
   * @internal Stops the application because something failed while it ran (a
   * supervised job past its restart intensity, a job with onError: 'stop'). The
   * first failure is kept; the app ends `failed` and bootstrap exits 1.
   */
  fail(error: unknown, reason: string): Promise<void> {
    this.runtimeFailure ??= { error };
    return this.stop(reason);
  }

  /** Aborted as soon as stop begins; pass it to long-running work so it ends in time. */
  get shutdownSignal(): AbortSignal {
    return this.shutdownController().signal;
  }

  /** Resolves a token synchronously; use getAsync for providers built by async factories. */
  get<T>(token: Token<T>): T {
    return this.container.get(token);
  }

  getAsync<T>(token: Token<T>): Promise<T> {
    return this.container.getAsync(token);
  }

  /**
   * Subscribes to lifecycle events; returns the unsubscribe function. With
   * `{ hooks: false }` the listener gets only application and failure events, and
   * when no listener wants per-hook events none is built.
   */
  onEvent(listener: LifecycleListener, options: { hooks?: boolean } = {}): () => void {
    return this.events.on(listener, options);
  }

  /** Resolves when stop begins (for whatever reason). */
  closing(): Promise<void> {
    const { signal } = this.shutdownController();
    this.closingPromise ??= signal.aborted
      ? Promise.resolve()
      : new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    return this.closingPromise;
  }

  private shutdownController(): AbortController {
    if (this.shutdown === undefined) {
      this.shutdown = new AbortController();
      if (this.startHalted.aborted) this.shutdown.abort();
    }
    return this.shutdown;
  }

  /**
   * Makes stop wait for `promise` (within shutdownTimeout) before any OnStop runs,
   * like aiorun's shutdown_waits_for. A rejection counts as a stop failure. Returns `promise`.
   */
  shutdownWaitsFor<T>(promise: Promise<T>): Promise<T> {
    this.waitsFor.push(promise);
    return promise;
  }

  /** The dependency graph: nodes, edges, a start order, and Mermaid / Graphviz renderings. */
  graph(): ApplicationGraph {
    return describeGraph(this.services.graph);
  }

  /**
   * Every hook run of start and stop so far: start and end (ms from the moment
   * start began), phase, outcome, and whether it is on its phase's critical path.
   * Recorded only when asked for (the `timeline` option, KEEL_TIMELINE, or debug
   * logging), so other apps pay nothing per hook; otherwise this throws INVALID_STATE.
   */
  timeline(): ApplicationTimeline {
    if (!this.timelineRecorder) {
      throw new ApplicationStateError('timeline() has nothing to show: this application does not record its timeline.', {
        hint: 'pass { timeline: true } (or a file path) to createApplication() or bootstrap(), or set KEEL_TIMELINE.',
      });
    }
    return this.timelineRecorder.timeline(this.services.graph);
  }

  /** @internal Records every hook run from now on, for timeline(); createApplication calls it when a timeline is wanted. */
  recordTimeline(): void {
    if (this.timelineRecorder) return;
    this.timelineRecorder = new TimelineRecorder(this.options.clock);
    this.onEvent(this.timelineRecorder.listener);
  }

  /**
   * Starts every service as soon as everything it depends on has started. On a
   * hook failure no new hook begins, hooks in flight are awaited, every started
   * service is stopped in reverse order, and this rejects with LifecycleHookError.
   * If stop() is called meanwhile, it rejects with START_ABORTED once stop is done.
   */
  start(): Promise<void> {
    if (this.status !== 'created') {
      return Promise.reject(
        new ApplicationStateError(`start() called while the application is ${this.status}.`, {
          hint: 'an application starts once; build a new one to start again.',
        }),
      );
    }
    this.status = 'starting';
    registry.markLive(this);
    return this.runStart();
  }

  private async runStart(): Promise<void> {
    const { clock } = this.options;
    const begin = clock.now();
    // Set before the first hook runs: a hook may call stop() synchronously, and stop waits for this.
    let phaseDone!: () => void;
    this.startRun = new Promise<void>((resolve) => (phaseDone = resolve));
    const result = await this.runPhase('start', this.services.graph.nodes, 'halt', this.startHalted);
    phaseDone();
    if (result.failed.length > 0) return this.rollBack(result.failed);
    if (this.stopRun) {
      await this.stopRun.catch(() => undefined);
      throw new KeelError('START_ABORTED', 'Startup was aborted because stop() was called; started services were stopped.');
    }
    this.status = 'running';
    this.emit({
      type: 'app:started',
      services: this.services.graph.nodes.length,
      durationMs: clock.now() - begin,
      criticalPathMs: this.startPathMs,
    });
  }

  /**
   * A start hook failed: stops what started and throws the first failure with how the
   * rollback went. A method of its own, so that a start that goes through never
   * compiles it (V8 compiles a function whole the first time it runs).
   */
  private async rollBack(failed: ScheduleResult<ServiceNode>['failed']): Promise<never> {
    const failure = failed[0]!;
    const started = this.services.graph.nodes.filter((n) => n.status === 'started' && n.hasHooks('stop'));
    // Name the OnStop hooks in the order they actually finished, which is the reverse dependency order.
    const stopped: string[] = [];
    const unsubscribe = this.onEvent((event) => {
      if (event.type === 'hook:finished' && event.phase === 'stop') stopped.push(event.hook);
    });
    let rollbackFailure: KeelError | undefined;
    try {
      await this.stop(`OnStart failed: ${describeError(failure.error)}`);
    } catch (stopError) {
      rollbackFailure = stopError as KeelError;
    } finally {
      unsubscribe();
    }
    this.status = 'failed';
    // Hooks in flight when the first failed may fail too: name them rather than drop them.
    const alsoFailed = failed.slice(1).map(({ error }) => error);
    throw withRollback(failure.error, { services: started.length, stopped, failed: rollbackFailure }, alsoFailed);
  }

  /**
   * Stops every started service once all services depending on it have stopped;
   * independent ones concurrently. Failures never halt the others: they are
   * collected into a StopError. Bounded by shutdownTimeout (ShutdownTimeoutError
   * names what is pending). A no-op before start; concurrent calls share one run.
   */
  stop(reason = 'stop() called'): Promise<void> {
    if (this.status === 'created') return Promise.resolve();
    if (!this.stopRun) {
      this.busyAtStop = new Set(this.pendingLabels());
      this.stopRun = this.runStop(reason).finally(() => registry.markDone(this));
    }
    // A hook cannot wait for the stop it is part of (the stop waits for it): from inside one, stop() only asks.
    if (this.hookCalls.depth > 0 || registry.isEntered(this)) {
      this.stopRun.catch(() => undefined);
      return Promise.resolve();
    }
    return this.stopRun;
  }

  private async runStop(reason: string): Promise<void> {
    const { clock, shutdownTimeout } = this.options;
    const begin = clock.now();
    this.status = 'stopping';
    this.startHalted.aborted = true;
    this.shutdown?.abort();
    this.emit({ type: 'app:stopping', reason });
    const errors: unknown[] = [];
    // Once the budget is spent no OnStop may begin: the caller has been told the stop is over.
    // A plain flag, not an AbortController: only the scheduler reads it, before every node.
    const expired = { aborted: false };
    let timer: unknown;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = clock.setTimeout(() => {
        expired.aborted = true;
        resolve('timeout');
      }, shutdownTimeout);
    });
    const work = (async () => {
      await this.startRun;
      // Services being added or stopped early settle first, so no dependency stops under them.
      await this.dynamic.settled();
      for (const outcome of await Promise.allSettled(this.waitsFor)) if (outcome.status === 'rejected') errors.push(outcome.reason);
      if (expired.aborted) return;
      // An indexed loop: filter() would call a closure per node, for..of run the iterator protocol, both in unoptimized code.
      const { nodes } = this.services.graph;
      const started: ServiceNode[] = [];
      for (let i = 0; i < nodes.length; i++) if (nodes[i]!.status === 'started') started.push(nodes[i]!);
      const result = await this.runPhase('stop', started, 'continue', expired);
      for (const { error } of result.failed) errors.push(...hookFailures(error));
    })();
    const outcome = await Promise.race([work, timedOut]);
    clock.clearTimeout(timer);
    this.emit({ type: 'app:stopped', durationMs: clock.now() - begin, failures: errors.length + (outcome === 'timeout' ? 1 : 0) });
    if (outcome === 'timeout') this.shutdownTimedOut(errors);
    if (errors.length > 0) {
      this.status = 'failed';
      throw new StopError(`${errors.length} OnStop hook(s) failed: ${errors.map(describeError).join('; ')}`, { errors });
    }
    if (this.status === 'stopping') this.status = this.runtimeFailure ? 'failed' : 'stopped';
  }

  /** The stop ran past shutdownTimeout: throws what is still pending. Apart from runStop, which every stop compiles. */
  private shutdownTimedOut(errors: unknown[]): never {
    this.status = 'failed';
    const { shutdownTimeout } = this.options;
    const pending = this.pendingLabels();
    const still = pending.length > 0 ? pending.join(', ') : '(nothing: waiting on shutdownWaitsFor promises)';
    // Work that was already running when stop() was called may be awaiting that very stop, i.e. waiting for itself.
    const waitingOnItself = pending.find((label) => this.busyAtStop?.has(label));
    throw new ShutdownTimeoutError(`Shutdown did not finish within ${shutdownTimeout} ms; still pending: ${still}.`, {
      pending,
      errors,
      hint: waitingOnItself
        ? `make ${waitingOnItself} honour app.shutdownSignal, or raise shutdownTimeout. It was already running when stop() was called: if it awaits app.stop(), it waits for its own stop; from inside a hook or a job, call app.stop() without awaiting it and return.`
        : undefined,
    });
  }

  /**
   * Adds and starts services while running (like aiomisc's start_services). Their
   * dependencies must already be running; they are stopped with the rest. On a
   * failure, or when stop() begins meanwhile, the ones that started are stopped
   * and none stays added; stop() waits for this to settle first.
   */
  async startServices(...inputs: ServiceInput[]): Promise<void> {
    this.assertRunning('startServices()');
    await this.dynamic.start(inputs);
  }

  /** Stops running services early, dependents first; fails if a running service outside the list still needs one. */
  async stopServices(...tokens: Token[]): Promise<void> {
    this.assertRunning('stopServices()');
    await this.dynamic.stop(tokens);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop('disposed');
  }

  private assertRunning(what: string): void {
    if (this.status !== 'running') throw new ApplicationStateError(`${what} needs a running application; it is ${this.status}.`);
  }

  /** The one path both directions take: the scheduler over `nodes`, each node's hooks of the phase. */
  private async runPhase(
    direction: Direction,
    nodes: Iterable<ServiceNode>,
    onFailure: 'halt' | 'continue',
    signal?: { readonly aborted: boolean },
  ) {
    const runner = new HookRunner({
      phase: direction,
      clock: this.options.clock,
      defaultTimeout: direction === 'start' ? this.options.startTimeout : undefined,
      events: this.events,
      calls: this.hookCalls,
      graph: this.services.graph,
    });
    const result = await schedule(this.services.graph, {
      direction,
      nodes,
      onFailure,
      signal,
      concurrency: this.options.startConcurrency,
      begin: runner.begin,
    });
    runner.finish();
    if (direction === 'start') this.startPathMs = runner.longestPath;
    return result;
  }

  /** The hooks and jobs running right now, by name. */
  private pendingLabels(): string[] {
    // Scanned only when asked (a stop begins, a shutdown times out), rather than a set kept per hook.
    const labels: string[] = [];
    // An indexed loop: every stop scans every node, and for..of makes an iterator result per node in baseline code.
    const { nodes } = this.services.graph;
    for (let i = 0; i < nodes.length; i++) if (nodes[i]!.runningHook) labels.push(nodes[i]!.runningHook!.label);
    for (const { label } of this.runningWork) labels.push(label);
    return labels;
  }

  private emit(event: LifecycleEvent): void {
    this.events.emit(event);
  }
}

/** The first OnStart failure, now also saying how the started services were stopped. */
function withRollback(error: unknown, rollback: StartRollback, alsoFailed: readonly unknown[]): unknown {
  if (!(error instanceof LifecycleHookError)) return error;
  const { hook, phase, code, cause, path, hint } = error;
  return new LifecycleHookError(error.summary, {
    hook,
    phase,
    code: code === 'HOOK_TIMEOUT' ? 'HOOK_TIMEOUT' : 'HOOK_FAILED',
    cause,
    path,
    hint,
    rollback,
    alsoFailed,
  });
}
