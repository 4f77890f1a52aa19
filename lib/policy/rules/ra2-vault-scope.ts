import { keyVaultId } from '../../facts/naming-rules';
import { PolicyRule, referencesIn } from '../policy-rule';

/** OMKV-RA2: roles are granted on the vault, not above it. */
export const RA2_VAULT_SCOPE: PolicyRule = {
  id: 'OMKV-RA2',
  level: 'error',
  cause: 'A role assignment is scoped to something other than the Key Vault (a subscription, resource group or another resource).',
  explanation:
    'A secrets role at subscription or resource-group scope reaches every vault there, including ones OpenMetadata has no business reading.',
  fix: 'Scope the assignment to the vault ID (the SecretsVault grant methods do).',
  references: ['MCSB PA-7'],
  settings: [],
  appliesTo: ['azurerm_role_assignment'],
  check(target, stack) {
    if (target.kind !== 'resource') return 'not-applicable';
    const scope = target.config.scope;
    const refs = referencesIn(scope);
    if (refs.length > 0) {
      return refs.length === 1 && stack.byAddress(refs[0])?.type === 'azurerm_key_vault' && /^\$\{[^}]+\.id\}$/.test(scope)
        ? 'compliant'
        : 'non-compliant';
    }
    return typeof scope === 'string' && keyVaultId(scope) === undefined ? 'compliant' : 'non-compliant';
  },
};
