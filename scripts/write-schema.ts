// Regenerates environments.schema.json from the zod schema: `npm run schema`.
import * as fs from 'fs';
import { configJsonSchema, JSON_SCHEMA_FILE } from '../lib/config/config-json-schema';
import { reportOrRethrow } from '../lib/facts/errors';

try {
  fs.writeFileSync(JSON_SCHEMA_FILE, configJsonSchema());
  process.stdout.write(`wrote ${JSON_SCHEMA_FILE}\n`);
} catch (e) {
  // As every entry point reports it (lib/facts/errors.ts); a bug keeps its stack trace.
  process.exitCode = reportOrRethrow(
    e,
    {
      inputPrefix: 'npm run schema: ',
      faultPath: JSON_SCHEMA_FILE,
      fault: (fault) => `npm run schema: cannot write ${fault}`,
    },
    (text) => process.stderr.write(text),
  );
}
