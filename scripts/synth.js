#!/usr/bin/env node
'use strict';
/*
 * `npm run synth`: what `npx cdktf synth` does for this app, without starting the cdktf CLI (its
 * start and an online telemetry check cost seconds): the app writes cdktf.out (or CDKTF_OUTDIR) with
 * the same validation, messages and exit codes, then stack folders of environments that are gone
 * are removed, as the CLI removes them.
 */
const fs = require('fs');
const path = require('path');

const outdir = process.env.CDKTF_OUTDIR || 'cdktf.out';
process.env.CDKTF_OUTDIR = outdir;
require('./cdktf-app.js');

if (!process.exitCode) {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const current = new Set(Object.keys(manifest.stacks));
  const stacksDir = path.join(outdir, 'stacks');
  for (const name of fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir) : []) {
    if (!current.has(name)) fs.rmSync(path.join(stacksDir, name), { recursive: true, force: true });
  }
}
