import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { loadConfigFile } from '../../lib/config/load-config';
import { OpenMetadataKeyVaultStack } from '../../lib/stack/openmetadata-keyvault-stack';
import { exposedSecretOutputs, secretLookingStrings, withoutMetadata } from '../helpers';

const ROOT = path.join(__dirname, '..', '..');
const config = loadConfigFile(path.join(ROOT, 'environments.yaml'));
const synthesized = Object.entries(config.environments).map(([name, environment]) => {
  const stack = new OpenMetadataKeyVaultStack(Testing.app(), name, { environment });
  const text = Testing.synth(stack);
  return { name, text, json: JSON.parse(text) };
});

test('the example file points editors at the committed JSON Schema', () => {
  const first = fs.readFileSync(path.join(ROOT, 'environments.yaml'), 'utf8').split('\n')[0];
  expect(first).toBe('# yaml-language-server: $schema=./environments.schema.json');
  expect(fs.existsSync(path.join(ROOT, 'environments.schema.json'))).toBe(true);
});

test('the example shows both auth modes', () => {
  const modes = synthesized.map(({ json }) =>
    Object.keys(json.resource).filter((t) => /user_assigned_identity|azuread_application$/.test(t)),
  );
  expect(modes.flat().sort()).toEqual(['azuread_application', 'azurerm_user_assigned_identity']);
});

describe.each(synthesized)('example environment $name', ({ name, text, json }) => {
  test('has no absolute path or machine-specific value', () => {
    expect(text).not.toContain(ROOT);
    expect(text).not.toMatch(/"\/(root|home|tmp|work|Users)\//);
    expect(text).not.toMatch(/[A-Z]:\\\\/);
  });

  test('has no secret material, and every secret output is sensitive', () => {
    expect(secretLookingStrings(json)).toEqual([]);
    expect(exposedSecretOutputs(json)).toEqual([]);
  });

  test('resources', () => {
    expect(withoutMetadata(json.resource)).toMatchSnapshot();
  });

  test('outputs', () => {
    expect(json.output).toMatchSnapshot();
  });

  test('local values (the data of the YAML outputs)', () => {
    expect(json.locals).toMatchSnapshot();
  });

  test('providers, backend and versions', () => {
    expect({ provider: json.provider, terraform: json.terraform }).toMatchSnapshot();
    expect(json.terraform.backend.local.path).toBe(`../../../terraform.${name}.tfstate`);
  });
});
