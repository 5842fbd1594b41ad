import { constants } from 'node:os';

/** Exit codes keel uses; the README's table lists them. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;

/** 128 + the signal number, as shells report it: 130 for SIGINT, 143 for SIGTERM. */
export function signalExitCode(signal: string): number {
  const number = (constants.signals as Record<string, number>)[signal];
  return number === undefined ? EXIT_FAILURE : 128 + number;
}
