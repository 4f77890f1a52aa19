// Regenerates environments.schema.json from the zod schema: `npm run schema`.
import * as fs from 'fs';
import { configJsonSchema, JSON_SCHEMA_FILE } from '../lib/config/config-json-schema';

fs.writeFileSync(JSON_SCHEMA_FILE, configJsonSchema());
process.stdout.write(`wrote ${JSON_SCHEMA_FILE}\n`);
