import { signalExitCode } from '../../../src/entrypoint/exit-codes';

// EXIT_OK and EXIT_FAILURE are checked where they matter: by the exit codes of real
// processes in test/integration (a constant compared with its own literal cannot fail).
describe('exit codes', () => {
  it('map a signal to 128 + its number, as shells report it', () => {
    expect(['SIGINT', 'SIGTERM', 'SIGHUP'].map(signalExitCode)).toEqual([130, 143, 129]);
  });

  it('fall back to 1 for a name that is not a signal', () => {
    expect(signalExitCode('SIGNOPE')).toBe(1);
  });
});
