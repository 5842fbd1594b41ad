import { ManualSignals } from '../../../src/signals/manual-signals';

describe('ManualSignals', () => {
  describe('emit', () => {
    it('delivers the signal to every subscriber in subscription order and returns how many received it', () => {
      const received: string[] = [];
      const signals = new ManualSignals();
      signals.subscribe((signal) => received.push(`A ${signal}`));
      signals.subscribe((signal) => received.push(`B ${signal}`));
      const count = signals.emit('SIGINT');
      expect([count, received]).toEqual([2, ['A SIGINT', 'B SIGINT']]);
    });

    it('emits SIGTERM when no signal is named', () => {
      const received: string[] = [];
      const signals = new ManualSignals();
      signals.subscribe((signal) => received.push(signal));
      signals.emit();
      expect(received).toEqual(['SIGTERM']);
    });

    it('returns 0 and does nothing without subscribers', () => {
      expect(new ManualSignals().emit('SIGTERM')).toBe(0);
    });

    it('counts a subscriber that unsubscribes while receiving the signal', () => {
      const signals = new ManualSignals();
      const release = signals.subscribe(() => release());
      signals.subscribe(() => undefined);
      expect([signals.emit('SIGTERM'), signals.subscriberCount]).toEqual([2, 1]);
    });

    it('does not deliver to a subscriber added while emitting', () => {
      const received: string[] = [];
      const signals = new ManualSignals();
      signals.subscribe(() => {
        received.push('first');
        signals.subscribe(() => received.push('late'));
      });
      signals.emit('SIGTERM');
      expect(received).toEqual(['first']);
    });
  });

  describe('subscribe', () => {
    it('counts subscribers and forgets one that unsubscribes', () => {
      const received: string[] = [];
      const signals = new ManualSignals();
      const releaseA = signals.subscribe(() => received.push('A'));
      signals.subscribe(() => received.push('B'));
      const counted = [signals.subscriberCount];
      releaseA();
      counted.push(signals.subscriberCount);
      signals.emit('SIGTERM');
      expect([counted, received]).toEqual([[2, 1], ['B']]);
    });
  });
});
