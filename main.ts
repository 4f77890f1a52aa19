import { accessDiagramsAsked, runSynth } from './lib/cli/synth-command';

// The cdktf app: cdktf.json runs this file. Everything it does is in lib/cli/synth-command.ts.
process.exitCode = runSynth(
  process.env,
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  },
  { accessDiagrams: accessDiagramsAsked(process.argv.slice(2), process.env) },
);
