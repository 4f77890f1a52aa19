import { SOFT_DELETE_RETENTION_DAYS, VAULT_DEFAULTS } from '../../facts/secure-defaults';
import { PolicyRule } from '../policy-rule';

const { min, max } = SOFT_DELETE_RETENTION_DAYS;

/** OMKV-KV3: soft-delete retention is written explicitly, within the bounds Azure accepts (7-90 days). */
export const KV3_SOFT_DELETE_RETENTION: PolicyRule = {
  id: 'OMKV-KV3',
  level: 'error',
  cause: `The Key Vault soft-delete retention is not set explicitly between ${min} and ${max} days.`,
  explanation:
    'Retention can be set only once, at creation; left unset it takes whatever the API defaults to, and scanners flag it. Deleted secrets stay recoverable only for this period.',
  fix: `Set keyVault.softDeleteRetentionDays to a whole number from ${min} to ${max} (default ${VAULT_DEFAULTS.softDeleteRetentionDays}).`,
  references: ['trivy AVD-AZU-0016 (retention 7-90)', 'MCSB DP-8'],
  settings: ['keyVault.softDeleteRetentionDays'],
  appliesTo: ['azurerm_key_vault'],
  check(target) {
    if (target.kind !== 'resource') return 'not-applicable';
    const days = target.config.soft_delete_retention_days;
    return Number.isInteger(days) && days >= min && days <= max ? 'compliant' : 'non-compliant';
  },
};
