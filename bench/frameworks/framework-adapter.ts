import type { LayeredGraph } from '../graph';

/**
 * Containers with an adapter: W1-W4 run the same generated graph on each.
 * `inversify-dag` is a reference, not a framework: raw inversify with a minimal
 * promise-per-service scheduler (the "ideal DAG scheduler on inversify").
 */
export type AdapterName = 'keel' | 'effect' | 'nest' | 'inversify' | 'inversify-dag';

/**
 * Libraries that W6/W7 measure keel's built-in providers against (plain winston
 * and pino for LOGGER, piscina for THREAD_POOL). They have no adapter: a workload
 * that lists one measures it by its own code, and its rows say which column shows it.
 */
export type PeerName = 'winston' | 'pino' | 'piscina';

export type FrameworkName = AdapterName | PeerName;

/** Table order; raw inversify is the floor every ratio is taken against. Each workload picks the ones it fits. */
export const FRAMEWORKS: readonly AdapterName[] = ['keel', 'effect', 'nest', 'inversify', 'inversify-dag'];

export const PEERS: readonly PeerName[] = ['winston', 'pino', 'piscina'];

/** Everything --frameworks accepts, and its default. */
export const ALL_FRAMEWORKS: readonly FrameworkName[] = [...FRAMEWORKS, ...PEERS];

export type HookPhase = 'start' | 'stop';

/** What every generated start/stop hook does, whatever the framework calls the method. */
export type HookBody = (id: number, phase: HookPhase) => Promise<void> | void;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated constructors take whatever was injected
export type ServiceClass = new (...deps: any[]) => object;

export interface DefineSpec {
  graph: LayeredGraph;
  hooks: HookBody;
  /** Adds one transient, hookless class that depends on these service ids (W4). */
  transientDeps?: readonly number[];
}

/**
 * One framework's way of turning a generated graph into a running application.
 * Only build/start/stop are timed; define() is the equivalent of loading the
 * decorated modules and stays out of every boot number.
 */
export interface FrameworkAdapter {
  readonly name: AdapterName;
  /**
   * True when the framework constructs and starts in one call (NestJS's
   * createApplicationContext, Effect's layer build): build() does nothing and
   * start() times both, so "start only" is taken from its first start hook.
   */
  readonly buildsInStart?: boolean;
  define(spec: DefineSpec): DefinedApp;
}

export interface DefinedApp {
  /** The generated classes by graph id: the tokens to get(). */
  readonly services: readonly ServiceClass[];
  readonly transient: ServiceClass | undefined;
  /** Builds the container and constructs every singleton (NestJS and Effect defer that to start: they have one call for both). */
  build(): Promise<BuiltApp>;
}

export interface BuiltApp {
  /** keel's application, for the instructions mode's start+stop floor (`instructions-floor.ts`); other adapters leave it out. */
  readonly app?: unknown;
  /** Resolves once every start hook has finished. */
  start(): Promise<RunningApp>;
}

export interface RunningApp {
  get(token: ServiceClass): unknown;
  /** A fresh transient instance; NestJS hands those out only through its async resolve(). */
  getTransient(): unknown;
  /** Resolves once every stop hook has finished. */
  stop(): Promise<void>;
}

/** Loads one adapter, so a child process never loads the frameworks it does not measure. */
export async function loadAdapter(name: FrameworkName): Promise<FrameworkAdapter> {
  switch (name) {
    case 'keel':
      return (await import('./keel-adapter.js')).keelAdapter;
    case 'effect':
      return (await import('./effect-adapter.js')).effectAdapter;
    case 'nest':
      return (await import('./nest-adapter.js')).nestAdapter;
    case 'inversify':
      return (await import('./inversify-adapter.js')).inversifyAdapter;
    case 'inversify-dag':
      return (await import('./inversify-dag-adapter.js')).inversifyDagAdapter;
    default:
      throw new Error(`"${name}" has no framework adapter: it is a peer library that only W6/W7 measure, by their own code.`);
  }
}
