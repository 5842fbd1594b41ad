import { KeelError } from '../errors';

/** One problem with one configuration key; `message` never contains the value. */
export interface ConfigIssue {
  /** The variable (or, for nested Standard Schema output, the path such as `DB.port`); `(config)` for the whole input. */
  key: string;
  message: string;
}

/**
 * Configuration failed validation: code 'INVALID_CONFIG', every problem at once,
 * one line per key. Carries no `cause`, since a validator's raw issues hold the input.
 */
export class InvalidConfigError extends KeelError {
  constructor(
    readonly issues: readonly ConfigIssue[],
    hint: string,
  ) {
    const count = `${issues.length} problem${issues.length === 1 ? '' : 's'}`;
    super('INVALID_CONFIG', [`Invalid configuration: ${count}.`, ...issues.map((i) => `  ${i.key}: ${i.message}`)].join('\n'), { hint });
  }
}
