import type { SignalSource } from './signal-source';

/**
 * The default SIGNALS provider: listens to process signals only while someone is
 * subscribed, and removes every listener on unsubscribe, so many applications
 * can come and go in one process without leaking listeners.
 */
export class ProcessSignals implements SignalSource {
  constructor(private readonly signals: readonly string[]) {}

  subscribe(listener: (signal: string) => void): () => void {
    const handlers: [NodeJS.Signals, () => void][] = [];
    const release = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
    try {
      for (const signal of this.signals as NodeJS.Signals[]) {
        const handler = () => listener(signal);
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
