import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import ts from 'typescript';
import {
  ApplicationStateError,
  DependencyCycleError,
  InvalidProviderError,
  KeelError,
  LifecycleHookError,
  MissingProviderError,
  ModuleCycleError,
  ShutdownTimeoutError,
  StopError,
} from '../../../src/errors';
import { InvalidConfigError } from '../../../src/config/invalid-config-error';

type KeelErrorModule = typeof import('../../../src/errors/keel-error');

/** keel-error.ts compiled and run in a fresh vm context: another realm, with its own Error and its own KeelError class. */
function loadInAnotherRealm(): { module: KeelErrorModule; realm: { Error: ErrorConstructor } } {
  const source = readFileSync(join(__dirname, '../../../src/errors/keel-error.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const exports = {};
  const realm = createContext({ exports, module: { exports } });
  runInContext(outputText, realm);
  return { module: exports as KeelErrorModule, realm: runInContext('({ Error })', realm) as { Error: ErrorConstructor } };
}

describe('KeelError', () => {
  it('formats summary, details, path and hint, and keeps code and cause', () => {
    const cause = new Error('ECONNREFUSED');
    const error = new KeelError('RESOLUTION_FAILED', 'Could not create "Db".', {
      cause,
      details: ['It was needed by Api.'],
      path: ['AppModule', 'Api', 'Db'],
      hint: 'check the database.',
    });

    expect(error.message).toBe(
      'Could not create "Db".\nIt was needed by Api.\nResolution path: AppModule -> Api -> Db\nHint: check the database.',
    );
    expect([error.name, error.code, error.summary, error.cause]).toEqual([
      'KeelError',
      'RESOLUTION_FAILED',
      'Could not create "Db".',
      cause,
    ]);
  });

  describe('is()', () => {
    it('recognises keel errors, optionally of one code, and nothing else', () => {
      const error = new MissingProviderError('No provider for "Mailer".');

      expect([
        KeelError.is(error),
        KeelError.is(error, 'MISSING_PROVIDER'),
        KeelError.is(error, 'HOOK_FAILED'),
        KeelError.is(new Error('plain')),
        KeelError.is({ code: 'MISSING_PROVIDER' }),
        KeelError.is(undefined),
      ]).toEqual([true, true, false, false, false, false]);
    });

    it('holds across realms, where instanceof does not', () => {
      const other = loadInAnotherRealm();
      const foreign = new other.module.KeelError('HOOK_TIMEOUT', 'OnStart hook "Db.connect" timed out after 10 ms.');

      expect(foreign instanceof KeelError).toBe(false);
      expect(foreign instanceof Error).toBe(false);
      expect(foreign instanceof other.realm.Error).toBe(true);
      expect([KeelError.is(foreign), KeelError.is(foreign, 'HOOK_TIMEOUT'), KeelError.is(foreign, 'HOOK_FAILED')]).toEqual([
        true,
        true,
        false,
      ]);
      // And the other way round: the other copy recognises ours.
      expect(other.module.KeelError.is(new StopError('1 OnStop hook(s) failed.', { errors: [new Error('x')] }), 'STOP_FAILED')).toBe(true);
    });

    it('holds across two copies of keel loaded in one process', () => {
      let copy!: KeelErrorModule;
      jest.isolateModules(() => {
        copy = jest.requireActual<KeelErrorModule>('../../../src/errors/keel-error');
      });
      const error = new copy.KeelError('NO_APPLICATION', 'No keel application is running in this process.');

      expect(copy.KeelError).not.toBe(KeelError);
      expect([error instanceof KeelError, KeelError.is(error, 'NO_APPLICATION')]).toEqual([false, true]);
    });
  });

  it('is the base of every error class, each taking (summary, options) and setting its own code', () => {
    const errors = [
      new MissingProviderError('a.'),
      new DependencyCycleError('b.', { cycle: ['A', 'B', 'A'] }),
      new ModuleCycleError('c.', { cycle: ['M', 'M'] }),
      new InvalidProviderError('d.'),
      new InvalidProviderError('e.', { code: 'DUPLICATE_PROVIDER' }),
      new LifecycleHookError('f.', { hook: 'Db.start', phase: 'start' }),
      new LifecycleHookError('g.', { hook: 'Db.start', phase: 'start', code: 'HOOK_TIMEOUT' }),
      new StopError('h.', { errors: [new Error('x')] }),
      new ShutdownTimeoutError('i.', { pending: ['Db.stop'] }),
      new ApplicationStateError('j.'),
      new InvalidConfigError('k.', { issues: [{ key: 'PORT', message: 'missing' }] }),
    ];

    expect(errors.map((e) => [e instanceof KeelError, KeelError.is(e), e.name, e.code, e.summary])).toEqual([
      [true, true, 'MissingProviderError', 'MISSING_PROVIDER', 'a.'],
      [true, true, 'DependencyCycleError', 'DEPENDENCY_CYCLE', 'b.'],
      [true, true, 'ModuleCycleError', 'MODULE_CYCLE', 'c.'],
      [true, true, 'InvalidProviderError', 'INVALID_PROVIDER', 'd.'],
      [true, true, 'InvalidProviderError', 'DUPLICATE_PROVIDER', 'e.'],
      [true, true, 'LifecycleHookError', 'HOOK_FAILED', 'f.'],
      [true, true, 'LifecycleHookError', 'HOOK_TIMEOUT', 'g.'],
      [true, true, 'StopError', 'STOP_FAILED', 'h.'],
      [true, true, 'ShutdownTimeoutError', 'SHUTDOWN_TIMEOUT', 'i.'],
      [true, true, 'ApplicationStateError', 'INVALID_STATE', 'j.'],
      [true, true, 'InvalidConfigError', 'INVALID_CONFIG', 'k.'],
    ]);
  });

  describe('StopError', () => {
    it('is no AggregateError, but keeps every failure in errors and as an AggregateError cause', () => {
      const failures = [new Error('Db stop failed'), new Error('Cache stop failed')];
      const error = new StopError('2 OnStop hook(s) failed.', { errors: failures });

      expect(error).not.toBeInstanceOf(AggregateError);
      expect(error.errors).toEqual(failures);
      expect(error.cause).toBeInstanceOf(AggregateError);
      expect((error.cause as AggregateError).errors).toEqual(failures);
    });
  });

  describe('LifecycleHookError', () => {
    it('writes its rollback and the other failures after the summary, before path and hint', () => {
      const rollbackFailure = new StopError('1 OnStop hook(s) failed: Cache.stop broke.', { errors: [new Error('x')] });
      const error = new LifecycleHookError('OnStart hook "Db.start" failed after 3 ms: refused.', {
        hook: 'Db.start',
        phase: 'start',
        path: ['AppModule', 'Db'],
        hint: 'check Db.',
        rollback: { services: 2, stopped: ['Api.stop'], failed: rollbackFailure },
        alsoFailed: [new Error('Queue refused')],
      });

      expect(error.message.split('\n')).toEqual([
        'OnStart hook "Db.start" failed after 3 ms: refused.',
        'Stopped 2 started service(s) in reverse order (Api.stop); startup aborted. The rollback failed too: 1 OnStop hook(s) failed: Cache.stop broke.',
        'Also failed: Queue refused',
        'Resolution path: AppModule -> Db',
        'Hint: check Db.',
      ]);
      expect(error.rollback).toEqual({ services: 2, stopped: ['Api.stop'], failed: rollbackFailure });
    });
  });
});
