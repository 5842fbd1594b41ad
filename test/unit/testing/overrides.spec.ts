import 'reflect-metadata';
import { ContainerModule, inject, injectable } from 'inversify';
import { ConfigModule } from '../../../src/config/config-module';
import { configSchema as s, type InferConfig } from '../../../src/config/index';
import { CONFIG } from '../../../src/entrypoint/tokens';
import { OnStart } from '../../../src/lifecycle/hook-decorators';
import { Module } from '../../../src/module/module-decorator';
import { createTestingApp } from '../../../src/testing/create-testing-app';

const MAILER = Symbol('MAILER');

/** AppModule -> FeatureModule -> MailModule (providing MAILER), with Orders using MAILER. */
function mailApp(calls: string[]) {
  @injectable()
  class SmtpMailer {
    constructor() {
      calls.push('SmtpMailer constructed');
    }
    send = (to: string) => calls.push(`smtp ${to}`);
  }
  @Module({ providers: [{ provide: MAILER, useClass: SmtpMailer }] })
  class MailModule {}
  @injectable()
  class Orders {
    constructor(@inject(MAILER) private readonly mailer: { send(to: string): void }) {}
    @OnStart() confirm() {
      this.mailer.send('ada');
    }
  }
  @Module({ imports: [MailModule], providers: [Orders] })
  class FeatureModule {}
  @Module({ imports: [FeatureModule, MailModule] })
  class AppModule {}
  return { MailModule, FeatureModule, AppModule };
}

describe('overrideModule', () => {
  it('useModule swaps the module wherever it is imported: its providers are never built', async () => {
    const calls: string[] = [];
    const { MailModule, AppModule } = mailApp(calls);
    @Module({ providers: [{ provide: MAILER, useValue: { send: (to: string) => calls.push(`fake ${to}`) } }] })
    class FakeMailModule {}
    const app = await createTestingApp(AppModule).overrideModule(MailModule).useModule(FakeMailModule).compile();
    await app.start();
    await app.stop();
    expect(calls).toEqual(['fake ada']);
  });

  it('accepts a raw inversify ContainerModule as the replacement', async () => {
    const calls: string[] = [];
    const { MailModule, AppModule } = mailApp(calls);
    const fake = new ContainerModule(({ bind }) => {
      bind(MAILER).toConstantValue({ send: (to: string) => calls.push(`container ${to}`) });
    });
    const app = await createTestingApp(AppModule).overrideModule(MailModule).useModule(fake).compile();
    await app.start();
    await app.stop();
    expect(calls).toEqual(['container ada']);
  });

  it('keeps resolution paths naming the original modules', async () => {
    const { MailModule, AppModule } = mailApp([]);
    @Module({ providers: [] })
    class EmptyMailModule {}
    const error = (await createTestingApp(AppModule)
      .overrideModule(MailModule)
      .useModule(EmptyMailModule)
      .compile()
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/Resolution path: AppModule -> FeatureModule -> Orders -> MAILER/);
  });

  it('fails clearly when the app never imports the module', async () => {
    const { AppModule } = mailApp([]);
    @Module({})
    class Stranger {}
    const error = (await createTestingApp(AppModule)
      .overrideModule(Stranger)
      .useModule(Stranger)
      .compile()
      .catch((e: unknown) => e)) as Error & { code: string };
    expect([error.code, error.message.split('\n')[0]]).toEqual([
      'INVALID_MODULE',
      'Cannot override module "Stranger": AppModule does not import it.',
    ]);
  });
});

describe('overrideConfig', () => {
  const schema = { PORT: s.integer().default(3000), DATABASE_URL: s.url(), GREETING: s.string().default('Hello') };
  type Config = InferConfig<typeof schema>;

  function configApp(env: NodeJS.ProcessEnv) {
    @Module({ imports: [ConfigModule.forRoot({ schema, env })] })
    class AppModule {}
    return AppModule;
  }

  it('replaces typed values; the replaced keys need not be set, the others are still validated', async () => {
    const app = await createTestingApp(configApp({ GREETING: 'Hi' }))
      .overrideConfig<Config>({ PORT: 0, DATABASE_URL: 'postgres://test/db' })
      .compile();
    const config = app.get<Config>(CONFIG);
    expect([config.PORT, String(config.DATABASE_URL), config.GREETING, Object.isFrozen(config)]).toEqual([
      0,
      'postgres://test/db',
      'Hi',
      true,
    ]);
  });

  it('still reports the keys it does not replace when they are bad', async () => {
    const error = (await createTestingApp(configApp({ GREETING: 'Hi' }))
      .overrideConfig<Config>({ PORT: 0 })
      .compile()
      .catch((e: unknown) => e)) as Error & { code: string };
    expect([error.code, /DATABASE_URL/.test(error.message), /PORT/.test(error.message)]).toEqual(['INVALID_CONFIG', true, false]);
  });

  it('merges several calls, the last winning', async () => {
    const app = await createTestingApp(configApp({ DATABASE_URL: 'postgres://env/db' }))
      .overrideConfig<Config>({ PORT: 1, GREETING: 'Yo' })
      .overrideConfig<Config>({ PORT: 2 })
      .compile();
    const { PORT, GREETING } = app.get<Config>(CONFIG);
    expect({ PORT, GREETING }).toEqual({ PORT: 2, GREETING: 'Yo' });
  });

  it('without a ConfigModule, lays the values over the environment copy', async () => {
    @Module({})
    class Bare {}
    const app = await createTestingApp(Bare).overrideConfig({ FEATURE: 'on' }).compile();
    expect((app.get(CONFIG) as Record<string, unknown>)['FEATURE']).toBe('on');
  });

  it('works with a Standard Schema (zod): replaced keys validate as text, then take the given value', async () => {
    const { z } = await import('zod');
    const zodSchema = z.object({ PORT: z.coerce.number().int(), NAME: z.string() });
    @Module({ imports: [ConfigModule.forRoot({ schema: zodSchema, env: { NAME: 'keel' } })] })
    class ZodApp {}
    const app = await createTestingApp(ZodApp).overrideConfig({ PORT: 0 }).compile();
    expect(app.get(CONFIG)).toEqual({ PORT: 0, NAME: 'keel' });
  });
});
