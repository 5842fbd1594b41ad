import { OnStart, OnStop, getHooks } from '../../../src/lifecycle/hook-decorators';

const listed = (type: unknown) =>
  getHooks(type).map((h) => `${h.phase}:${String(h.method)}${h.timeout === undefined ? '' : `@${h.timeout}`}`);

describe('OnStart / OnStop', () => {
  it('lists several hooks of a class in declaration order', () => {
    class Service {
      @OnStop() close() {}
      @OnStart() b() {}
      @OnStart() a() {}
    }

    expect(listed(Service)).toEqual(['stop:close', 'start:b', 'start:a']);
  });

  it('lists base class hooks first', () => {
    class Base {
      @OnStart() baseStart() {}
    }
    class Middle extends Base {
      @OnStart() middleStart() {}
    }
    class Leaf extends Middle {
      @OnStart() leafStart() {}
    }

    expect(listed(Leaf)).toEqual(['start:baseStart', 'start:middleStart', 'start:leafStart']);
    expect(listed(Base)).toEqual(['start:baseStart']);
  });

  it('lists a method re-decorated by a subclass once, at its base place, with the newer options', () => {
    class Base {
      @OnStart() connect() {}
      @OnStart() warm() {}
    }
    class Sub extends Base {
      @OnStart({ timeout: 50 }) override connect() {}
    }

    expect(listed(Sub)).toEqual(['start:connect@50', 'start:warm']);
  });

  it('keeps the options of each hook', () => {
    class Service {
      @OnStart({ timeout: 100 }) open() {}
      @OnStop({ timeout: 200 }) close() {}
    }

    expect(listed(Service)).toEqual(['start:open@100', 'stop:close@200']);
  });

  it.each([0, -1, Number.NaN, Infinity])('rejects timeout %p', (timeout) => {
    expect(() => OnStart({ timeout })).toThrow(`@OnStart({ timeout }) must be a positive number of ms, got ${String(timeout)}`);
    expect(() => OnStop({ timeout })).toThrow(`@OnStop({ timeout }) must be a positive number of ms, got ${String(timeout)}`);
  });

  it('has no hooks for a plain class or a non-class', () => {
    class Plain {}

    expect(listed(Plain)).toEqual([]);
    expect(listed({})).toEqual([]);
  });
});
