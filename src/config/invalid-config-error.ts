import { KeelError, type KeelErrorOptions } from '../errors';

/** One problem with one configuration key; `message` never contains the value. */
export interface ConfigIssue {
  /** The variable (or, for nested Standard Schema output, the path such as `DB.port`); `(config)` for the whole input. */
  key: string;
  message: string;
}

export interface InvalidConfigErrorOptions extends KeelErrorOptions {
  /** Every problem, one per key. */
  issues: readonly ConfigIssue[];
}

/**
 * Configuration failed validation: code 'INVALID_CONFIG', every problem at once,
 * one line per key after the summary. Carries no `cause`, since a validator's raw
 * issues hold the input.
 */
export class InvalidConfigError extends KeelError {
  readonly issues: readonly ConfigIssue[];
  constructor(summary: string, options: InvalidConfigErrorOptions) {
    super('INVALID_CONFIG', summary, { ...options, details: options.issues.map((i) => `  ${i.key}: ${i.message}`) });
    this.issues = options.issues;
  }
}
