import { inject, injectable } from 'inversify';
import { CONFIG, Every, LOGGER, type Logger } from 'keel';
import type { PeriodicConfig } from './config';

/** Sessions that expire after SESSION_TTL; an @Every job sweeps the expired ones out every CLEANUP_INTERVAL. */
@injectable()
export class SessionStore {
  private readonly sessions = new Map<string, number>();
  cleanups = 0;

  constructor(
    @inject(CONFIG) readonly config: PeriodicConfig,
    @inject(LOGGER) private readonly log: Logger,
  ) {}

  open(id: string): void {
    this.sessions.set(id, Date.now() + this.config.SESSION_TTL);
  }

  get size(): number {
    return this.sessions.size;
  }

  // The interval comes from CONFIG: the function is read once the services are built.
  @Every((self: SessionStore) => self.config.CLEANUP_INTERVAL)
  cleanup(): void {
    const now = Date.now();
    let removed = 0;
    for (const [id, expires] of this.sessions) if (expires <= now && this.sessions.delete(id)) removed++;
    this.cleanups++;
    if (removed > 0) this.log.info(`cleanup removed ${removed} expired session(s)`, { removed });
  }
}
