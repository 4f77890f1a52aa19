import { z } from 'zod';
import { configSchema } from './config-schema';

/** File name of the committed JSON Schema, next to the configuration it describes. */
export const JSON_SCHEMA_FILE = 'environments.schema.json';

/**
 * JSON Schema of the configuration file, generated from the zod schema so the two cannot drift.
 * Editors use it (yaml-language-server) to complete keys and flag wrong types while typing; rules
 * that need code (cross-field checks) are enforced only at load time.
 */
export function configJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
