// Jest globalSetup of the reliability suite: clears the last run's figures and transpiles src/ and the fixture apps to plain JavaScript
// once (no type check; `npm run typecheck` does that), so each of the suite's ~200 child processes
// starts in a fraction of a second instead of paying for ts-node every time.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { BUILD_DIR, RESULTS_DIR, ROOT } from './paths';

const SOURCES = ['src', 'test/reliability/fixtures', 'test/integration/fixtures'];

function* typescriptFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* typescriptFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

export default function compileFixtures(): void {
  // The table shows one run: figures of scenarios that did not pass (or run) this time must not linger.
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const compilerOptions: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    esModuleInterop: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
  };
  for (const source of SOURCES) {
    for (const file of typescriptFiles(join(ROOT, source))) {
      const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions, fileName: file });
      const out = join(BUILD_DIR, relative(ROOT, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, outputText);
    }
  }
}
