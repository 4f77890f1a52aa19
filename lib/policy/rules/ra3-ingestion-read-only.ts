import { PolicyRule, referencesIn } from '../policy-rule';
import { isReadOnlyRole, roleOf } from '../roles';

/** OMKV-RA3: ingestion only reads. */
export const RA3_INGESTION_READ_ONLY: PolicyRule = {
  id: 'OMKV-RA3',
  level: 'error',
  cause: 'The ingestion principal holds a role that can write secrets.',
  explanation:
    'Airflow and the CLI run connector code against external systems; if one is compromised, a read-only role keeps it from rewriting the connection secrets the server relies on.',
  fix: 'Grant ingestion with grantSecretsRead (Key Vault Secrets User); only the server of a managed-azure-kv installation writes.',
  references: ['MCSB PA-7', 'OpenMetadata guide: Airflow needs Key Vault Secrets User'],
  settings: [],
  appliesTo: ['azurerm_role_assignment'],
  check(target, stack) {
    if (target.kind !== 'resource') return 'not-applicable';
    const principal = referencesIn(target.config.principal_id)
      .map((a) => stack.byAddress(a))
      .find((r) => r !== undefined);
    // The principal construct is the second path segment: <stack>/Ingestion/...
    if (principal?.path.split('/')[1] !== 'Ingestion') return 'not-applicable';
    return isReadOnlyRole(roleOf(target.config)) ? 'compliant' : 'non-compliant';
  },
};
