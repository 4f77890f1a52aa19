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
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  const properties = schema.properties as JsonObject;
  const environments = properties.environments as JsonObject;
  // Any setting may come from `defaults`, so neither an environment nor `defaults` can require one
  // in the editor: the same keys and types, nothing required. Loading still checks every rule.
  environments.additionalProperties = withoutRequired(environments.additionalProperties);
  properties.defaults = {
    ...(environments.additionalProperties as JsonObject),
    description: (properties.defaults as JsonObject).description,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

type JsonObject = Record<string, unknown>;

function withoutRequired(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRequired);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k]) => k !== 'required')
      .map(([k, v]) => [k, withoutRequired(v)]),
  );
}
