import { ProcessSignals } from '../../../src/signals/process-signals';

const counts = (signals: readonly string[]) => signals.map((signal) => process.listenerCount(signal));

describe('ProcessSignals', () => {
  describe('subscribe', () => {
    it('adds exactly one process listener per signal', () => {
      const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
      const before = counts(signals);
      const release = new ProcessSignals(signals).subscribe(() => undefined);
      try {
        expect(counts(signals)).toEqual(before.map((n) => n + 1));
      } finally {
        release();
      }
    });

    it('calls the listener with the name of the signal that arrived', () => {
      const received: string[] = [];
      const release = new ProcessSignals(['SIGUSR2', 'SIGHUP']).subscribe((signal) => received.push(signal));
      try {
        // Emitting the event drives the handler without sending a real signal to the test process.
        process.emit('SIGHUP', 'SIGHUP');
        process.emit('SIGUSR2', 'SIGUSR2');
      } finally {
        release();
      }
      expect(received).toEqual(['SIGHUP', 'SIGUSR2']);
    });

    it('passes the same signal twice within 25 ms on once (Ctrl-C under npm start arrives from the terminal and from npm)', async () => {
      const received: string[] = [];
      const release = new ProcessSignals(['SIGUSR2', 'SIGHUP']).subscribe((signal) => received.push(signal));
      try {
        process.emit('SIGUSR2', 'SIGUSR2');
        process.emit('SIGUSR2', 'SIGUSR2');
        process.emit('SIGHUP', 'SIGHUP');
        await new Promise((resolve) => setTimeout(resolve, 60));
        process.emit('SIGUSR2', 'SIGUSR2');
      } finally {
        release();
      }
      expect(received).toEqual(['SIGUSR2', 'SIGHUP', 'SIGUSR2']);
    });

    it('listens to nothing when no signal is configured', () => {
      const before = counts(['SIGINT', 'SIGTERM']);
      const release = new ProcessSignals([]).subscribe(() => undefined);
      expect(counts(['SIGINT', 'SIGTERM'])).toEqual(before);
      release();
    });

    it('leaves no listener behind when a signal cannot be listened to', () => {
      // Jest's sandboxed process does not reach libuv, so fail the way Node does for SIGKILL.
      const on = process.on;
      const failing = function (this: NodeJS.Process, event: string | symbol, handler: (...args: unknown[]) => void) {
        if (event === 'SIGKILL') throw new Error('uv_signal_start EINVAL');
        return on.call(this, event, handler);
      };
      const before = counts(['SIGINT', 'SIGTERM']);
      process.on = failing as typeof process.on;
      try {
        expect(() => new ProcessSignals(['SIGINT', 'SIGKILL', 'SIGTERM']).subscribe(() => undefined)).toThrow(/EINVAL/);
      } finally {
        process.on = on;
      }
      expect(counts(['SIGINT', 'SIGTERM'])).toEqual(before);
    });
  });

  describe('unsubscribe', () => {
    it('removes every listener it added, and only those', () => {
      const signals = ['SIGINT', 'SIGTERM'];
      const before = counts(signals);
      const other = () => undefined;
      process.on('SIGTERM', other);
      const release = new ProcessSignals(signals).subscribe(() => undefined);
      release();
      try {
        expect(counts(signals)).toEqual([before[0], before[1]! + 1]);
      } finally {
        process.off('SIGTERM', other);
      }
    });

    it('is safe to call twice', () => {
      const before = counts(['SIGINT']);
      const release = new ProcessSignals(['SIGINT']).subscribe(() => undefined);
      release();
      release();
      expect(counts(['SIGINT'])).toEqual(before);
    });

    it('keeps each subscription separate: releasing one leaves the other listening', () => {
      const received: string[] = [];
      const source = new ProcessSignals(['SIGHUP']);
      const releaseA = source.subscribe((signal) => received.push(`A ${signal}`));
      const releaseB = source.subscribe((signal) => received.push(`B ${signal}`));
      releaseA();
      try {
        process.emit('SIGHUP', 'SIGHUP');
      } finally {
        releaseB();
      }
      expect(received).toEqual(['B SIGHUP']);
    });
  });
});
