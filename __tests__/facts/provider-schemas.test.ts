import { readdirSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdktf';
import { loadConfigFile } from '../../lib/config/load-config';
import { PROVIDERS } from '../../lib/facts/provider-versions';
import { OpenMetadataKeyVaultStack } from '../../lib/stack/openmetadata-keyvault-stack';
import { loadSchemas, schemaProblems } from '../provider-schema-check';

/**
 * Every synthesized stack (environments.yaml and each example) against the schemas of the provider
 * versions it declares, as read at their tags (lib/facts/provider-schemas/, each type with its
 * file): no argument the version lacks or has deprecated, none it requires left out.
 */

const ROOT = join(__dirname, '..', '..');
const CONFIGS = [
  'environments.yaml',
  ...readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `examples/${f}`),
];
const DECLARED = Object.fromEntries(Object.entries(PROVIDERS).map(([name, p]) => [name, p.version]));
const schemas = loadSchemas();

const stacks = CONFIGS.flatMap((file) =>
  Object.entries(loadConfigFile(join(ROOT, file)).environments).map(([name, environment]) => {
    const stack = new OpenMetadataKeyVaultStack(Testing.app(), name, { environment });
    return [`${file} ${name}`, JSON.parse(Testing.synth(stack))] as const;
  }),
);

test('the facts are of the declared versions, one file of facts per provider version', () => {
  const versions = new Set([...schemas.values()].map((s) => `${s.provider} ${s.version} ${s.tag}`));
  for (const [name, release] of Object.entries(PROVIDERS)) expect(versions).toContain(`${name} ${release.version} v${release.version}`);
});

test.each(stacks)('%s fits the declared provider versions', (_name, json) => {
  expect(schemaProblems(json, schemas, DECLARED)).toEqual([]);
});

describe('the check has teeth', () => {
  const [, json] = stacks[0];
  const planted = (edit: (j: any) => void) => {
    const copy = JSON.parse(JSON.stringify(json));
    edit(copy);
    return schemaProblems(copy, schemas, DECLARED);
  };
  const vault = (j: any) => Object.values<any>(j.resource.azurerm_key_vault)[0];

  test('fails on an argument the declared version lacks', () => {
    expect(planted((j) => (vault(j).enable_soft_delete = true))).toEqual([
      expect.stringMatching(
        /^azurerm_key_vault\.KeyVault_[0-9A-F]{8}: enable_soft_delete is no argument of azurerm 4\.81\.0 \(internal\/services\/keyvault\/key_vault_resource\.go at v4\.81\.0\)$/,
      ),
    ]);
  });

  test('fails on a deprecated argument (the 4.55 binding still writes parent_id)', () => {
    const problems = planted((j) => {
      const credential = Object.values<any>(j.resource.azurerm_federated_identity_credential)[0];
      credential.parent_id = credential.user_assigned_identity_id;
      delete credential.user_assigned_identity_id;
    });
    expect(problems).toEqual([expect.stringContaining('parent_id is deprecated in azurerm 4.81.0')]);
  });

  test('fails on a required argument left out', () => {
    expect(planted((j) => delete vault(j).sku_name)).toEqual([expect.stringContaining('sku_name is required by azurerm 4.81.0')]);
  });

  test('fails on an argument of a nested block the version lacks', () => {
    expect(planted((j) => (vault(j).network_acls.ip_rule_set = []))).toEqual([
      expect.stringMatching(/\.network_acls\[0\]: ip_rule_set is no argument of azurerm 4\.81\.0/),
    ]);
  });

  test('fails on a reference to an attribute the declared version lacks', () => {
    const problems = planted((j) => {
      const [name] = Object.keys(j.resource.azurerm_user_assigned_identity);
      j.output.planted = { value: `\${azurerm_user_assigned_identity.${name}.tenant_uuid}` };
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^output\.planted: reads azurerm_user_assigned_identity\.\w+\.tenant_uuid, which is no attribute of azurerm 4\.81\.0 \(internal\/services\/managedidentity\/user_assigned_identity_resource\.go at v4\.81\.0\)$/,
      ),
    ]);
  });

  test('fails on an element attribute the declared version lacks, and on self', () => {
    const withCluster = stacks.find(([, j]) => j.data?.azurerm_kubernetes_cluster)?.[1];
    const copy = JSON.parse(JSON.stringify(withCluster));
    const problems = ((j: any) => {
      const [name, cluster] = Object.entries<any>(j.data.azurerm_kubernetes_cluster)[0];
      cluster.lifecycle.postcondition.push({ condition: '${self.oidc_issuer_profile != ""}', error_message: 'planted' });
      j.output.planted = { value: `\${data.azurerm_kubernetes_cluster.${name}.kube_config[0].token}` };
      return schemaProblems(j, schemas, DECLARED);
    })(copy);
    expect(problems).toEqual([
      expect.stringMatching(/: reads self\.oidc_issuer_profile, which is no attribute of azurerm 4\.81\.0/),
      expect.stringMatching(
        /^output\.planted: reads data\.azurerm_kubernetes_cluster\.\w+\.kube_config\[\*\]\.token, which is no attribute/,
      ),
    ]);
  });

  test('fails on a reference the stacks make when the version lacks the attribute', () => {
    const key = 'resource.azuread_application';
    const application = schemas.get(key)!;
    const without = new Map(schemas).set(key, { ...application, attributes: {} });
    const problems = stacks.flatMap(([, j]) => schemaProblems(j, without, DECLARED));
    expect(problems.length).toBeGreaterThan(0);
    expect(new Set(problems.map((p) => p.replace(/_[0-9A-F]{8}\b/g, '')))).toContain(
      'output.ingestion_client_id: reads azuread_application.Ingestion_Application.client_id, which is no attribute of azuread 3.9.0 (internal/services/applications/application_resource.go at v3.9.0)',
    );
  });

  test('fails on a type with no facts', () => {
    expect(planted((j) => (j.resource.azurerm_storage_account = { S: { name: 's' } }))).toEqual([
      'azurerm_storage_account.S: no schema facts for resource.azurerm_storage_account in lib/facts/provider-schemas/',
    ]);
  });
});
