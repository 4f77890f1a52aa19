// `npm run values -- <env> [--outputs-file outputs.json] [--out-dir helm/<env>]`: see lib/values-command.ts.
import { parseValuesArgs, ValuesError, writeValues } from '../lib/values-command';

try {
  const result = writeValues(parseValuesArgs(process.argv.slice(2)));
  process.stdout.write(`Wrote:\n${result.files.map((f) => `  ${f}`).join('\n')}\n\nNext:\n${result.instructions.join('\n')}\n`);
} catch (e) {
  if (!(e instanceof ValuesError)) throw e;
  process.stderr.write(`values: ${e.message}\n`);
  process.exit(1);
}
