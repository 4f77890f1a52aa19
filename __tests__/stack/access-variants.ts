/**
 * Setups the access map and diagram tests build besides the shipped files: edits of the base
 * environment (workload identity for both, Airflow in its own namespace).
 */
export const ACCESS_VARIANTS: Record<string, (env: Record<string, any>) => void> = {
  'workload identity for both': () => {},
  'client secrets for both': (env) => {
    env.aks = undefined;
    env.principals.server = { auth: 'client-secret', namespace: 'openmetadata', secretRotationDays: 90 };
    env.principals.ingestion = { auth: 'client-secret', namespace: 'airflow' };
  },
  'a shared workload identity': (env) => {
    env.principals.ingestion = { sameAs: 'server', namespace: 'airflow', serviceAccount: 'airflow-worker' };
  },
  'a shared workload identity, one account': (env) => {
    env.principals.ingestion = { sameAs: 'server' };
  },
  'azure-kv': (env) => {
    env.openmetadata = { secretsManager: 'azure-kv' };
    env.principals.server = { namespace: 'openmetadata' };
  },
  'pipelineClient k8s with a workload identity server': (env) => {
    env.openmetadata = { pipelineClient: 'k8s' };
    env.principals.ingestion = { auth: 'client-secret' };
  },
  'an existing vault, unmanaged Kubernetes objects': (env) => {
    env.keyVault = {
      existingId:
        '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv-shared',
    };
    env.kubernetes = { manage: false };
  },
};
