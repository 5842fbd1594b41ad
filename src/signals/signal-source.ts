/**
 * Where stop requests come from (the SIGNALS token). The default listens to
 * process signals; ManualSignals drives exactly the same path in tests.
 */
export interface SignalSource {
  /** Calls `listener` with the signal name (`'SIGTERM'`) each time one arrives; returns the unsubscribe function. */
  subscribe(listener: (signal: string) => void): () => void;
}
