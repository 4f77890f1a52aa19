import { PolicyRule } from '../policy-rule';

/** OMKV-KV2: purge protection is on. */
export const KV2_PURGE_PROTECTION: PolicyRule = {
  id: 'OMKV-KV2',
  level: 'error',
  cause: 'The Key Vault has purge protection off.',
  explanation:
    'Without purge protection, anyone holding Secrets Officer (the server, by design) or a compromised deployer can permanently destroy every connection secret before the retention period ends.',
  fix: 'Set keyVault.purgeProtection: true (it cannot be turned off again).',
  references: ['checkov CKV_AZURE_110', 'checkov CKV_AZURE_42', 'trivy AVD-AZU-0016', 'MCSB DP-8'],
  settings: ['keyVault.purgeProtection'],
  appliesTo: ['azurerm_key_vault'],
  check(target) {
    if (target.kind !== 'resource') return 'not-applicable';
    return target.config.purge_protection_enabled === true ? 'compliant' : 'non-compliant';
  },
};
