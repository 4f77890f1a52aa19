// `npm run check`: validate the configuration and run the policy checks, write nothing. See lib/cli/synth-command.ts.
import { runCheck } from '../lib/cli/synth-command';

process.exitCode = runCheck(process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
