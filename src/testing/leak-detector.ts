import { createHook, executionAsyncId, executionAsyncResource, type AsyncHook } from 'node:async_hooks';
import type { Application } from '../application';
import type { LifecycleEvent } from '../lifecycle/lifecycle-events';
import { LeakError, type Leak, type LeakKind } from './leak-error';

/** Options of `compile({ detectLeaks })`. */
export interface LeakDetectionOptions {
  /**
   * How long, after stop, things still closing (a socket's close, a worker's
   * exit) may take to finish before they count as leaked, ms. Default 500: a
   * clean app passes at once, only a leak waits this long.
   */
  graceMs?: number;
}

/** The async_hooks types that keep a process busy or run code later: what a leak is made of. */
const TRACKED: Readonly<Record<string, LeakKind>> = {
  Timeout: 'timer',
  Immediate: 'timer',
  TCPWRAP: 'socket',
  PIPEWRAP: 'socket',
  UDPWRAP: 'socket',
  TTYWRAP: 'socket',
  TCPSERVERWRAP: 'server',
  PIPESERVERWRAP: 'server',
  WORKER: 'worker',
  PROCESSWRAP: 'handle',
  FSEVENTWRAP: 'handle',
  STATWATCHER: 'handle',
  SIGNALWRAP: 'handle',
};

interface Tracked {
  type: string;
  resource: object;
  createdBy: string;
}

/** The label of what the application's constructors and factories create while it is built. */
export const BUILDING = 'a constructor or factory (while compiling)';

interface AddedListener {
  emitter: string;
  target: NodeJS.EventEmitter;
  event: string | symbol;
  listener: (...args: unknown[]) => void;
  createdBy: string | undefined;
}

/**
 * Records what is created from the moment a test app is compiled until it has
 * stopped: async resources (timers, sockets, servers, worker threads, child
 * processes, watchers) through an async_hooks hook that is enabled only while
 * detecting, and listeners added to `process`, `process.stdout` and
 * `process.stderr`. Each is attributed to the lifecycle hook whose run created
 * it: the hook's synchronous part (between its hook:started event and the next
 * microtask), and every resource created in the asynchronous continuations of
 * what that part created; or to the application's construction (building()).
 * Async resources created by nothing of the application's (the test's own code,
 * the test runner) are not recorded; listeners are, wherever they were added.
 * check() lists what is still alive.
 */
export class LeakDetector {
  private readonly hook: AsyncHook;
  private readonly live = new Map<number, Tracked>();
  /** Which hook created each resource (promises included), so continuations inherit it. */
  private readonly tags = new WeakMap<object, string>();
  /** The same for tracked resources by async id: a server's accepted sockets are triggered by it. */
  private readonly idTags = new Map<number, string>();
  private readonly listeners: AddedListener[] = [];
  private readonly emitters: [string, NodeJS.EventEmitter][];
  private readonly handlesBefore: Map<string, number>;
  /** The hook whose synchronous part is running now, if any (see onEvent). */
  private window: string | undefined;
  /** The async context the window's hook was called in, and the first promise created in it. */
  private windowContext = -1;
  private windowPromise: number | undefined;
  private ignoring = false;
  private stopped = false;

  constructor(private readonly options: LeakDetectionOptions = {}) {
    // The standard streams are created lazily: create them now, so a first use later is not a leak.
    this.emitters = [
      ['process', process],
      ['process.stdout', process.stdout],
      ['process.stderr', process.stderr],
    ];
    this.handlesBefore = countHandles();
    this.hook = createHook({
      init: (asyncId, type, triggerAsyncId, resource) => this.init(asyncId, type, triggerAsyncId, resource),
      destroy: (asyncId) => {
        this.live.delete(asyncId);
        this.idTags.delete(asyncId);
      },
    });
    for (const [name, emitter] of this.emitters) emitter.on('newListener', this.newListener(name, emitter));
    this.hook.enable();
  }

  /**
   * Runs `build` (createApplication) with everything it creates, synchronously or
   * in its continuations, attributed to the application's construction.
   */
  building<T>(build: () => Promise<T>): Promise<T> {
    this.window = BUILDING;
    // No hook call to follow: the window ends when build() returns its promise.
    this.windowContext = -1;
    this.windowPromise = undefined;
    try {
      return build();
    } finally {
      this.window = undefined;
    }
  }

  /** Follows `app`'s hooks to name the one that creates each resource. */
  watch(app: Application): void {
    app.onEvent((event) => this.onEvent(event), { hooks: true });
  }

  /**
   * Waits up to graceMs for things still closing, then stops recording and
   * throws LeakError when anything recorded is still alive. Later calls do nothing.
   */
  async check(): Promise<void> {
    if (this.stopped) return;
    const deadline = Date.now() + (this.options.graceMs ?? 500);
    let leaks = this.leaks();
    // Two turns first: a close() in the last OnStop reports its destroy on a later tick.
    for (let turn = 0; leaks.length > 0 && (turn < 2 || Date.now() < deadline); turn++) {
      await this.pause(turn < 2 ? 0 : 10);
      leaks = this.leaks();
    }
    const growth = handleGrowth(this.handlesBefore, countHandles());
    this.dispose();
    if (leaks.length > 0) throw new LeakError(leaks, growth);
  }

  /** Stops recording without checking (a compile that failed, say). */
  dispose(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.hook.disable();
    for (const [, emitter] of this.emitters) {
      for (const listener of emitter.listeners('newListener')) {
        if ((listener as { leakDetector?: LeakDetector }).leakDetector === this) emitter.off('newListener', listener as () => void);
      }
    }
  }

  private init(asyncId: number, type: string, triggerAsyncId: number, resource: object): void {
    if (this.ignoring) return;
    if (this.window !== undefined && type === 'PROMISE') this.followWindow(asyncId, triggerAsyncId);
    const createdBy = this.window ?? this.tags.get(executionAsyncResource()) ?? this.idTags.get(triggerAsyncId);
    if (createdBy !== undefined) this.tags.set(resource, createdBy);
    // Only what the application made: a test runner's own timers (Jest's reporter runs in-process with --runInBand) are not its leaks.
    if (TRACKED[type] === undefined || createdBy === undefined) return;
    this.live.set(asyncId, { type, resource, createdBy });
    this.idTags.set(asyncId, createdBy);
  }

  private newListener(name: string, emitter: NodeJS.EventEmitter) {
    const record = (event: string | symbol, listener: (...args: unknown[]) => void): void => {
      if (this.ignoring || event === 'newListener') return;
      const createdBy = this.window ?? this.tags.get(executionAsyncResource());
      this.listeners.push({ emitter: name, target: emitter, event, listener, createdBy });
    };
    return Object.assign(record, { leakDetector: this });
  }

  /**
   * A hook's synchronous part runs right after its hook:started event. It ends when
   * the hook returns: for a synchronous hook at hook:finished (or hook:failed);
   * for one that returns a promise, when keel chains onto that promise, which is
   * the first promise created in the window (an async method's own promise is
   * created before its body runs): a promise triggered by it, created in the
   * same async context. A microtask closes the window in any other case.
   */
  private onEvent(event: LifecycleEvent): void {
    if (event.type !== 'hook:started') {
      if (event.type === 'hook:finished' || event.type === 'hook:failed') this.window = undefined;
      return;
    }
    const label = `${event.phase === 'start' ? 'OnStart' : 'OnStop'} ${event.hook}`;
    this.ignoring = true;
    queueMicrotask(() => {
      if (this.window === label) this.window = undefined;
    });
    this.ignoring = false;
    this.window = label;
    this.windowContext = executionAsyncId();
    this.windowPromise = undefined;
  }

  private followWindow(asyncId: number, triggerAsyncId: number): void {
    if (this.windowPromise === undefined) this.windowPromise = asyncId;
    else if (triggerAsyncId === this.windowPromise && executionAsyncId() === this.windowContext) this.window = undefined;
  }

  private leaks(): Leak[] {
    const leaks: Leak[] = [];
    for (const added of this.listeners) {
      if (!added.target.listeners(added.event).includes(added.listener)) continue;
      const fn = added.listener.name ? ` (${added.listener.name})` : '';
      leaks.push({
        kind: 'listener',
        type: `${added.emitter} "${String(added.event)}"`,
        what: `${added.emitter} listener "${String(added.event)}"${fn}`,
        createdBy: added.createdBy,
      });
    }
    for (const tracked of this.live.values()) {
      if (isStandardStream(tracked.resource) || isFinishedTimer(tracked)) continue;
      leaks.push({ kind: TRACKED[tracked.type]!, type: tracked.type, what: describeResource(tracked), createdBy: tracked.createdBy });
    }
    return leaks;
  }

  private pause(ms: number): Promise<void> {
    this.ignoring = true;
    try {
      return new Promise((resolve) => (ms === 0 ? setImmediate(resolve) : setTimeout(resolve, ms)));
    } finally {
      this.ignoring = false;
    }
  }
}

/**
 * With detection on, `app.stop()` (whatever calls it: the test, a signal, `await using`)
 * resolves only once the check passed, and rejects with LeakError otherwise; a stop
 * failure is reported as such, detection ended. Every call shares one outcome.
 */
export function checkLeaksAfterStop(app: Application, detector: LeakDetector): void {
  const stop = app.stop.bind(app);
  let outcome: Promise<void> | undefined;
  app.stop = (reason?: string) =>
    (outcome ??= stop(reason).then(
      () => detector.check(),
      (error: unknown) => {
        detector.dispose();
        throw error;
      },
    ));
}

function countHandles(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

function handleGrowth(before: Map<string, number>, after: Map<string, number>): string[] {
  const grown: string[] = [];
  for (const [type, count] of after) {
    const added = count - (before.get(type) ?? 0);
    if (added > 0) grown.push(`${type} +${added}`);
  }
  return grown;
}

function isStandardStream(resource: object): boolean {
  return [process.stdout, process.stderr].some((stream) => (stream as { _handle?: unknown })._handle === resource);
}

interface TimeoutLike {
  _idleTimeout?: number;
  _repeat?: number | null;
  _onTimeout?: ((...args: unknown[]) => void) | null;
  _destroyed?: boolean;
  hasRef?: () => boolean;
}

// A timer that fired or was cleared reports destroy a moment later; it is not alive. Nor is an
// unref'd one-shot timeout a leak: it holds nothing open and ends by itself (node:http's Date
// header cache sets one, resetCache, on a server's first response). An unref'd interval is.
function isFinishedTimer({ type, resource }: Tracked): boolean {
  if (type !== 'Timeout') return false;
  const timer = resource as TimeoutLike;
  return timer._destroyed === true || (typeof timer._repeat !== 'number' && timer.hasRef?.() === false);
}

function describeResource({ type, resource }: Tracked): string {
  const handle = resource as {
    getsockname?: (out: object) => unknown;
    getpeername?: (out: object) => unknown;
    hasRef?: () => boolean;
  };
  const unref = typeof handle.hasRef === 'function' && !handle.hasRef() ? ", unref'd" : '';
  switch (type) {
    case 'Timeout': {
      const timer = resource as TimeoutLike;
      const name = timer._onTimeout?.name ? ` ${timer._onTimeout.name}` : '';
      const kind = typeof timer._repeat === 'number' ? 'setInterval' : 'setTimeout';
      return `${kind}(${timer._idleTimeout ?? '?'} ms${unref})${name}`;
    }
    case 'Immediate':
      return 'setImmediate (rescheduled after stop)';
    case 'TCPSERVERWRAP':
      return `TCP server ${address(handle.getsockname)}${unref}`;
    case 'TCPWRAP':
      return `TCP socket ${address(handle.getsockname)} -> ${address(handle.getpeername)}${unref}`;
    case 'PIPESERVERWRAP':
      return `pipe server${unref}`;
    case 'PIPEWRAP':
      return `pipe${unref}`;
    case 'UDPWRAP':
      return `UDP socket ${address(handle.getsockname)}${unref}`;
    case 'WORKER':
      return `worker thread${unref}`;
    case 'PROCESSWRAP':
      return `child process${unref}`;
    default:
      return `${type} handle${unref}`;
  }

  function address(read: ((out: object) => unknown) | undefined): string {
    const out: { address?: string; port?: number } = {};
    try {
      read?.call(resource, out);
    } catch {
      // not bound or already closing
    }
    return out.address === undefined ? '?' : `${out.address}:${out.port}`;
  }
}
