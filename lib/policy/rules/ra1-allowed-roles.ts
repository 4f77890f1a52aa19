import { PolicyRule } from '../policy-rule';
import { isAllowedRole, roleOf } from '../roles';

/** OMKV-RA1: only the Key Vault data roles OpenMetadata needs. */
export const RA1_ALLOWED_ROLES: PolicyRule = {
  id: 'OMKV-RA1',
  level: 'error',
  cause: 'A role assignment uses a role other than Key Vault Secrets User, Key Vault Secrets Officer or Key Vault Reader.',
  explanation:
    'Owner, Contributor or Key Vault Administrator would let an OpenMetadata principal change the vault itself, its access and its firewall, not just its secrets.',
  fix: 'Grant through the vault: grantSecretsRead (Secrets User) or grantSecretsManagement (Secrets Officer).',
  references: ['MCSB PA-7'],
  settings: [],
  appliesTo: ['azurerm_role_assignment'],
  check(target) {
    if (target.kind !== 'resource') return 'not-applicable';
    return isAllowedRole(roleOf(target.config)) ? 'compliant' : 'non-compliant';
  },
};
