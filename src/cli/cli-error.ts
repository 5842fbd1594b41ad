/** A problem with what the CLI was asked to do (file, export, flags): printed as one line, exit code 2. */
export class CliError extends Error {
  override readonly name = 'CliError';
}
