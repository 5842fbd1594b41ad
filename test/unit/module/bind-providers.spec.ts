import 'reflect-metadata';
import { Container, ContainerModule, inject, injectable } from 'inversify';
import { InvalidProviderError } from '../../../src/errors';
import { bindProviders, type BindingRecord } from '../../../src/module/bind-providers';
import { collectModules } from '../../../src/module/collect-modules';
import { Module, type ModuleClass } from '../../../src/module/module-decorator';
import { tokenName } from '../../../src/module/token';

async function recordsOf(root: ModuleClass): Promise<{ container: Container; records: BindingRecord[] }> {
  const { providers, containerModules } = collectModules(root);
  const container = new Container();
  return { container, records: await bindProviders(container, providers.values(), { containerModules }) };
}

const summary = (records: BindingRecord[]) =>
  records.map((r) => ({ token: tokenName(r.token), kind: r.source.kind, scope: r.scope, module: r.module, multiple: r.multiple }));

describe('bindProviders', () => {
  it('records one binding per provider with its kind, scope and module', async () => {
    @injectable()
    class Db {}
    @injectable()
    class Cache {}
    @Module({
      providers: [
        Db,
        { provide: Cache, useClass: Cache, scope: 'transient' },
        { provide: 'value', useValue: 1 },
        { provide: 'factory', useFactory: (db: Db) => db, inject: [Db] },
        { provide: 'alias', useExisting: Db },
      ],
    })
    class AppModule {}

    const { records } = await recordsOf(AppModule);

    expect(summary(records)).toEqual([
      { token: 'Db', kind: 'class', scope: 'singleton', module: 'AppModule', multiple: false },
      { token: 'Cache', kind: 'class', scope: 'transient', module: 'AppModule', multiple: false },
      { token: 'value', kind: 'value', scope: 'singleton', module: 'AppModule', multiple: false },
      { token: 'factory', kind: 'factory', scope: 'singleton', module: 'AppModule', multiple: false },
      { token: 'alias', kind: 'existing', scope: 'singleton', module: 'AppModule', multiple: false },
    ]);
  });

  it("records a raw ContainerModule's bind() calls as graph bindings, with inversify's scopes", async () => {
    @injectable()
    class Transport {}
    @injectable('Singleton')
    class Pool {}
    @injectable()
    class Client {
      constructor(@inject(Transport) readonly transport: Transport) {}
    }
    const raw = new ContainerModule(({ bind }) => {
      bind(Transport).toSelf();
      bind(Pool).toSelf();
      bind(Client).toSelf().inSingletonScope();
      bind('url').toConstantValue('x');
      bind('dyn').toDynamicValue(() => 1);
      bind('dyn.singleton')
        .toDynamicValue(() => 1)
        .inSingletonScope();
      bind('redirect').toService(Client);
      bind('resolved')
        .toResolvedValue((t: Transport) => t, [Transport])
        .inSingletonScope();
    });
    @Module({ imports: [raw] })
    class AppModule {}

    const { container, records } = await recordsOf(AppModule);

    expect(summary(records).map(({ token, kind, scope }) => [token, kind, scope])).toEqual([
      ['Transport', 'class', 'transient'],
      ['Pool', 'class', 'singleton'],
      ['Client', 'class', 'singleton'],
      ['url', 'value', 'singleton'],
      ['dyn', 'dynamic', 'transient'],
      ['dyn.singleton', 'dynamic', 'singleton'],
      ['redirect', 'existing', 'singleton'],
      ['resolved', 'factory', 'singleton'],
    ]);
    expect(records.find((r) => r.token === 'resolved')!.source).toEqual({
      kind: 'factory',
      inject: [{ token: Transport, optional: false }],
    });
    expect(records[0]!.module).toBe(`ContainerModule#${raw.id}`);
    expect(records[0]!.path).toEqual(['AppModule', `ContainerModule#${raw.id}`]);
    // The recording view is transparent: inversify got the real bindings.
    expect(container.get(Client).transport).toBeInstanceOf(Transport);
    expect(container.get('redirect')).toBe(container.get(Client));
  });

  it('marks a token bound more than once by raw modules as multiple and dynamic, resolving to every binding', async () => {
    const PLUGIN = Symbol('PLUGIN');
    const raw = new ContainerModule(({ bind }) => {
      bind(PLUGIN).toConstantValue('a');
      bind(PLUGIN).toConstantValue('b');
    });
    @Module({ imports: [raw] })
    class AppModule {}

    const { container, records } = await recordsOf(AppModule);

    expect(summary(records)).toEqual([
      { token: 'PLUGIN', kind: 'dynamic', scope: 'singleton', module: `ContainerModule#${raw.id}`, multiple: true },
    ]);
    expect(container.getAll(PLUGIN)).toEqual(['a', 'b']);
  });

  it('fails when a raw ContainerModule binds a token a module provider already provides, naming both', async () => {
    @injectable()
    class Mailer {}
    const raw = new ContainerModule(({ bind }) => {
      bind(Mailer).toSelf().inSingletonScope();
    });
    @Module({ providers: [Mailer] })
    class MailModule {}
    @Module({ imports: [MailModule, raw] })
    class AppModule {}

    const error = (await recordsOf(AppModule).catch((e: unknown) => e)) as InvalidProviderError;

    expect(error).toBeInstanceOf(InvalidProviderError);
    expect(error.code).toBe('DUPLICATE_PROVIDER');
    expect(error.message.split('\n')[0]).toBe(`"Mailer" is provided by both MailModule and ContainerModule#${raw.id}.`);
  });

  it('awaits an async ContainerModule load', async () => {
    const raw = new ContainerModule(async ({ bind }) => {
      await Promise.resolve();
      bind('late').toConstantValue(1);
    });
    @Module({ imports: [raw] })
    class AppModule {}

    const { container, records } = await recordsOf(AppModule);

    expect(records.map((r) => r.token)).toEqual(['late']);
    expect(container.get('late')).toBe(1);
  });
});
