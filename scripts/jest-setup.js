'use strict';
/*
 * Loaded by jest-light-runner in each worker before the test files: the test files and everything
 * they import are TypeScript, transpiled by the same esbuild hook as the scripts and the app's
 * from-sources fallback (ts-register.js). The runner imports test files as ES modules; the load
 * hook hands .ts files to the CommonJS loader, which compiles them with that hook. Source maps make
 * stack traces point at the TypeScript lines.
 */
const { register } = require('module');
const path = require('path');
const { pathToFileURL } = require('url');

require('./ts-register');

register(pathToFileURL(path.join(__dirname, 'ts-esm-hooks.mjs')));
process.setSourceMapsEnabled(true);
