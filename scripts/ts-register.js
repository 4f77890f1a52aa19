'use strict';
/*
 * Runs TypeScript files directly (`node -r ./scripts/ts-register.js file.ts`), transpiled by the
 * esbuild the app already bundles with: one transpiler for the app, its scripts, the tests and the
 * from-sources fallback. Types are checked by `tsc --noEmit` in npm test, not here.
 */
const fs = require('fs');
const { transformSync } = require('esbuild');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcefile: filename,
    sourcemap: 'inline',
  });
  module._compile(code, filename);
};
