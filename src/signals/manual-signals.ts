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
    for (const listener of [...this.listeners]) listener(signal);
    return this.listeners.size;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }
}
