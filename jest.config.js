const { moduleNameMapper } = require('./scripts/test-bundles');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Jest's default is one worker less than the cores: a single worker on the 2-core machines this
  // project runs on. The main process only waits, so both cores can run tests.
  maxWorkers: 2,
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  // Transpile only (swc): types are checked once by TypeScript 7 (`npm run typecheck`) in `npm test`.
  // cdktf's matchers (toHaveResourceWithProperties, ...) are registered by the files that use them
  // (`import './setup'`), so the others do not load them.
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] },
  // cdktf and zod load as one prebuilt bundle each instead of hundreds of modules per test file
  // (scripts/test-bundles.js says why and how).
  globalSetup: './scripts/test-bundles.js',
  moduleNameMapper: moduleNameMapper(),
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
