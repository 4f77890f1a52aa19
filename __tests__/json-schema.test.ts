import * as fs from 'fs';
import * as path from 'path';
import { configJsonSchema, JSON_SCHEMA_FILE } from '../lib/config-json-schema';

const committed = fs.readFileSync(path.join(__dirname, '..', JSON_SCHEMA_FILE), 'utf8');

test('the committed JSON Schema is what the zod schema generates (run `npm run schema` when this fails)', () => {
  expect(committed).toBe(configJsonSchema());
});

test('the JSON Schema closes every mapping, so editors flag typos', () => {
  const schema = JSON.parse(committed);
  const env = schema.properties.environments.additionalProperties;
  expect(schema.additionalProperties).toBe(false);
  expect(env.additionalProperties).toBe(false);
  expect(env.properties.keyVault.additionalProperties).toBe(false);
  expect(env.properties.principals.properties.server.additionalProperties).toBe(false);
});

test('the JSON Schema offers the auth modes and secrets manager providers', () => {
  const env = JSON.parse(committed).properties.environments.additionalProperties;
  expect(env.properties.principals.properties.server.properties.auth.enum).toEqual(['workload-identity', 'client-secret']);
  expect(env.properties.openmetadata.properties.secretsManager.enum).toEqual(['managed-azure-kv', 'azure-kv']);
  expect(env.required).toEqual(['tenantId', 'subscriptionId', 'location', 'resourceGroup', 'keyVault', 'principals']);
});
