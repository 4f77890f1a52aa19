import { firstBlock, PolicyRule } from '../policy-rule';

/** OMKV-K8S1: identities are never bound to the `default` namespace or account. */
export const K8S1_NO_DEFAULT_ACCOUNT: PolicyRule = {
  id: 'OMKV-K8S1',
  level: 'error',
  cause: 'A federated service account is in the default namespace or is named default.',
  explanation:
    'Every pod that names no service account runs as `default`: federating it hands the vault role to whatever else lands in that namespace.',
  fix: 'Run OpenMetadata and Airflow in their own namespace under a dedicated service account.',
  references: ['Kubernetes: dedicated service accounts per workload'],
  settings: ['principals.<role>.serviceAccount', 'principals.<role>.namespace'],
  appliesTo: ['azurerm_federated_identity_credential', 'kubernetes_service_account_v1'],
  check(target) {
    if (target.kind !== 'resource') return 'not-applicable';
    let namespace: string | undefined;
    let name: string | undefined;
    if (target.type === 'kubernetes_service_account_v1') {
      const metadata = firstBlock(target.config.metadata);
      namespace = metadata?.namespace ?? 'default';
      name = metadata?.name;
    } else {
      const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(String(target.config.subject));
      if (!m) return 'not-applicable';
      [, namespace, name] = m;
    }
    return namespace === 'default' || name === 'default' ? 'non-compliant' : 'compliant';
  },
};
