'use strict';
/*
 * Jest gives every test file its own module registry, so each file that synthesizes loads cdktf
 * again: 379 modules (lodash, archiver, semver, ...), about 300 ms per file on 2 cores (zod 110 ms,
 * yaml 30 ms). Loaded as one esbuild bundle each they cost about half, and the app runs them
 * bundled by esbuild too (scripts/cdktf-app.js), so the tests run the code users run. The bundles
 * are built once by jest's globalSetup and named after the exact installed package (its lock file
 * integrity), so an upgrade builds new ones. `constructs` stays external: the provider bindings must share its classes.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { writeAtomically } = require('./bundle-cache');

const ROOT = path.join(__dirname, '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'openmetadata-azure-keyvault');

/**
 * Packages loaded as one bundle each in the tests. Every `require` of one of them (from tests, lib
 * and the provider bindings) gets its bundle, so each still has one set of classes per test file.
 */
const BUNDLED = ['cdktf', 'zod', 'yaml'];

/** The bundle file of each package, named after its installed tarball and the bundler. */
function bundleFiles(root = ROOT) {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', '.package-lock.json'), 'utf8'));
  const esbuild = require('esbuild/package.json').version;
  return Object.fromEntries(
    BUNDLED.map((name) => {
      const entry = lock.packages[`node_modules/${name}`];
      const key = crypto.createHash('sha256').update(`${entry.version}\n${entry.integrity}\n${esbuild}`).digest('hex').slice(0, 16);
      return [name, path.join(root, 'node_modules', '.cache', 'openmetadata-azure-keyvault', `test-${name}-${key}.js`)];
    }),
  );
}

/** jest moduleNameMapper entries: `require('cdktf')` anywhere (tests, lib, provider bindings) gets the bundle. */
function moduleNameMapper(root = ROOT) {
  return Object.fromEntries(Object.entries(bundleFiles(root)).map(([name, file]) => [`^${name}$`, file]));
}

/** jest globalSetup: builds the bundles that are not there yet, at once (a rename makes each appear whole). */
async function buildMissing() {
  const esbuild = require('esbuild');
  const missing = Object.entries(bundleFiles()).filter(([, file]) => !fs.existsSync(file));
  if (missing.length === 0) return;
  fs.mkdirSync(CACHE, { recursive: true });
  await Promise.all(
    missing.map(async ([name, file]) => {
      // Bundles of the versions installed before are dead weight now.
      for (const old of fs.readdirSync(CACHE)) {
        if (old.startsWith(`test-${name}-`) && old.endsWith('.js')) fs.rmSync(path.join(CACHE, old), { force: true });
      }
      const built = await esbuild.build({
        stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: ROOT, loader: 'js' },
        bundle: true,
        platform: 'node',
        target: 'node20',
        external: ['constructs'],
        write: false,
        logLevel: 'error',
        legalComments: 'none',
      });
      writeAtomically(file, built.outputFiles[0].contents);
    }),
  );
}

module.exports = buildMissing;
module.exports.moduleNameMapper = moduleNameMapper;
module.exports.BUNDLED = BUNDLED;
