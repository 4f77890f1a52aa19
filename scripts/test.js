#!/usr/bin/env node
'use strict';
/*
 * `npm test`: the static checks at once (types with TypeScript 7, lint with ESLint, unused exports,
 * files and dependencies with Knip, formatting with Biome; each prints only when it fails), then
 * every jest test. Arguments go to jest (`npm test -- -t vault`). Run one check alone with
 * npm run typecheck | lint | unused | format:check.
 */
const { spawn, spawnSync } = require('child_process');
const path = require('path');
const SCRIPTS = require('../package.json').scripts;

const ROOT = path.join(__dirname, '..');
/** The checks, as package.json defines them (npm run typecheck | lint | unused | format:check run one alone). */
const CHECKS = ['typecheck', 'lint', 'unused', 'format:check'];
// What npm puts on the PATH for a script, without the cost of starting npm three times.
const ENV = { ...process.env, PATH: `${path.join(ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}` };

function run(name) {
  return new Promise((resolve) => {
    const child = spawn(SCRIPTS[name], { cwd: ROOT, env: ENV, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ name, code, output }));
  });
}

Promise.all(CHECKS.map(run)).then((results) => {
  const failed = results.filter((r) => r.code !== 0);
  for (const r of failed) process.stderr.write(`\n${r.name} failed:\n${r.output}`);
  if (failed.length > 0) {
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${results.map((r) => r.name).join(', ')}: passed\n`);
  const jest = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  process.exitCode = jest.status ?? 1;
});
