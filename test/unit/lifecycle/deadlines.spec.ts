import { Deadlines, type Watched } from '../../../src/lifecycle/deadlines';
import { FakeClock } from '../../../src/testing/fake-clock';

describe('Deadlines', () => {
  interface Key extends Watched {
    name: string;
  }
  const key = (name: string): Key => ({ name, deadline: 0, watched: false });
  const setup = () => {
    const clock = new FakeClock();
    const calls: string[] = [];
    const deadlines = new Deadlines<Key>(clock, (expired) => calls.push(`${expired.name}@${clock.now()}`));
    return { clock, calls, deadlines };
  };

  it('expires each key at its own deadline', () => {
    const { clock, calls, deadlines } = setup();
    deadlines.watch(key('a'), 10);
    deadlines.watch(key('b'), 25);

    clock.tick(30);

    expect(calls).toEqual(['a@10', 'b@25']);
  });

  it('does not expire a later deadline early through a timer armed for a cleared key', () => {
    const { clock, calls, deadlines } = setup();
    const first = key('first');
    deadlines.watch(first, 100);
    clock.tick(1);
    expect(deadlines.clear(first)).toBe(true);
    deadlines.watch(key('second'), 100.5);

    clock.tick(99);
    expect(calls).toEqual([]);
    clock.tick(1);

    expect(calls).toEqual(['second@100.5']);
  });

  it('does not expire a cleared key, and clear() says whether the key was still watched', () => {
    const { clock, calls, deadlines } = setup();
    const a = key('a');
    deadlines.watch(a, 10);

    expect(deadlines.clear(a)).toBe(true);
    clock.tick(20);

    expect(calls).toEqual([]);
    expect(deadlines.clear(a)).toBe(false);
  });

  it('keeps watching what is left after a fire, and what expire() watches anew', () => {
    const clock = new FakeClock();
    const calls: string[] = [];
    const later = key('later');
    const deadlines: Deadlines<Key> = new Deadlines<Key>(clock, (expired) => {
      calls.push(`${expired.name}@${clock.now()}`);
      // A stop hook that times out lets its node's next hook run, which is watched in turn.
      if (expired.name === 'first') deadlines.watch(key('next'), clock.now() + 5);
    });
    deadlines.watch(key('first'), 10);
    deadlines.watch(later, 30);

    clock.tick(40);

    expect(calls).toEqual(['first@10', 'next@15', 'later@30']);
    expect(deadlines.clear(later)).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('leaves no timer behind once disposed', () => {
    const { clock, calls, deadlines } = setup();
    deadlines.watch(key('a'), 10);

    deadlines.dispose();

    expect(clock.pendingTimers).toBe(0);
    clock.tick(20);
    expect(calls).toEqual([]);
  });
});
