#!/usr/bin/env node
'use strict';
/*
 * The cdktf app (cdktf.json "app"). Runs main.ts the fast way: bundled by esbuild into one file,
 * rebuilt only when a source file changed, and compiled from V8's code cache. Plain JavaScript, so
 * nothing is transpiled before it starts. OM_SYNTH_FROM_SOURCES=1 runs the TypeScript sources
 * directly instead (slower, exact stack traces).
 */
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

const { contentKey, writeAtomically } = require('./bundle-cache');

const ROOT = path.join(__dirname, '..');
const ENTRY = path.join(ROOT, 'main.ts');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'openmetadata-azure-keyvault');

if (process.env.OM_SYNTH_FROM_SOURCES === '1') {
  runFromSources();
  return;
}

// One bundle per content key: a changed source gets a new file, and two synths at once either
// find a complete bundle or each build and rename their own (a rename replaces a file whole).
const KEY = contentKey(ROOT);
const BUNDLE = path.join(CACHE, `app-${KEY}.js`);
const CODE_CACHE = path.join(CACHE, `app-${KEY}.v8cache`);

function readOrUndefined(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Without a writable cache (a read-only checkout), the sources run directly: slower, same output. */
function runFromSources() {
  require('./ts-register');
  require(ENTRY);
}

if (!fs.existsSync(BUNDLE)) {
  try {
    fs.mkdirSync(CACHE, { recursive: true });
    build();
  } catch (e) {
    if (e && (e.code === 'EACCES' || e.code === 'EROFS' || e.code === 'EPERM')) {
      runFromSources();
      return;
    }
    throw e;
  }
}

function build() {
  const built = require('esbuild').buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'error',
    legalComments: 'none',
    charset: 'ascii',
  });
  // esbuild writes strings, regular expressions and names as ASCII escapes (charset: ascii); a few
  // comments of dependencies keep non-ASCII letters. Without them the file is pure ASCII: read as
  // latin1 it is a one-byte string, which V8 reads, hashes and parses faster (UTF-8 decoding of the
  // 3.3 MB bundle alone took 56 ms).
  writeAtomically(BUNDLE, built.outputFiles[0].text.replace(/[^\x00-\x7f]/g, '?'));
  // Bundles of earlier sources are dead weight now (best effort: another synth may be using one).
  for (const name of fs.readdirSync(CACHE)) {
    if (/^app(-[0-9a-f]+)?\.(js|v8cache|stamp)$/.test(name) && !name.startsWith(`app-${KEY}.`)) fs.rmSync(path.join(CACHE, name), { force: true });
  }
}

const source = fs.readFileSync(BUNDLE, 'latin1');
const cachedData = readOrUndefined(CODE_CACHE);
const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData });
const bundleModule = { exports: {} };
script.runInThisContext().call(bundleModule.exports, bundleModule.exports, Module.createRequire(BUNDLE), bundleModule, BUNDLE, CACHE);
// Made after the run, the cache also holds the functions compiled while synthesizing.
if (cachedData === undefined || script.cachedDataRejected) {
  try {
    writeAtomically(CODE_CACHE, script.createCachedData());
  } catch {
    // A read-only node_modules only costs speed.
  }
}
