import * as fs from 'fs';
import * as path from 'path';
import { configJsonSchema, JSON_SCHEMA_FILE } from '../../lib/config/config-json-schema';

const committed = fs.readFileSync(path.join(__dirname, '..', '..', JSON_SCHEMA_FILE), 'utf8');

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
  // Settings may come from defaults, so the editor cannot require them per environment.
  expect(env.required).toBeUndefined();
  expect(JSON.parse(committed).required).toEqual(['environments']);
});

describe('what editors check with the JSON Schema', () => {
  // Draft 2020-12, as zod writes it.
  const Ajv2020 = require('ajv/dist/2020').default;
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(committed));
  const { parse } = require('yaml') as typeof import('yaml');

  test('the example configuration passes', () => {
    const example = parse(fs.readFileSync(path.join(__dirname, '..', '..', 'environments.yaml'), 'utf8'));
    expect(validate(example) ? [] : validate.errors).toEqual([]);
  });

  test('a misspelt key and a wrong enum are flagged while typing', () => {
    const bad = {
      environments: { dev: { tenantId: 'x', keyVault: { skuu: 'standard' }, principals: { server: { auth: 'pod-identity' } } } },
    };
    expect(validate(bad)).toBe(false);
    const messages = (validate.errors ?? []).map((e: { instancePath: string; message: string }) => `${e.instancePath} ${e.message}`);
    expect(messages).toContain('/environments/dev/keyVault must NOT have additional properties');
    expect(messages).toContain('/environments/dev/principals/server/auth must be equal to one of the allowed values');
    expect(messages).toContain(
      '/environments/dev/tenantId must match pattern "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"',
    );
  });
});
