// `preset: 'keel'` in a Jest config: TypeScript tests of a keel app run with no other setup.
// ts-jest compiles the tests (and the ESM-only inversify 8 packages, through allowJs) to CommonJS,
// with the decorator flags keel needs; transpile-only (isolatedModules), so a test never waits on a
// whole-program type check: run `tsc --noEmit` for that. The app needs `ts-jest` and `jest` installed.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.[cm]?[tj]sx?$': [
      'ts-jest',
      {
        tsconfig: {
          target: 'ES2022',
          module: 'commonjs',
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
          esModuleInterop: true,
          allowJs: true,
          isolatedModules: true,
          sourceMap: true,
          skipLibCheck: true,
          // Any source may be compiled (tests, app, inversify's ESM): TypeScript 6 wants the common root stated.
          rootDir: '/',
        },
      },
    ],
  },
  // Everything in node_modules stays untransformed except inversify 8 and its @inversifyjs packages
  // (ESM only); `.pnpm` lets the same pattern reach them inside pnpm's store layout.
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm|inversify|@inversifyjs)/)'],
};
