import { WORKLOAD_IDENTITY_AUDIENCE } from '../../facts/azure-facts';
import { PolicyRule } from '../policy-rule';

/** OMKV-ID1: federated credentials accept exactly the Entra ID token exchange audience. */
export const ID1_TOKEN_AUDIENCE: PolicyRule = {
  id: 'OMKV-ID1',
  level: 'error',
  cause: `A federated identity credential has an audience other than exactly ["${WORKLOAD_IDENTITY_AUDIENCE}"].`,
  explanation: 'Any other or additional audience lets tokens minted for other purposes be exchanged for the identity.',
  fix: `Use the audience ${WORKLOAD_IDENTITY_AUDIENCE} only (WorkloadIdentityPrincipal sets it).`,
  references: ['Azure Workload Identity: audience api://AzureADTokenExchange'],
  settings: [],
  appliesTo: ['azurerm_federated_identity_credential'],
  check(target) {
    if (target.kind !== 'resource') return 'not-applicable';
    const audience = target.config.audience;
    return Array.isArray(audience) && audience.length === 1 && audience[0] === WORKLOAD_IDENTITY_AUDIENCE ? 'compliant' : 'non-compliant';
  },
};
