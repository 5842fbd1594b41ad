/**
 * Conditions found while the application runs that make it unhealthy (a
 * supervised loop that is down, waiting to restart), keyed by what reports them
 * (`Class.method`). Liveness probes read it; it never holds error text, which
 * may carry configuration values.
 */
export class RuntimeHealth {
  private readonly down = new Map<string, string>();

  /** Records `key` as down with a short, value-free reason; replaces an earlier one. */
  markDown(key: string, reason: string): void {
    this.down.set(key, reason);
  }

  markUp(key: string): void {
    this.down.delete(key);
  }

  /** What is down right now, in the order it went down. */
  problems(): { key: string; reason: string }[] {
    return [...this.down].map(([key, reason]) => ({ key, reason }));
  }
}
