import { MAX_FEDERATED_CREDENTIALS_PER_IDENTITY as MAX_CREDENTIALS_PER_IDENTITY } from '../../facts/azure-facts';
import { PolicyRule } from '../policy-rule';

/** OMKV-ID4: at most MAX_FEDERATED_CREDENTIALS_PER_IDENTITY federated credentials per identity. */
export const ID4_CREDENTIAL_LIMIT: PolicyRule = {
  id: 'OMKV-ID4',
  level: 'error',
  cause: `An identity has more than ${MAX_CREDENTIALS_PER_IDENTITY} federated identity credentials.`,
  explanation: `Entra ID allows ${MAX_CREDENTIALS_PER_IDENTITY} per user-assigned identity; the apply would fail halfway, after the first ${MAX_CREDENTIALS_PER_IDENTITY} were created.`,
  fix: 'Use fewer service accounts per principal, or separate principals.',
  references: [`Microsoft Entra: ${MAX_CREDENTIALS_PER_IDENTITY} federated identity credentials per managed identity`],
  settings: ['principals'],
  appliesTo: ['azurerm_federated_identity_credential'],
  check(target, stack) {
    if (target.kind !== 'resource') return 'not-applicable';
    // user_assigned_identity_id from azurerm 4.65, parent_id before.
    const identityOf = (c: { readonly config: Readonly<Record<string, unknown>> }) =>
      c.config.user_assigned_identity_id ?? c.config.parent_id;
    const siblings = stack.ofType('azurerm_federated_identity_credential').filter((c) => identityOf(c) === identityOf(target));
    return siblings.length <= MAX_CREDENTIALS_PER_IDENTITY ? 'compliant' : 'non-compliant';
  },
};
