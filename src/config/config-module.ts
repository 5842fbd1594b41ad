import { CONFIG } from '../entrypoint/tokens';
import { Module, type ModuleClass } from '../module/module-decorator';
import { assertConfigSchema, loadConfig, type ConfigSchema, type LoadConfigOptions } from './load-config';

export interface ConfigModuleOptions<S extends ConfigSchema = ConfigSchema> extends LoadConfigOptions {
  /** A built-in field record (`{ PORT: configSchema.integer().default(3000) }`) or a Standard Schema v1 validator. */
  schema: S;
}

/**
 * @internal The schema and options behind each ConfigModule's CONFIG factory, so
 * keel/testing's overrideConfig() can validate the keys it does not replace.
 */
export const CONFIG_SOURCES = new WeakMap<object, ConfigModuleOptions>();

/**
 * Provides CONFIG: the validated, frozen configuration. CONFIG is a singleton
 * factory, and keel builds every singleton before any OnStart runs, so a bad
 * configuration fails `createApplication`/`bootstrap` with InvalidConfigError
 * ('INVALID_CONFIG', every bad key listed) before anything has started.
 *
 *   const schema = { PORT: configSchema.integer().default(3000), API_KEY: configSchema.string() };
 *
 *   @Module({ imports: [ConfigModule.forRoot({ schema })], providers: [Api] })
 *   class AppModule {}
 *
 *   @injectable()
 *   class Api {
 *     constructor(@inject(CONFIG) private readonly config: InferConfig<typeof schema>) {}
 *   }
 */
export class ConfigModule {
  /**
   * A module class providing CONFIG. The schema is checked now (a malformed one
   * throws KeelError 'INVALID_CONFIG' at once); the variables are read and
   * validated when the application is built, not when this is called.
   */
  static forRoot<S extends ConfigSchema>(options: ConfigModuleOptions<S>): ModuleClass {
    assertConfigSchema(options.schema);
    const { schema, env, envFile, secrets } = options;
    // A named class expression: resolution paths read "AppModule -> ConfigModule".
    const module = class ConfigModule {};
    const load = () => loadConfig(schema, { env, envFile, secrets });
    CONFIG_SOURCES.set(load, options);
    Module({ providers: [{ provide: CONFIG, useFactory: load }] })(module);
    return module;
  }
}
