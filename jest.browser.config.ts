import type { Config } from 'jest';
import base from './jest.config';

// The headless-Chromium tests: their own CI step (.ci/browser.sh), kept out of `npm test`.
const config: Config = {
  ...base,
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.browser.spec.ts'],
  testPathIgnorePatterns: [],
  testTimeout: 60000,
};

export default config;
