import { CONFIG_SOURCES } from '../config/config-module';
import type { ConfigFieldRecord } from '../config/config-field';
import { loadConfig } from '../config/load-config';
import { isStandardSchema } from '../config/standard-schema';
import { CONFIG } from '../entrypoint/tokens';
import { collectModules } from '../module/collect-modules';
import type { ModuleClass } from '../module/module-decorator';
import type { FactoryProvider } from '../module/provider';

/**
 * A CONFIG provider: the configuration `root`'s ConfigModule would load, with the
 * keys of `values` replaced by those values. For a field-record schema the replaced
 * keys are not read nor validated (so a required one need not be set); a Standard
 * Schema validates the environment with each replaced key set to its value as text,
 * then takes the values as given. Without a ConfigModule, CONFIG is the environment
 * with the values over it. The result is frozen, like the real CONFIG.
 */
export function configOverride(root: ModuleClass, values: Readonly<Record<string, unknown>>): FactoryProvider {
  const declared = collectModules(root).providers.get(CONFIG);
  const source = declared?.provider.kind === 'factory' ? CONFIG_SOURCES.get(declared.provider.factory) : undefined;
  const load = async (): Promise<unknown> => {
    if (!source) return { ...process.env, ...values };
    const { schema, env, envFile } = source;
    // The replaced keys are the test's own values: only the others are checked (and masked) as secrets.
    const secrets = source.secrets?.filter((key) => !Object.hasOwn(values, key));
    if (isStandardSchema(schema)) {
      const asText = Object.fromEntries(
        Object.entries(values).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
      );
      return { ...(await loadConfig(schema, { env: { ...(env ?? process.env), ...asText }, envFile, secrets })), ...values };
    }
    const rest = Object.fromEntries(Object.entries(schema as ConfigFieldRecord).filter(([key]) => !Object.hasOwn(values, key)));
    return { ...(await loadConfig(rest, { env, envFile, secrets })), ...values };
  };
  return { provide: CONFIG, useFactory: async () => Object.freeze(await load()) };
}
