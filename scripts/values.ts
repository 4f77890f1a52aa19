// `npm run values -- <env> [--outputs-file outputs.json] [--out-dir helm/<env>]`: see lib/values-command.ts.
import { checkConfiguredEnvironment, parseValuesArgs, VALUES_USAGE, ValuesError, writeValues } from '../lib/values-command';

try {
  const options = parseValuesArgs(process.argv.slice(2));
  if (options === undefined) {
    process.stdout.write(
      `${VALUES_USAGE}\n\nWrites the Helm values and workflowConfig files of a deployed environment from the JSON that\n` +
        '`npx cdktf output <environment> --outputs-file outputs.json --outputs-file-include-sensitive-outputs` wrote,\n' +
        'and prints the commands to run next. The environment must be one in environments.yaml (or OM_AZURE_CONFIG).\n',
    );
  } else {
    checkConfiguredEnvironment(options.environment);
    const result = writeValues(options);
    process.stdout.write(`Wrote:\n${result.files.map((f) => `  ${f}`).join('\n')}\n\nNext:\n${result.instructions.join('\n')}\n`);
  }
} catch (e) {
  if (!(e instanceof ValuesError)) throw e;
  process.stderr.write(`values: ${e.message}\n`);
  process.exit(1);
}
