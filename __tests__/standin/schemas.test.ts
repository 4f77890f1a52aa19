import * as fs from 'fs';
import * as path from 'path';
import { PROVIDERS } from '../../lib/facts/provider-versions';
import { BindingSource, readBindingModule } from '../../standin/schema/binding-schema';
import { importedModules, providerSchema } from '../../standin/schema/provider-schemas';

/**
 * The schemas the stand-ins serve. The generator reads them back from the bindings; each
 * expectation below was checked by hand against the provider source at the binding's tag (named
 * per test). Then the declared versions' facts (lib/facts/provider-schemas/) are laid over them.
 */

const ROOT = path.join(__dirname, '..', '..');
const pkg = (p: string) => path.join(ROOT, 'node_modules', '@cdktf', `provider-${p}`);

describe('schemas read from the bindings', () => {
  // azurerm v4.55.0 internal/services/keyvault/key_vault_resource.go: access_policy TypeList with
  // ConfigModeAttr, Optional+Computed (lines 92-97); network_acls TypeList MaxItems 1 (143-147);
  // contact TypeSet (239-241); vault_uri Computed (209).
  test('azurerm_key_vault: attribute-mode lists, a one-item block, a set block, computed strings', () => {
    const { tfType, kind, schema } = readBindingModule(pkg('azurerm'), 'key-vault');
    expect([tfType, kind]).toEqual(['azurerm_key_vault', 'resource']);
    expect(schema.block.attributes.access_policy).toEqual({
      type: [
        'list',
        [
          'object',
          {
            application_id: 'string',
            certificate_permissions: ['list', 'string'],
            key_permissions: ['list', 'string'],
            object_id: 'string',
            secret_permissions: ['list', 'string'],
            storage_permissions: ['list', 'string'],
            tenant_id: 'string',
          },
        ],
      ],
      optional: true,
      computed: true,
    });
    expect(schema.block.blocks.network_acls.nesting).toBe('list');
    expect(schema.block.blocks.network_acls.maxItems).toBe(1);
    expect(schema.block.blocks.network_acls.block.attributes.bypass).toEqual({ type: 'string', required: true });
    expect(schema.block.blocks.network_acls.block.attributes.ip_rules).toEqual({ type: ['set', 'string'], optional: true });
    expect(schema.block.blocks.contact.nesting).toBe('set');
    expect(schema.block.blocks.timeouts.nesting).toBe('single');
    expect(schema.block.attributes.vault_uri).toEqual({ type: 'string', computed: true });
    expect(schema.block.attributes.sku_name).toEqual({ type: 'string', required: true });
    expect(schema.block.attributes.tags).toEqual({ type: ['map', 'string'], optional: true });
  });

  // kubernetes v2.38.0 kubernetes/schema_metadata.go namespacedMetadataSchemaIsTemplate: TypeList,
  // Required, MaxItems 1 (lines 110-114); uid, resource_version, generation Computed (metadataFields).
  test('kubernetes_service_account_v1: a required one-item metadata block with computed fields', () => {
    const { schema } = readBindingModule(pkg('kubernetes'), 'service-account-v1');
    const metadata = schema.block.blocks.metadata;
    expect([metadata.nesting, metadata.minItems, metadata.maxItems]).toEqual(['list', 1, 1]);
    expect(metadata.block.attributes.uid).toEqual({ type: 'string', computed: true });
    expect(metadata.block.attributes.generation).toEqual({ type: 'number', computed: true });
    expect(metadata.block.attributes.annotations).toEqual({ type: ['map', 'string'], optional: true });
  });

  // azurerm v4.55.0 internal/services/containers/kubernetes_cluster_data_source.go: kube_config is
  // a computed TypeList of objects (host, client_certificate, ... as strings).
  test('data azurerm_kubernetes_cluster: computed lists of objects are attributes', () => {
    const { kind, schema } = readBindingModule(pkg('azurerm'), 'data-azurerm-kubernetes-cluster');
    expect(kind).toBe('data');
    const kubeConfig = schema.block.attributes.kube_config;
    expect(kubeConfig.computed).toBe(true);
    expect(kubeConfig.type[0]).toBe('list');
    expect((kubeConfig.type[1] as readonly [string, Record<string, unknown>])[1]).toMatchObject({
      host: 'string',
      cluster_ca_certificate: 'string',
    });
    expect(schema.block.attributes.name).toEqual({ type: 'string', required: true });
  });

  // time v0.13.1 internal/provider/resource_time_rotating.go Schema: rotation_days Int64 Optional
  // (line 87), triggers Map of String Optional (151), rfc3339 String Optional+Computed (169).
  test('time_rotating: numbers, a string map, optional computed strings', () => {
    const { schema } = readBindingModule(pkg('time'), 'rotating');
    expect(schema.block.attributes.rotation_days).toEqual({ type: 'number', optional: true });
    expect(schema.block.attributes.triggers).toEqual({ type: ['map', 'string'], optional: true });
    expect(schema.block.attributes.rfc3339).toEqual({ type: 'string', optional: true, computed: true });
    expect(schema.block.attributes.unix).toEqual({ type: 'number', computed: true });
  });

  test('the azurerm provider block: features with its key_vault block', () => {
    const { kind, schema } = readBindingModule(pkg('azurerm'), 'provider');
    expect(kind).toBe('provider');
    const keyVault = schema.block.blocks.features.block.blocks.key_vault.block.attributes;
    expect(keyVault.purge_soft_delete_on_destroy).toEqual({ type: 'bool', optional: true });
    expect(schema.block.attributes.subscription_id).toEqual({ type: 'string', optional: true });
  });

  test('fails naming the module when a getter is of a kind it does not know', () => {
    const source = [
      'export class Thing extends cdktf.TerraformResource {',
      '  public static readonly tfResourceType = "x_thing";',
      '  // odd - computed: true, optional: false, required: false',
      '  public get odd() {',
      "    return this.getWeirdAttribute('odd');",
      '  }',
      '}',
    ].join('\n');
    expect(() => new BindingSource('provider-x/lib/thing', source).typeSchema()).toThrow(
      "provider-x/lib/thing: cannot tell the type of odd from its getter: return this.getWeirdAttribute('odd');",
    );
  });
});

describe('the declared versions laid over the bindings', () => {
  const modules = importedModules([path.join(ROOT, 'lib')]);
  const azurerm = providerSchema('azurerm', modules.azurerm);

  test('serves exactly the types the code can write, at the declared version', () => {
    expect(azurerm.version).toBe(PROVIDERS.azurerm.version);
    expect(Object.keys(azurerm.resources).sort()).toEqual([
      'azurerm_federated_identity_credential',
      'azurerm_key_vault',
      'azurerm_management_lock',
      'azurerm_monitor_diagnostic_setting',
      'azurerm_private_endpoint',
      'azurerm_resource_group',
      'azurerm_role_assignment',
      'azurerm_user_assigned_identity',
    ]);
    expect(Object.keys(azurerm.dataSources).sort()).toEqual(['azurerm_key_vault', 'azurerm_kubernetes_cluster', 'azurerm_virtual_network']);
  });

  test('azurerm_federated_identity_credential: user_assigned_identity_id added, parent_id deprecated (4.81.0)', () => {
    const fic = azurerm.resources.azurerm_federated_identity_credential.block.attributes;
    expect(fic.user_assigned_identity_id).toMatchObject({ type: 'string', optional: true, computed: true, forceNew: true });
    expect(fic.parent_id).toMatchObject({ deprecated: true, forceNew: true });
    expect(fic.parent_id.deprecationMessage).toContain('renamed to `user_assigned_identity_id`');
    expect(fic.resource_group_name).toMatchObject({ deprecated: true, optional: true, computed: true });
  });

  test('an argument new since the binding is served (isolation_scope on user-assigned identities, 4.81.0)', () => {
    expect(azurerm.resources.azurerm_user_assigned_identity.block.attributes.isolation_scope).toMatchObject({
      type: 'string',
      optional: true,
    });
  });

  test('force-new arguments come from the facts (every management lock argument, 4.81.0)', () => {
    const lock = azurerm.resources.azurerm_management_lock.block.attributes;
    expect([lock.name, lock.scope, lock.lock_level, lock.notes].map((a) => a.forceNew)).toEqual([true, true, true, true]);
  });

  test('defaults and allowed values come from the facts (key vault, 4.81.0)', () => {
    const kv = azurerm.resources.azurerm_key_vault.block.attributes;
    expect(kv.soft_delete_retention_days).toMatchObject({ default: 90, range: [7, 90] });
    expect(kv.sku_name.allowedValues).toEqual(['standard', 'premium']);
  });

  test('sensitive attributes come from the facts (application password value, azuread 3.9.0)', () => {
    const azuread = providerSchema('azuread', modules.azuread);
    expect(azuread.resources.azuread_application_password.block.attributes.value.sensitive).toBe(true);
  });

  test('is cached by binding package version', () => {
    const cached = fs.readdirSync(path.join(ROOT, 'node_modules', '.cache', 'standin'));
    const version = JSON.parse(fs.readFileSync(path.join(pkg('azurerm'), 'package.json'), 'utf8')).version as string;
    expect(cached.some((f) => f.startsWith(`azurerm-${version}-`) && f.endsWith('.json'))).toBe(true);
  });

  test('reads the modules the code imports by deep path', () => {
    expect(modules.time).toEqual(['provider', 'rotating']);
    expect(modules.azuread).toEqual(['application', 'application-password', 'data-azuread-client-config', 'provider', 'service-principal']);
  });
});
