#!/usr/bin/env node
'use strict';
/*
 * The cdktf app (cdktf.json "app"). Runs main.ts the fast way: bundled by esbuild into one file,
 * rebuilt only when a source file changed, and compiled from V8's code cache. Plain JavaScript, so
 * nothing is transpiled before it starts. OM_SYNTH_FROM_SOURCES=1 runs the TypeScript sources
 * directly instead (slower, exact stack traces).
 */
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

const ROOT = path.join(__dirname, '..');
const ENTRY = path.join(ROOT, 'main.ts');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'openmetadata-azure-keyvault');
const BUNDLE = path.join(CACHE, 'app.js');
const STAMP = path.join(CACHE, 'app.stamp');
const CODE_CACHE = path.join(CACHE, 'app.v8cache');

if (process.env.OM_SYNTH_FROM_SOURCES === '1') {
  runFromSources();
  return;
}

/** The files the bundle is made of, with size and modification time: any change rebuilds. */
function stamp() {
  const parts = [process.version, process.arch];
  const visit = (file) => {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(file).sort()) visit(path.join(file, name));
    } else if (/\.(ts|js|json)$/.test(file)) {
      parts.push(`${path.relative(ROOT, file)}:${stat.size}:${stat.mtimeMs}`);
    }
  };
  // node_modules/.package-lock.json changes on every npm install, so new dependencies rebuild too.
  for (const input of ['main.ts', 'lib', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json']) {
    if (fs.existsSync(path.join(ROOT, input))) visit(path.join(ROOT, input));
  }
  return crypto.createHash('sha256').update(parts.join('\n')).digest('hex');
}

/** Writes through a temporary file, so a concurrent synth never reads half a file. */
function writeAtomically(file, data) {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, data);
  fs.renameSync(temp, file);
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
  require('sucrase/register');
  require(ENTRY);
}

const current = stamp();
if (readOrUndefined(STAMP)?.toString() !== current) {
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
  });
  writeAtomically(BUNDLE, built.outputFiles[0].contents);
  fs.rmSync(CODE_CACHE, { force: true });
  writeAtomically(STAMP, current);
}

const source = fs.readFileSync(BUNDLE, 'utf8');
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
