import { PolicyRule, referencesIn } from '../policy-rule';

/** OMKV-KV7: secret access is logged. */
export const KV7_DIAGNOSTIC_LOGS: PolicyRule = {
  id: 'OMKV-KV7',
  level: 'warning',
  cause: 'The Key Vault sends no audit logs anywhere.',
  explanation:
    'Without diagnostic settings there is no record of who read which secret, which is what an incident investigation needs first.',
  fix: 'Set keyVault.diagnostics.logAnalyticsWorkspaceId (audit logs and AllMetrics).',
  references: ['MCSB LT-4 in the Key Vault baseline (LT-3 in the MCSB catalog)', 'AVM key vault: diagnostic_settings'],
  settings: ['keyVault.diagnostics'],
  appliesTo: ['azurerm_key_vault'],
  check(target, stack) {
    if (target.kind !== 'resource') return 'not-applicable';
    const logged = stack.ofType('azurerm_monitor_diagnostic_setting').some((d) => {
      const logs = (d.config.enabled_log ?? []) as { category_group?: string; category?: string }[];
      return (
        referencesIn(d.config.target_resource_id).includes(target.address) &&
        logs.some((l) => l.category_group === 'audit' || l.category_group === 'allLogs' || l.category === 'AuditEvent')
      );
    });
    return logged ? 'compliant' : 'non-compliant';
  },
};
