// `npm run values -- <env> [--outputs-file outputs.json] [--out-dir helm/<env>]`: see lib/cli/values-command.ts.
import { runValues } from '../lib/cli/values-command';

process.exitCode = runValues(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
