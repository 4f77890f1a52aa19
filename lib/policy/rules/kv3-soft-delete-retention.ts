import { PolicyRule } from '../policy-rule';

/** OMKV-KV3: soft-delete retention is written explicitly, 7-90 days. */
export const KV3_SOFT_DELETE_RETENTION: PolicyRule = {
  id: 'OMKV-KV3',
  level: 'error',
  cause: 'The Key Vault soft-delete retention is not set explicitly between 7 and 90 days.',
  explanation:
    'Retention can be set only once, at creation; left unset it takes whatever the API defaults to, and scanners flag it. Deleted secrets stay recoverable only for this period.',
  fix: 'Set keyVault.softDeleteRetentionDays to a whole number from 7 to 90 (default 90).',
  references: ['trivy AVD-AZU-0016 (retention 7-90)', 'MCSB DP-8'],
  settings: ['keyVault.softDeleteRetentionDays'],
  appliesTo: ['azurerm_key_vault'],
  check(target) {
    if (target.kind !== 'resource') return 'not-applicable';
    const days = target.config.soft_delete_retention_days;
    return Number.isInteger(days) && days >= 7 && days <= 90 ? 'compliant' : 'non-compliant';
  },
};
