import type { Container } from 'inversify';
import { ApplicationStateError, KeelError, StopError } from '../errors';
import type { Token } from '../module/token';
import { addServices, type ServiceInput } from './add-services';
import type { ServiceGraph } from './build-service-graph';
import type { Direction, ScheduleResult } from './lifecycle-scheduler';
import { hookFailures } from './run-hooks';
import type { ServiceNode } from './service-node';

/** What DynamicServices needs of its application. */
export interface DynamicServicesHost {
  container: Container;
  services: ServiceGraph;
  /** Called for added services once linked into the graph and before they are built. */
  prepareAddedServices: ((nodes: readonly ServiceNode[]) => void) | undefined;
  /** Set when the application's stop begins: an add in progress is rolled back. */
  startHalted: { readonly aborted: boolean };
  /** The application's one scheduler path. */
  runPhase(
    direction: Direction,
    nodes: Iterable<ServiceNode>,
    onFailure: 'halt' | 'continue',
    signal?: { readonly aborted: boolean },
  ): Promise<ScheduleResult<ServiceNode>>;
}

/**
 * Services added or stopped while the application runs (aiomisc's
 * start_services / stop_services). Each change is tracked until it settles, so
 * that the application's stop waits for it first and no dependency stops under it.
 */
export class DynamicServices {
  private readonly changing = new Set<Promise<unknown>>();
  /**
   * The nodes an unfinished stopServices() call has taken on. One waiting for its dependents is
   * still 'started', so its status alone would let a second call stop it again, or stop it under
   * a dependent still stopping; a node also takes part in one scheduler run at a time.
   */
  private readonly stopping = new Set<ServiceNode>();

  constructor(private readonly host: DynamicServicesHost) {}

  /** Adds and starts `inputs`; on a failure or an abort, stops the ones that started and adds none. */
  start(inputs: readonly ServiceInput[]): Promise<void> {
    return this.track(this.addAndStart(inputs));
  }

  /** Stops running services early, dependents first; fails if a running service outside the list still needs one. */
  async stop(tokens: readonly Token[]): Promise<void> {
    const { services } = this.host;
    const nodes = tokens.map((token) => {
      const node = services.byToken.get(token);
      if (!node || node.status !== 'started')
        throw new ApplicationStateError(`stopServices(): "${node?.name ?? String(token)}" is not running.`);
      if (this.stopping.has(node)) throw new ApplicationStateError(`stopServices(): "${node.name}" is already being stopped.`);
      return node;
    });
    const set = new Set(nodes);
    for (const node of nodes) {
      for (const dependent of services.graph.dependentsOf(node)) {
        if (set.has(dependent)) continue;
        if (this.stopping.has(dependent)) {
          throw new ApplicationStateError(
            `stopServices(): "${node.name}" is still needed by "${dependent.name}", which is being stopped.`,
            {
              hint: 'await that stopServices() call first, or stop both in one call.',
            },
          );
        }
        if (dependent.status === 'started') {
          throw new ApplicationStateError(`stopServices(): "${node.name}" is still needed by running "${dependent.name}".`, {
            hint: `stop ${dependent.name} too, in the same call.`,
          });
        }
      }
    }
    for (const node of nodes) this.stopping.add(node);
    let result;
    try {
      result = await this.track(this.host.runPhase('stop', nodes, 'continue'));
    } finally {
      for (const node of nodes) this.stopping.delete(node);
    }
    if (result.failed.length > 0) {
      throw new StopError('stopServices(): some OnStop hooks failed', { errors: result.failed.flatMap((f) => hookFailures(f.error)) });
    }
  }

  /** Resolves once every change in progress has settled, however it ended. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.changing]);
  }

  private async addAndStart(inputs: readonly ServiceInput[]): Promise<void> {
    const { container, services, prepareAddedServices, startHalted, runPhase } = this.host;
    const { nodes, remove } = await addServices(container, services, inputs, prepareAddedServices);
    const result = await runPhase('start', nodes, 'halt', startHalted);
    if (result.failed.length === 0 && result.skipped.length === 0) return;
    await runPhase(
      'stop',
      nodes.filter((n) => n.status === 'started'),
      'continue',
    );
    remove();
    throw (
      result.failed[0]?.error ?? new KeelError('START_ABORTED', 'startServices() was aborted because stop() was called; nothing was added.')
    );
  }

  private async track<T>(run: Promise<T>): Promise<T> {
    this.changing.add(run);
    try {
      return await run;
    } finally {
      this.changing.delete(run);
    }
  }
}
