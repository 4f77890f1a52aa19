/** @type {import('jest').Config} */
module.exports = {
  // Test files run in bare Node worker threads, not each in a virtual environment of its own: a
  // worker loads cdktf, zod and the provider bindings once, not once per test file (that took about
  // half of the suite's CPU time). Test files therefore share modules and globals: a test that
  // changes process.env or another global restores it (see cli.test.ts).
  runner: 'jest-light-runner',
  // Jest's default is one worker less than the cores: a single worker on the 2-core machines this
  // project runs on. The main process only waits, so both cores can run tests.
  maxWorkers: 2,
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Transpile only (esbuild, as for the app and the scripts): types are checked once by TypeScript 7
  // (`npm run typecheck`) in `npm test`.
  setupFiles: ['<rootDir>/scripts/jest-setup.js'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
