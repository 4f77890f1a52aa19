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

// One bundle per content key: a changed source gets a new file, and two synths at once either
// find a complete bundle or each build and rename their own (a rename replaces a file whole).
function main() {
  if (process.env.OM_SYNTH_FROM_SOURCES === '1') return runFromSources();
  const key = contentKey(ROOT);
  const bundle = path.join(CACHE, `app-${key}.js`);
  if (!fs.existsSync(bundle)) {
    try {
      fs.mkdirSync(CACHE, { recursive: true });
      build(key, bundle);
    } catch (e) {
      // The bundle only saves time: when the disk refuses it (a read-only checkout, permissions, a
      // full disk), run from the sources. A build error is a bug and keeps its stack trace.
      if (e && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return runFromSources();
      throw e;
    }
  }
  runBundle(bundle, path.join(CACHE, `app-${key}.v8cache`));
}

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

function build(key, bundle) {
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
  // eslint-disable-next-line no-control-regex -- the range is "not ASCII"
  writeAtomically(bundle, built.outputFiles[0].text.replace(/[^\x00-\x7f]/g, '?'));
  // Bundles of earlier sources are dead weight now (best effort: another synth may be using one).
  for (const name of fs.readdirSync(CACHE)) {
    if (/^app(-[0-9a-f]+)?\.(js|v8cache|stamp)$/.test(name) && !name.startsWith(`app-${key}.`)) {
      fs.rmSync(path.join(CACHE, name), { force: true });
    }
  }
}

/** Runs the bundle as a CommonJS module, compiled from V8's code cache when there is one. */
function runBundle(bundle, codeCache) {
  const source = fs.readFileSync(bundle, 'latin1');
  const cachedData = readOrUndefined(codeCache);
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const bundleModule = { exports: {} };
  script.runInThisContext().call(bundleModule.exports, bundleModule.exports, Module.createRequire(bundle), bundleModule, bundle, CACHE);
  // Made after the run, the cache also holds the functions compiled while synthesizing.
  if (cachedData === undefined || script.cachedDataRejected) {
    try {
      writeAtomically(codeCache, script.createCachedData());
    } catch {
      // A read-only node_modules only costs speed.
    }
  }
}

main();
