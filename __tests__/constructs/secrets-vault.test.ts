import '../setup';
import { DataAzurermKeyVault } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { SecretsVault, SecretsVaultProps } from '../../lib/constructs/secrets-vault';
import { IVaultPrincipal } from '../../lib/constructs/vault-principal';
import { KEY_VAULT_ROLES } from '../../lib/facts/azure-facts';
import { onlyResource, resourcesOf, SUBSCRIPTION, synthScope, TENANT } from '../helpers';

const PROPS: SecretsVaultProps = {
  name: 'kv-om-test',
  resourceGroupName: 'rg-om',
  location: 'westeurope',
  tenantId: TENANT,
  subscriptionId: SUBSCRIPTION,
};
const EXISTING_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv-shared`;

class FakePrincipal extends Construct implements IVaultPrincipal {
  readonly clientId = 'client-id';
  readonly principalId: string;
  readonly tenantId = TENANT;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.principalId = `object-id-of-${id}`;
  }
}

describe('a new vault', () => {
  test('is secure by default: RBAC only, purge protection, explicit retention, deny-by-default firewall, prevent_destroy', () => {
    const { text } = synthScope((s) => new SecretsVault(s, 'Vault', PROPS));
    expect(text).toHaveResourceWithProperties(KeyVault, {
      name: 'kv-om-test',
      tenant_id: TENANT,
      sku_name: 'standard',
      rbac_authorization_enabled: true,
      purge_protection_enabled: true,
      soft_delete_retention_days: 90,
      public_network_access_enabled: true,
      network_acls: { default_action: 'Deny', bypass: 'AzureServices', ip_rules: [], virtual_network_subnet_ids: [] },
      lifecycle: { prevent_destroy: true },
    });
  });

  test('never uses access policies nor the deprecated RBAC flag', () => {
    const { json } = synthScope((s) => new SecretsVault(s, 'Vault', PROPS));
    const vault = onlyResource(json, 'azurerm_key_vault');
    expect(vault).not.toHaveProperty('access_policy');
    expect(vault).not.toHaveProperty('enable_rbac_authorization');
    expect(resourcesOf(json, 'azurerm_key_vault_access_policy')).toEqual({});
  });

  test('takes the network rules, SKU, retention and tags it is given', () => {
    const subnet = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/s`;
    const { text } = synthScope(
      (s) =>
        new SecretsVault(s, 'Vault', {
          ...PROPS,
          sku: 'premium',
          softDeleteRetentionDays: 7,
          purgeProtection: false,
          publicNetworkAccess: false,
          network: { defaultAction: 'Allow', bypassAzureServices: false, allowedIpRanges: ['203.0.113.0/24'], allowedSubnetIds: [subnet] },
          tags: { owner: 'data' },
        }),
    );
    expect(text).toHaveResourceWithProperties(KeyVault, {
      sku_name: 'premium',
      soft_delete_retention_days: 7,
      purge_protection_enabled: false,
      public_network_access_enabled: false,
      network_acls: { default_action: 'Allow', bypass: 'None', ip_rules: ['203.0.113.0/24'], virtual_network_subnet_ids: [subnet] },
      tags: { owner: 'data' },
    });
  });

  test('knows its name and URI at synth', () => {
    synthScope((s) => {
      const vault = new SecretsVault(s, 'Vault', PROPS);
      expect(vault.vaultName).toBe('kv-om-test');
      expect(vault.vaultUri).toBe('https://kv-om-test.vault.azure.net/');
    });
  });

  test('fails when the name breaks the Key Vault rules', () => {
    expect(() => synthScope((s) => new SecretsVault(s, 'Vault', { ...PROPS, name: 'kv--bad' }))).toThrow(
      'name: received "kv--bad"; expected a Key Vault name without consecutive hyphens ("--")',
    );
  });

  test('fails when retention is outside 7-90 days', () => {
    expect(() => synthScope((s) => new SecretsVault(s, 'Vault', { ...PROPS, softDeleteRetentionDays: 120 }))).toThrow(
      'softDeleteRetentionDays: received 120; expected a whole number from 7 to 90',
    );
  });

  test('fails when the tenant is not a GUID', () => {
    expect(() => synthScope((s) => new SecretsVault(s, 'Vault', { ...PROPS, tenantId: 'contoso' }))).toThrow(
      'tenantId: received "contoso"; expected a GUID',
    );
  });
});

describe('grants', () => {
  test('grantSecretsManagement gives Key Vault Secrets Officer at vault scope, by role ID', () => {
    const { text } = synthScope((s) => {
      new SecretsVault(s, 'Vault', PROPS).grantSecretsManagement(new FakePrincipal(s, 'Server'));
    });
    expect(text).toHaveResourceWithProperties(RoleAssignment, { principal_id: 'object-id-of-Server', principal_type: 'ServicePrincipal' });
    const grant = onlyResource(JSON.parse(text), 'azurerm_role_assignment');
    expect(grant).toMatchObject({
      role_definition_id: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_ROLES.secretsOfficer.id}`,
      principal_id: 'object-id-of-Server',
      principal_type: 'ServicePrincipal',
    });
    expect(grant.scope).toMatch(/^\$\{azurerm_key_vault\.Vault_[0-9A-F]{8}\.id\}$/);
    expect(grant).not.toHaveProperty('role_definition_name');
  });

  test('grantSecretsRead gives Key Vault Secrets User', () => {
    const { json } = synthScope((s) => {
      new SecretsVault(s, 'Vault', PROPS).grantSecretsRead(new FakePrincipal(s, 'Ingestion'));
    });
    expect(onlyResource(json, 'azurerm_role_assignment').role_definition_id).toBe(
      `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6`,
    );
  });

  test('says which secrets role each principal holds, and none for one never granted', () => {
    synthScope((s) => {
      const vault = new SecretsVault(s, 'Vault', PROPS);
      const [server, ingestion, other] = ['Server', 'Ingestion', 'Other'].map((id) => new FakePrincipal(s, id));
      vault.grantSecretsManagement(server);
      vault.grantSecretsRead(ingestion);
      expect(vault.secretsRoleOf(server)).toBe(KEY_VAULT_ROLES.secretsOfficer);
      expect(vault.secretsRoleOf(ingestion)).toBe(KEY_VAULT_ROLES.secretsUser);
      expect(vault.secretsRoleOf(other)).toBeUndefined();
    });
  });

  test('fails when a principal is granted a second secrets role', () => {
    expect(() =>
      synthScope((s) => {
        const vault = new SecretsVault(s, 'Vault', PROPS);
        const p = new FakePrincipal(s, 'Server');
        vault.grantSecretsRead(p);
        vault.grantSecretsManagement(p);
      }),
    ).toThrow(
      'test/Server already holds Key Vault Secrets User on vault kv-om-test; expected one secrets role per principal (received a second grant of Key Vault Secrets Officer)',
    );
  });
});

describe('an existing vault', () => {
  test('creates no vault and reads the existing one, checking it uses RBAC', () => {
    const { text, json } = synthScope((s) => SecretsVault.fromVaultId(s, 'Vault', EXISTING_ID));
    expect(resourcesOf(json, 'azurerm_key_vault')).toEqual({});
    expect(text).toHaveDataSourceWithProperties(DataAzurermKeyVault, { name: 'kv-shared', resource_group_name: 'rg-shared' });
    const data = Object.values(json.data.azurerm_key_vault)[0] as any;
    expect(data.lifecycle.postcondition).toEqual([
      {
        // azurerm 4.81 key_vault_data_source.go sets rbac_authorization_enabled from a *bool: it can
        // be null, and a null condition fails the plan without this message.
        condition: '${self.rbac_authorization_enabled == true}',
        error_message: expect.stringContaining('Key Vault kv-shared uses access policies'),
      },
    ]);
  });

  test('takes its name and URI from the ID', () => {
    synthScope((s) => {
      const vault = SecretsVault.fromVaultId(s, 'Vault', EXISTING_ID);
      expect(vault.vaultName).toBe('kv-shared');
      expect(vault.vaultUri).toBe('https://kv-shared.vault.azure.net/');
      expect(vault.vaultId).toBe(EXISTING_ID);
    });
  });

  test('grants on the existing vault through the checked data source', () => {
    const { json } = synthScope((s) => {
      SecretsVault.fromVaultId(s, 'Vault', EXISTING_ID).grantSecretsRead(new FakePrincipal(s, 'Ingestion'));
    });
    const grant = onlyResource(json, 'azurerm_role_assignment');
    expect(grant.scope).toMatch(/^\$\{data\.azurerm_key_vault\.Vault_[0-9A-F]{8}\.id\}$/);
    expect(grant.role_definition_id).toContain(KEY_VAULT_ROLES.secretsUser.id);
  });

  test('fails when the ID is not a Key Vault resource ID', () => {
    expect(() => synthScope((s) => SecretsVault.fromVaultId(s, 'Vault', '/subscriptions/x/kv'))).toThrow(
      'existingId: received "/subscriptions/x/kv"; expected a Key Vault resource ID',
    );
  });
});

describe("used from code, the vault judges values by the config file's rules and names itself in errors", () => {
  test.each([
    [
      'a subnet ID',
      { network: { allowedSubnetIds: ['subnet-1'] } },
      'test/Vault: network.allowedSubnetIds[0]: received "subnet-1"; expected a subnet resource ID',
    ],
    [
      'an IP rule',
      { network: { allowedIpRanges: ['203.0.113.0/33'] } },
      'test/Vault: network.allowedIpRanges[0]: received "203.0.113.0/33"; expected an IPv4 address or CIDR range',
    ],
    [
      'a workspace ID',
      { diagnostics: { logAnalyticsWorkspaceId: 'law-1', logs: 'audit' as const } },
      'test/Vault: diagnostics.logAnalyticsWorkspaceId: received "law-1"; expected a Log Analytics workspace resource ID',
    ],
    [
      'a DNS zone ID',
      {
        privateEndpoint: {
          subnetId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/s`,
          privateDnsZoneId: 'privatelink.vaultcore.azure.net',
          location: 'westeurope',
        },
      },
      'test/Vault: privateEndpoint.privateDnsZoneId: received "privatelink.vaultcore.azure.net"; expected the resource ID of a privatelink.vaultcore.azure.net private DNS zone',
    ],
  ])('fails on %s that is not one', (_what, props, message) => {
    expect(() => synthScope((s) => new SecretsVault(s, 'Vault', { ...PROPS, ...props }))).toThrow(message);
  });

  test('a reference (a subnet of the same stack) is left to Azure', () => {
    const { json } = synthScope(
      (s) => new SecretsVault(s, 'Vault', { ...PROPS, network: { allowedSubnetIds: [Lazy.stringValue({ produce: () => 'late' })] } }),
    );
    expect(onlyResource(json, 'azurerm_key_vault').network_acls.virtual_network_subnet_ids).toEqual(['late']);
  });
});
