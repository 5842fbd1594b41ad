import type { Config } from 'jest';
import base from './jest.config';

// The reliability suite (test/reliability/*.rel.ts): fault injection in real processes, with
// measured figures; run by `npm run test:reliability` and .ci/reliability.sh, not by `npm test`.
const config: Config = {
  ...base,
  roots: ['<rootDir>/test/reliability'],
  testMatch: ['**/*.rel.ts'],
  globalSetup: '<rootDir>/test/reliability/helpers/compile-fixtures.ts',
  globalTeardown: '<rootDir>/test/reliability/helpers/merge-results.ts',
  testTimeout: 120_000,
  // One scenario at a time: several of them time real processes (signals, sockets), and a neighbour's load is noise.
  maxWorkers: 1,
};

export default config;
