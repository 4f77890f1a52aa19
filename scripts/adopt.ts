// `npm run adopt -- <env> [--from <folder>]`: see lib/cli/adopt-command.ts.
import { runAdopt } from '../lib/cli/adopt-command';

process.exitCode = runAdopt(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
