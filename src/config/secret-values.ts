/** The secret values each loaded config holds, kept beside it rather than on the frozen object itself. */
const SECRETS = new WeakMap<object, readonly string[]>();

/** Records which values of `config` are secret; called once, by loadConfig. */
export function markSecrets(config: object, values: readonly string[]): void {
  if (values.length > 0) SECRETS.set(config, values);
}

/** The secret values of a config loaded by loadConfig/ConfigModule; none for any other value. */
export function secretsOf(config: unknown): readonly string[] {
  return config !== null && typeof config === 'object' ? (SECRETS.get(config) ?? []) : [];
}
