import type { SignalSource } from './signal-source';

/**
 * A repeat of the same signal this soon after it is one delivery, not a second
 * press: under `npm start`, Ctrl-C reaches the app from the terminal and again
 * from npm forwarding it, 0.3-3 ms apart, and a second signal forces the exit.
 */
const SAME_DELIVERY_MS = 25;

/**
 * The default SIGNALS provider: listens to process signals only while someone is
 * subscribed, and removes every listener on unsubscribe, so many applications
 * can come and go in one process without leaking listeners. The same signal
 * twice within 25 ms is passed on once.
 */
export class ProcessSignals implements SignalSource {
  constructor(private readonly signals: readonly string[]) {}

  subscribe(listener: (signal: string) => void): () => void {
    const handlers: [NodeJS.Signals, () => void][] = [];
    const release = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
    try {
      const last = new Map<string, number>();
      for (const signal of this.signals as NodeJS.Signals[]) {
        const handler = () => {
          const now = performance.now();
          const previous = last.get(signal);
          last.set(signal, now);
          if (previous === undefined || now - previous >= SAME_DELIVERY_MS) listener(signal);
        };
        process.on(signal, handler);
        handlers.push([signal, handler]);
      }
    } catch (error) {
      // process.on throws for a signal it cannot listen to: take back the ones already added.
      release();
      throw error;
    }
    return release;
  }
}
