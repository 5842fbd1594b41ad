#!/usr/bin/env node
import 'reflect-metadata';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Application } from '../application';
import { describeBuildFailure, prepareApplication } from '../entrypoint/supervise-process';
import { SecretMask } from '../logging/secret-mask';
import { CliError } from './cli-error';
import { loadModuleFile, parseTarget, resolveModuleFile } from './load-module-file';
import { renderGraph, type GraphFormat } from './render-graph';
import { renderPlan } from './render-plan';
import { planStart } from './start-plan';
import { readTimings } from './timings-file';

/** What `keel --help` prints (and `keel` alone, on stderr, with exit code 2). */
export const USAGE = `usage: keel <command> <file>[#Export] [options]

  graph <file>   the dependency graph: Mermaid (default), --format dot or --format json
  plan <file>    the start plan: start waves, stop order, critical path;
                 --timings <file.timings.json> (from a KEEL_TIMELINE run) for milliseconds
  check <file>   dry run: settings, .env and config validated, everything built as
                 bootstrap() would; no hook runs. Exit 0 when it would start, 1 when not

  <file> is compiled JS or TypeScript (through ts-node when installed); #Export names
  the module, else the one exported @Module class is used. --all shows keel's own
  providers too. Errors in what was asked exit 2.`;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const FLAGS: Record<string, { value: boolean; commands: string[] }> = {
  '--format': { value: true, commands: ['graph'] },
  '--all': { value: false, commands: ['graph', 'plan'] },
  '--timings': { value: true, commands: ['plan'] },
};

/** Runs one CLI command; resolves to the exit code (0 done, 1 the app would not start, 2 a usage or loading error). */
export async function runCli(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.err(`keel: ${error.message}\n`);
    return 2;
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.err : io.out)(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (!['graph', 'plan', 'check'].includes(command)) throw new CliError(`unknown command "${command}" (graph, plan or check; keel --help)`);
  const { target, flags } = parseArgs(command, rest);
  const format = (flags.get('--format') ?? 'mermaid') as GraphFormat;
  if (command === 'graph' && !['mermaid', 'dot', 'json'].includes(format)) {
    throw new CliError(`--format must be mermaid, dot or json, got "${format}"`);
  }
  const timingsPath = flags.get('--timings');
  const timings = timingsPath === undefined ? undefined : readTimings(resolve(timingsPath));
  const delegated = delegateToAppsKeel(target, argv);
  if (delegated) return delegated;
  const loaded = loadModuleFile(target);
  const shown = relative(process.cwd(), loaded.file) || loaded.file;
  let app: Application;
  const secrets = new SecretMask();
  try {
    ({ app } = await prepareApplication(loaded.root, {}, secrets));
  } catch (error) {
    io.err(describeBuildFailure(error, secrets));
    return 1;
  }
  const graph = app.graph();
  const all = flags.has('--all');
  switch (command) {
    case 'graph':
      io.out(renderGraph(graph, format, { all }));
      return 0;
    case 'plan':
      io.out(renderPlan(planStart(graph, { all, timings }), { module: loaded.root.name, file: shown, timingsFile: timingsPath }));
      return 0;
    default: {
      const plan = planStart(graph);
      const hooks = (phase: 'start' | 'stop') => plan[phase].waves.flatMap((w) => w.services).reduce((n, s) => n + s.hooks.length, 0);
      io.out(
        `keel check: ${loaded.root.name} (${shown}) would start: ${plan.services} services, ${hooks('start')} OnStart and ` +
          `${hooks('stop')} OnStop hooks; settings, env file and config valid; no hook ran.\n`,
      );
      return 0;
    }
  }
}

function parseArgs(command: string, args: readonly string[]): { target: string; flags: Map<string, string> } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const flag = FLAGS[name];
    if (!flag || !flag.commands.includes(command)) throw new CliError(`unknown option ${name} for ${command} (keel --help)`);
    if (!flag.value) {
      flags.set(name, '');
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || value === '') throw new CliError(`${name} needs a value`);
    flags.set(name, value);
  }
  if (positional.length === 0) throw new CliError(`${command} needs a file: keel ${command} <file>[#Export]`);
  if (positional.length > 1) throw new CliError(`${command} takes one file, got ${positional.length}: ${positional.join(' ')}`);
  return { target: positional[0]!, flags };
}

/**
 * When the app resolves `keel` to another copy than this one (a global keel run
 * on a project with its own), that copy runs the command: its @Module marks are
 * the ones the app's classes carry.
 */
function delegateToAppsKeel(target: string, argv: readonly string[]): Promise<number> | undefined {
  const file = resolveModuleFile(parseTarget(target).path);
  let theirs: string;
  try {
    theirs = dirname(require.resolve('keel/package.json', { paths: [dirname(file)] }));
  } catch {
    return undefined;
  }
  const own = resolve(__dirname, '..', '..');
  const main = join(theirs, 'dist', 'cli', 'main.js');
  if (realpathSync(theirs) === realpathSync(own) || !existsSync(main)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app's own keel
  return (require(main) as { runCli: typeof runCli }).runCli(argv);
}

const defaultIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => exitAfterFlush(code),
    (error: unknown) => {
      process.stderr.write(`keel: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      exitAfterFlush(2);
    },
  );
}

// The app's constructors may have left handles open; the command is done once its output is out.
function exitAfterFlush(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
