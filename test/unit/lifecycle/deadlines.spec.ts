import { Deadlines } from '../../../src/lifecycle/deadlines';
import { FakeClock } from '../../../src/testing/fake-clock';

describe('Deadlines', () => {
  const setup = () => {
    const clock = new FakeClock();
    const calls: string[] = [];
    const deadlines = new Deadlines<{ name: string }>(clock, (key) => calls.push(`${key.name}@${clock.now()}`));
    return { clock, calls, deadlines };
  };

  it('expires each key at its own deadline', () => {
    const { clock, calls, deadlines } = setup();
    deadlines.watch({ name: 'a' }, 10);
    deadlines.watch({ name: 'b' }, 25);

    clock.tick(30);

    expect(calls).toEqual(['a@10', 'b@25']);
  });

  it('does not expire a later deadline early through a timer armed for a cleared key', () => {
    const { clock, calls, deadlines } = setup();
    const first = { name: 'first' };
    deadlines.watch(first, 100);
    clock.tick(1);
    expect(deadlines.clear(first)).toBe(true);
    deadlines.watch({ name: 'second' }, 100.5);

    clock.tick(99);
    expect(calls).toEqual([]);
    clock.tick(1);

    expect(calls).toEqual(['second@100.5']);
  });

  it('does not expire a cleared key, and clear() says whether the key was still watched', () => {
    const { clock, calls, deadlines } = setup();
    const key = { name: 'a' };
    deadlines.watch(key, 10);

    expect(deadlines.clear(key)).toBe(true);
    clock.tick(20);

    expect(calls).toEqual([]);
    expect(deadlines.clear(key)).toBe(false);
  });

  it('leaves no timer behind once disposed', () => {
    const { clock, calls, deadlines } = setup();
    deadlines.watch({ name: 'a' }, 10);

    deadlines.dispose();

    expect(clock.pendingTimers).toBe(0);
    clock.tick(20);
    expect(calls).toEqual([]);
  });
});
