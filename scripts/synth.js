#!/usr/bin/env node
'use strict';
/*
 * `npm run synth`: what `npx cdktf synth` does for this app, without starting the cdktf CLI (its
 * start and an online telemetry check cost seconds): the app writes cdktf.out (or CDKTF_OUTDIR) with
 * the same validation, messages and exit codes, and removes the folders of stacks the previous synth
 * wrote that are gone now (lib/cli/output-folder.ts).
 */
require('./cdktf-app.js');
