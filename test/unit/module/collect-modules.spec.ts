import 'reflect-metadata';
import { ContainerModule, injectable } from 'inversify';
import { ModuleCycleError, InvalidProviderError } from '../../../src/errors';
import { collectModules } from '../../../src/module/collect-modules';
import { Module, type ModuleClass } from '../../../src/module/module-decorator';
import { tokenName } from '../../../src/module/token';

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('collectModules', () => {
  it('collects providers of imported modules before the importer, depth-first', () => {
    @injectable()
    class A {}
    @injectable()
    class B {}
    @injectable()
    class C {}
    @Module({ providers: [A] })
    class ModA {}
    @Module({ imports: [ModA], providers: [B] })
    class ModB {}
    @Module({ imports: [ModB], providers: [C] })
    class AppModule {}

    const { providers } = collectModules(AppModule);

    expect([...providers.values()].map((p) => [tokenName(p.provider.token), p.module, p.path.join(' -> ')])).toEqual([
      ['A', 'ModA', 'AppModule -> ModB -> ModA'],
      ['B', 'ModB', 'AppModule -> ModB'],
      ['C', 'AppModule', 'AppModule'],
    ]);
  });

  it('puts defaults first and lets a module provider of the same token take its own place', () => {
    @injectable()
    class A {}
    @injectable()
    class Logger {}
    @Module({ providers: [A, Logger] })
    class AppModule {}
    const declared = (token: unknown) => ({
      provider: { kind: 'value' as const, token: token as symbol, value: token, scope: 'singleton' as const },
      module: 'EntrypointModule',
      path: ['EntrypointModule'],
    });

    const { providers } = collectModules(AppModule, [declared('settings'), declared(Logger)]);

    expect([...providers.values()].map((p) => [tokenName(p.provider.token), p.module])).toEqual([
      ['settings', 'EntrypointModule'],
      ['A', 'AppModule'],
      ['Logger', 'AppModule'],
    ]);
  });

  it('still fails on a token two modules provide when a default had it first', () => {
    @injectable()
    class Logger {}
    @Module({ providers: [Logger] })
    class LogModule {}
    @Module({ imports: [LogModule], providers: [Logger] })
    class AppModule {}
    const fallback = {
      provider: { kind: 'value' as const, token: Logger, value: 1, scope: 'singleton' as const },
      module: 'EntrypointModule',
      path: ['EntrypointModule'],
    };

    expect(errorOf(() => collectModules(AppModule, [fallback])).message.split('\n')[0]).toBe(
      '"Logger" is provided by both LogModule and AppModule.',
    );
  });

  it('loads a module imported from many places once', () => {
    @injectable()
    class Shared {}
    @Module({ providers: [Shared] })
    class SharedModule {}
    @Module({ imports: [SharedModule] })
    class Left {}
    @Module({ imports: [SharedModule] })
    class Right {}
    @Module({ imports: [Left, Right, SharedModule] })
    class AppModule {}

    const { providers } = collectModules(AppModule);

    expect([...providers.keys()]).toEqual([Shared]);
  });

  it('loads a raw ContainerModule imported from many places once', () => {
    const raw = new ContainerModule(() => undefined);
    @Module({ imports: [raw] })
    class Left {}
    @Module({ imports: [raw] })
    class Right {}
    @Module({ imports: [Left, Right] })
    class AppModule {}

    const { containerModules } = collectModules(AppModule);

    expect(containerModules.map((m) => [m.module, m.path.join(' -> ')])).toEqual([[raw, 'AppModule -> Left']]);
  });

  it('fails on an import cycle, naming the cycle and nothing else', () => {
    @Module({})
    class Unrelated {}
    @Module({ imports: [] })
    class Orders {}
    @Module({ imports: [Orders] })
    class Payments {}
    // Close the loop after both classes exist: Orders -> Payments -> Orders.
    Module({ imports: [Payments] })(Orders);
    @Module({ imports: [Unrelated, Orders] })
    class AppModule {}

    const error = errorOf(() => collectModules(AppModule));

    expect(error).toBeInstanceOf(ModuleCycleError);
    expect((error as ModuleCycleError).code).toBe('MODULE_CYCLE');
    expect((error as ModuleCycleError).cycle).toEqual(['Orders', 'Payments', 'Orders']);
    expect(error.message.split('\n')[0]).toBe('Module import cycle: Orders -> Payments -> Orders.');
    expect(error.message).not.toContain('AppModule');
    expect(error.message).not.toContain('Unrelated');
  });

  it('fails on a module importing itself', () => {
    @Module({})
    class Self {}
    Module({ imports: [Self] })(Self);

    expect((errorOf(() => collectModules(Self)) as ModuleCycleError).cycle).toEqual(['Self', 'Self']);
  });

  it('fails when the same token is provided by two modules, naming both', () => {
    @injectable()
    class Mailer {}
    @injectable()
    class Other {}
    @Module({ providers: [Mailer] })
    class MailModule {}
    @Module({ providers: [{ provide: Mailer, useValue: {} }, Other] })
    class NotifyModule {}
    @Module({ imports: [MailModule, NotifyModule] })
    class AppModule {}

    const error = errorOf(() => collectModules(AppModule)) as InvalidProviderError;

    expect(error).toBeInstanceOf(InvalidProviderError);
    expect(error.code).toBe('DUPLICATE_PROVIDER');
    expect(error.message.split('\n')[0]).toBe('"Mailer" is provided by both MailModule and NotifyModule.');
    expect(error.message).not.toContain('Other');
  });

  it('fails when one module provides a token twice', () => {
    const TOKEN = Symbol('TOKEN');
    @Module({
      providers: [
        { provide: TOKEN, useValue: 1 },
        { provide: TOKEN, useValue: 2 },
      ],
    })
    class AppModule {}

    expect(errorOf(() => collectModules(AppModule)).message.split('\n')[0]).toBe('"TOKEN" is provided twice in AppModule.');
  });

  it('shares one flat namespace: a provider of a deep import is visible to every module', () => {
    const TOKEN = 'config';
    @Module({ providers: [{ provide: TOKEN, useValue: 1 }] })
    class Deep {}
    @Module({ imports: [Deep] })
    class Middle {}
    @Module({ imports: [Middle] })
    class AppModule {}

    expect([...collectModules(AppModule).providers.keys()]).toEqual(['config']);
  });

  it('fails on an import that is not a module, naming the path', () => {
    class NotAModule {}
    @Module({ imports: [NotAModule as ModuleClass] })
    class Feature {}
    @Module({ imports: [Feature] })
    class AppModule {}

    const error = errorOf(() => collectModules(AppModule)) as InvalidProviderError;

    expect(error.code).toBe('INVALID_MODULE');
    expect(error.message.split('\n').slice(0, 2)).toEqual([
      '"NotAModule" is not a module.',
      'Resolution path: AppModule -> Feature -> NotAModule',
    ]);
  });

  it('fails on an undefined import, naming the importer and hinting at a circular file import', () => {
    @Module({ imports: [undefined as unknown as ModuleClass] })
    class Feature {}
    @Module({ imports: [Feature] })
    class AppModule {}

    const error = errorOf(() => collectModules(AppModule)) as InvalidProviderError;

    expect(error.code).toBe('INVALID_MODULE');
    expect(error.message).toBe(
      'An import of "Feature" is undefined.\n' +
        'Resolution path: AppModule -> Feature\n' +
        'Hint: this is almost always a circular import between files: the importing file ran before the module class was defined.',
    );
  });

  it('fails on a root that is not a module', () => {
    class Plain {}

    expect((errorOf(() => collectModules(Plain)) as InvalidProviderError).code).toBe('INVALID_MODULE');
  });
});
