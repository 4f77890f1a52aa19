import { PolicyRule } from '../policy-rule';

const SUBJECT = /^system:serviceaccount:([a-z0-9]([-a-z0-9]*[a-z0-9])?):([a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/;

/** OMKV-ID2: a federated credential trusts exactly one service account. */
export const ID2_EXACT_SUBJECT: PolicyRule = {
  id: 'OMKV-ID2',
  level: 'error',
  cause: 'A federated identity credential subject is not exactly system:serviceaccount:<namespace>:<name>.',
  explanation: 'A wildcard or malformed subject either matches nothing (auth silently fails) or more pods than intended.',
  fix: 'Name the namespace and service account of the pods exactly (principals.*.namespace and serviceAccount).',
  references: ['Azure Workload Identity: subject system:serviceaccount:<ns>:<sa>'],
  settings: ['principals.<role>.serviceAccount', 'principals.<role>.namespace'],
  appliesTo: ['azurerm_federated_identity_credential'],
  check(target) {
    if (target.kind !== 'resource') return 'not-applicable';
    return typeof target.config.subject === 'string' && SUBJECT.test(target.config.subject) ? 'compliant' : 'non-compliant';
  },
};
