import { EXIT_FAILURE, EXIT_OK, signalExitCode } from '../../../src/entrypoint/exit-codes';

describe('exit codes', () => {
  it('are 0 for a clean stop and 1 for a failure', () => {
    expect([EXIT_OK, EXIT_FAILURE]).toEqual([0, 1]);
  });

  it('map a signal to 128 + its number, as shells report it', () => {
    expect(['SIGINT', 'SIGTERM', 'SIGHUP'].map(signalExitCode)).toEqual([130, 143, 129]);
  });

  it('fall back to 1 for a name that is not a signal', () => {
    expect(signalExitCode('SIGNOPE')).toBe(1);
  });
});
