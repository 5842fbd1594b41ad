import type { SignalSource } from './signal-source';

/**
 * The default SIGNALS provider: listens to process signals only while someone is
 * subscribed, and removes every listener on unsubscribe, so many applications
 * can come and go in one process without leaking listeners.
 */
export class ProcessSignals implements SignalSource {
  constructor(private readonly signals: readonly string[]) {}

  subscribe(listener: (signal: string) => void): () => void {
    const handlers = this.signals.map((signal) => {
      const handler = () => listener(signal);
      process.on(signal as NodeJS.Signals, handler);
      return [signal, handler] as const;
    });
    return () => {
      for (const [signal, handler] of handlers) process.off(signal as NodeJS.Signals, handler);
    };
  }
}
