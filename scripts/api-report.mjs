// The public API report: renders the declarations that `keel` and `keel/testing`
// export, as the published .d.ts files declare them, into api/keel.api.md, so the
// public surface changes only on purpose (like API Extractor's report, which does not
// run on TypeScript 6). Run after `npm run build`.
//
//   node scripts/api-report.mjs          rewrite api/keel.api.md
//   node scripts/api-report.mjs --check  fail when the file differs, when a published
//                                        .d.ts does not compile on its own, or when one
//                                        declares an internal name
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const reportFile = join(root, 'api', 'keel.api.md');
const entries = [
  { name: 'keel', file: join(dist, 'index.d.ts') },
  { name: 'keel/testing', file: join(dist, 'testing', 'index.d.ts') },
];
// Names that are keel's own plumbing: no published .d.ts may declare them.
const INTERNAL = [
  'setProcessApplication',
  'clearProcessApplication',
  'buildApplication',
  'resolveSettings',
  'SETTINGS',
  'loadEnv',
  'keelToken',
];
// Internal members of Application (the lead's contract for keel's own modules).
const INTERNAL_MEMBERS = ['clock', 'serviceInstances', 'fail', 'failure', 'runtimeHealth', 'create'];

function declarationFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return declarationFiles(path);
    return entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = declarationFiles(dist);
const program = ts.createProgram(files, {
  strict: true,
  skipLibCheck: false,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.Node20,
  moduleResolution: ts.ModuleResolutionKind.Node16,
  lib: ['lib.es2023.d.ts', 'lib.esnext.disposable.d.ts'],
  types: ['node'],
});
const checker = program.getTypeChecker();
const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });
const problems = [];

for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
  const where = diagnostic.file ? `${relative(root, diagnostic.file.fileName)}: ` : '';
  problems.push(`${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
}

for (const file of files) {
  const source = program.getSourceFile(file);
  const visit = (node) => {
    const name = node.name && ts.isIdentifier(node.name) ? node.name.text : undefined;
    const declares =
      ts.isFunctionDeclaration(node) ||
      ts.isVariableDeclaration(node) ||
      ts.isClassDeclaration(node) ||
      ts.isInterfaceDeclaration(node) ||
      ts.isTypeAliasDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isPropertyDeclaration(node);
    if (declares && name && INTERNAL.includes(name)) problems.push(`${relative(root, file)} declares internal "${name}"`);
    if (ts.isClassDeclaration(node) && name === 'Application') {
      for (const member of node.members) {
        const memberName = member.name && ts.isIdentifier(member.name) ? member.name.text : undefined;
        if (memberName && INTERNAL_MEMBERS.includes(memberName))
          problems.push(`${relative(root, file)} declares Application.${memberName}`);
        if (ts.isConstructorDeclaration(member) && member.parameters.length > 0) {
          problems.push(`${relative(root, file)} declares Application's constructor parameters`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

/** The statement to print for a declaration: a variable's whole `declare const` statement, else itself. */
function statementOf(declaration) {
  if (ts.isVariableDeclaration(declaration)) return declaration.parent.parent;
  return declaration;
}

const exportedEverywhere = new Set(
  entries.flatMap((entry) => {
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry.file));
    return checker.getExportsOfModule(moduleSymbol).map((s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s));
  }),
);

function printDeclarations(symbol, forgotten) {
  return (symbol.declarations ?? []).map((declaration) => {
    const statement = statementOf(declaration);
    collectForgotten(statement, forgotten);
    return printer.printNode(ts.EmitHint.Unspecified, withoutPrivateMembers(statement), statement.getSourceFile());
  });
}

// Private members are no part of the surface (a private constructor is: it says "no `new`").
function withoutPrivateMembers(node) {
  if (!ts.isClassDeclaration(node)) return node;
  const isPrivate = (member) =>
    !ts.isConstructorDeclaration(member) &&
    ((member.name && ts.isPrivateIdentifier(member.name)) || (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Private) !== 0);
  return ts.factory.updateClassDeclaration(
    node,
    node.modifiers,
    node.name,
    node.typeParameters,
    node.heritageClauses,
    node.members.filter((member) => !isPrivate(member)),
  );
}

function render(entry) {
  const source = program.getSourceFile(entry.file);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const exported = checker.getExportsOfModule(moduleSymbol).sort((a, b) => compare(a.name, b.name));
  const forgotten = new Map();
  const blocks = [];
  for (const symbol of exported) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const renamed = target.name !== symbol.name && target.name !== 'default' ? `// exported as ${symbol.name}\n` : '';
    blocks.push(renamed + printDeclarations(target, forgotten).join('\n'));
  }
  const lines = [`## ${entry.name}`, '', '```ts', blocks.join('\n\n'), '```', ''];
  // Declarations the public ones name without exporting them: part of the surface all the same.
  const printed = new Set();
  const hidden = [];
  for (let pending = [...forgotten.values()]; pending.length > 0; pending = [...forgotten.values()].filter((s) => !printed.has(s))) {
    for (const symbol of pending) {
      printed.add(symbol);
      hidden.push({ symbol, text: printDeclarations(symbol, forgotten).join('\n') });
    }
  }
  if (hidden.length > 0) {
    hidden.sort((a, b) => compare(a.symbol.name, b.symbol.name) || compare(a.text, b.text));
    lines.push(`### Named by \`${entry.name}\`'s API but exported by neither entry point`, '', '```ts');
    lines.push(
      hidden.map(({ symbol, text }) => `// ${relative(root, symbol.declarations[0].getSourceFile().fileName)}\n${text}`).join('\n\n'),
    );
    lines.push('```', '');
  }
  return lines.join('\n');
}

/** Symbols named in `node` that keel's own .d.ts files declare but neither entry point exports. */
function collectForgotten(node, forgotten) {
  const visit = (child) => {
    if (ts.isTypeReferenceNode(child) || ts.isExpressionWithTypeArguments(child) || ts.isTypeQueryNode(child)) {
      const nameNode = ts.isTypeReferenceNode(child) ? child.typeName : ts.isTypeQueryNode(child) ? child.exprName : child.expression;
      let symbol = checker.getSymbolAtLocation(nameNode);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      const file = symbol?.declarations?.[0]?.getSourceFile().fileName;
      if (symbol && file && file.startsWith(dist) && !exportedEverywhere.has(symbol) && !isTypeParameter(symbol)) {
        forgotten.set(`${symbol.name} ${file}`, symbol);
      }
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
}

// Code-unit order, not localeCompare: the report must not depend on the machine's locale.
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isTypeParameter(symbol) {
  return (symbol.flags & ts.SymbolFlags.TypeParameter) !== 0;
}

const report = [
  '# keel public API report',
  '',
  'Generated by `npm run api:report` from the published .d.ts files; CI (`.ci/api-report.sh`) fails when',
  'it is out of date. A change here is a change of the public API: review it as one.',
  '',
  ...entries.map(render),
].join('\n');

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(reportFile, 'utf8');
  } catch {
    problems.push(`${relative(root, reportFile)} is missing: run npm run api:report`);
  }
  if (current && current !== report) {
    problems.push(`${relative(root, reportFile)} is out of date: run npm run api:report, review the diff and commit it`);
    const want = report.split('\n');
    const have = current.split('\n');
    const at = want.findIndex((line, i) => line !== have[i]);
    problems.push(`first difference at line ${at + 1}:\n  committed: ${have[at] ?? '(end)'}\n  generated: ${want[at] ?? '(end)'}`);
  }
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(`api report: ${relative(root, reportFile)} matches the published .d.ts files (${files.length} files, no internals)`);
} else {
  writeFileSync(reportFile, report);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(`api report: wrote ${relative(root, reportFile)}`);
}
