import { PolicyRule } from '../policy-rule';

/** OMKV-KV1: the vault authorizes with Azure RBAC only. */
export const KV1_RBAC_AUTHORIZATION: PolicyRule = {
  id: 'OMKV-KV1',
  level: 'error',
  cause: 'The Key Vault does not use Azure RBAC authorization, or carries access policies.',
  explanation:
    'The stack grants least-privilege roles at vault scope; with access policies those role assignments are ignored and any policy can grant all secret permissions to anyone it names.',
  fix: 'Keep rbac_authorization_enabled = true and remove every access policy (azurerm_key_vault_access_policy or access_policy blocks).',
  references: [
    'checkov KeyVaultEnablesRBAC "Ensure RBAC for Azure Key Vault is enabled" (ID not confirmed)',
    'MCSB PA-7',
    'AVM key vault: legacy_access_policies_enabled = false',
  ],
  settings: [],
  appliesTo: ['azurerm_key_vault', 'azurerm_key_vault_access_policy'],
  check(target) {
    if (target.kind !== 'resource') return 'not-applicable';
    if (target.type === 'azurerm_key_vault_access_policy') return 'non-compliant';
    const c = target.config;
    const rbac =
      c.rbac_authorization_enabled === true || (c.rbac_authorization_enabled === undefined && c.enable_rbac_authorization === true);
    const policies = Array.isArray(c.access_policy) ? c.access_policy.length : c.access_policy ? 1 : 0;
    return rbac && policies === 0 ? 'compliant' : 'non-compliant';
  },
};
