import { PolicyRule } from '../policy-rule';
import { isSecretsRole, roleOf } from '../roles';

/** OMKV-RA4: one secrets role per principal and vault. */
export const RA4_ONE_SECRETS_ROLE: PolicyRule = {
  id: 'OMKV-RA4',
  level: 'error',
  cause: 'A principal holds more than one secrets role on the same vault.',
  explanation:
    'A second assignment only widens access silently (Secrets User next to Secrets Officer hides who may write), and removing one leaves the other behind.',
  fix: 'Give each principal exactly one of Secrets User or Secrets Officer; a shared principal (sameAs: server) keeps the server role only.',
  references: ['MCSB PA-7'],
  settings: ['principals.ingestion.sameAs'],
  appliesTo: ['azurerm_role_assignment'],
  check(target, stack) {
    if (target.kind !== 'resource' || !isSecretsRole(roleOf(target.config))) return 'not-applicable';
    const same = stack
      .ofType('azurerm_role_assignment')
      .filter(
        (a) =>
          a.config.principal_id === target.config.principal_id && a.config.scope === target.config.scope && isSecretsRole(roleOf(a.config)),
      );
    return same.length <= 1 ? 'compliant' : 'non-compliant';
  },
};
