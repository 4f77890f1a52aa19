import { readFileSync } from 'fs';
import { join } from 'path';
import { findingSettings } from '../../lib/policy/finding-settings';
import { RULE_PACK } from '../../lib/policy/rule-pack';

/** Where a finding points in the configuration file: the settings each rule names. */

const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'environments.schema.json'), 'utf8'));
const environment = schema.properties.environments.additionalProperties;

/** The schema node of a dotted setting under an environment, through nested objects. */
function nodeAt(path: readonly string[]): unknown {
  let node = environment;
  for (const key of path) {
    const object = [node, ...(node.anyOf ?? []), ...(node.oneOf ?? [])].find((n: any) => n.properties?.[key]);
    if (!object) return undefined;
    node = object.properties[key];
  }
  return node;
}

test.each(RULE_PACK.map((r) => [r.id, r] as const))('%s names settings the configuration has', (_id, rule) => {
  for (const setting of rule.settings) {
    for (const role of ['server', 'ingestion'])
      expect([setting, nodeAt(setting.replace('<role>', role).split('.'))]).toEqual([setting, expect.anything()]);
  }
});

test('a role in a setting is read from the finding: the principal construct, or the role assignment named after it', () => {
  const rule = RULE_PACK.find((r) => r.id === 'OMKV-ID2')!;
  expect(findingSettings(rule, 'dev/Ingestion/FederatedCredential-airflow-airflow-worker')).toEqual([
    ['principals', 'ingestion', 'serviceAccount'],
    ['principals', 'ingestion', 'namespace'],
  ]);
  const cs1 = RULE_PACK.find((r) => r.id === 'OMKV-CS1')!;
  expect(findingSettings(cs1, 'dev/Server/ClientSecretA')).toEqual([['principals', 'server', 'secretRotationDays']]);
  expect(findingSettings(RULE_PACK.find((r) => r.id === 'OMKV-RA4')!, 'dev/KeyVault/ServerSecretsOfficer')).toEqual([
    ['principals', 'ingestion', 'sameAs'],
  ]);
});

test('a role setting the path does not show is left out, and rules only code breaks point nowhere', () => {
  const cs1 = RULE_PACK.find((r) => r.id === 'OMKV-CS1')!;
  expect(findingSettings(cs1, 'output.cli_env')).toEqual([]);
  expect(findingSettings(RULE_PACK.find((r) => r.id === 'OMKV-RA2')!, 'dev/KeyVault/ServerSecretsOfficer')).toEqual([]);
});
