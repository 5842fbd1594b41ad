import type { SignalSource } from './signal-source';

/** A SignalSource for tests: `emit('SIGTERM')` drives exactly the path a real signal takes. */
export class ManualSignals implements SignalSource {
  private readonly listeners = new Set<(signal: string) => void>();

  subscribe(listener: (signal: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers `signal` to every subscriber; returns how many received it. */
  emit(signal = 'SIGTERM'): number {
    // A subscriber may unsubscribe while handling the signal; it still received it.
    const receivers = [...this.listeners];
    for (const listener of receivers) listener(signal);
    return receivers.length;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }
}
