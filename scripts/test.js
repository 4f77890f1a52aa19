#!/usr/bin/env node
'use strict';
/*
 * `npm test`: the static checks at once (types with TypeScript 7, lint with ESLint, formatting with
 * Biome; each prints only when it fails), then every jest test. Arguments go to jest
 * (`npm test -- -t vault`). Run one check alone with npm run typecheck | lint | format:check.
 */
const { spawn, spawnSync } = require('child_process');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const bin = (rel) => path.join(ROOT, 'node_modules', rel);
const CHECKS = [
  ['types (tsc --noEmit)', [bin('typescript7/bin/tsc'), '--noEmit']],
  // The cache (keyed by content) makes a second run lint only what changed.
  [
    'lint (eslint)',
    [
      bin('eslint/bin/eslint.js'),
      '--max-warnings',
      '0',
      '--cache',
      '--cache-location',
      bin('.cache/eslint/'),
      '--cache-strategy',
      'content',
      '.',
    ],
  ],
  ['format (biome format)', [bin('@biomejs/biome/bin/biome'), 'format', '.']],
];

function run([name, args]) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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
  const jest = spawnSync(process.execPath, [bin('jest/bin/jest.js'), ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
  process.exitCode = jest.status ?? 1;
});
