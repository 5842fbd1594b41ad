import { KeelError } from '../errors';

/** What kind of thing outlived the application. */
export type LeakKind = 'listener' | 'timer' | 'socket' | 'server' | 'worker' | 'handle';

/** One thing created while the application lived that was still alive after it stopped. */
export interface Leak {
  kind: LeakKind;
  /** One line naming it: `setInterval(1000 ms) tick`, `process listener "SIGTERM"`, `TCP server 127.0.0.1:41234`. */
  what: string;
  /** The async_hooks type (`Timeout`, `TCPSERVERWRAP`, `WORKER`...) or, for listeners, the emitter and event. */
  type: string;
  /**
   * The lifecycle hook whose run created it (`OnStart Poller.start`), including
   * everything that hook's asynchronous continuations did, or
   * `a constructor or factory (while compiling)`; undefined for a listener added
   * outside both (the test's own code, or keel's).
   */
  createdBy: string | undefined;
}

/**
 * What `compile({ detectLeaks: true })` rejects `app.stop()` with (and
 * `testing.expectNoLeaks()` throws) when something created while the application
 * lived was still alive after it stopped. `leaks` lists each one; the message
 * names each with the hook that created it, then counts the live handles by type.
 */
export class LeakError extends KeelError {
  readonly leaks: readonly Leak[];

  constructor(leaks: readonly Leak[], handleGrowth: readonly string[]) {
    const list = leaks.map((leak) => `  - ${leak.what} (${leak.createdBy ? `created by ${leak.createdBy}` : 'added outside any hook'})`);
    const handles = handleGrowth.length > 0 ? [`Active handles grew (process.getActiveResourcesInfo()): ${handleGrowth.join(', ')}.`] : [];
    super('LEAKED_RESOURCES', [`${leaks.length} thing(s) outlived the application:`, ...list, ...handles].join('\n'), {
      hint: 'release each one in an OnStop hook (clearInterval, server.close(), worker.terminate(), process.off), or pass app.shutdownSignal to it.',
    });
    this.leaks = leaks;
  }
}
