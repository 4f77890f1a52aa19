// Regenerates environments.schema.json from the zod schema: `npm run schema`.
import { configJsonSchema, JSON_SCHEMA_FILE } from '../lib/config/config-json-schema';
import { writeGenerated } from './write-generated';

writeGenerated('schema', () => ({ [JSON_SCHEMA_FILE]: configJsonSchema() }));
