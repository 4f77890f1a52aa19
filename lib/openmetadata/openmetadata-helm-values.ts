import { OPENMETADATA_DEFAULT_CLUSTER_NAME, WORKLOAD_IDENTITY_POD_LABEL } from '../facts/azure-facts';
import { AIRFLOW_SECRETS_MANAGER_ENV, SecretsManagerProvider, secretTagItems } from './openmetadata-settings';

/**
 * Helm values and ingestion settings, as plain objects: the stack renders them to YAML with
 * Terraform (`yamlencode`) and the values command writes them to files. Keys follow chart
 * `openmetadata` 1.13.1 and the Apache Airflow chart under `openmetadata-dependencies`.
 */

/** Keys of the server's Kubernetes Secret; chart `openmetadata` reads OM_SM_* only through such references. */
export const SERVER_SECRET_KEYS = {
  vaultName: 'vaultName',
  clientId: 'clientId',
  clientSecret: 'clientSecret',
  tenantId: 'tenantId',
} as const;

/** Keys of the Airflow Secret: named after the variables they fill. */
export const AIRFLOW_SECRET_KEYS = {
  tenantId: 'AZURE_TENANT_ID',
  clientId: 'AZURE_CLIENT_ID',
  clientSecret: 'AZURE_CLIENT_SECRET',
} as const;

/**
 * What the Apache Airflow chart 1.18.0 (pinned by openmetadata-dependencies 1.13.1) offers per
 * component, read in its templates: each of these components takes a `<component>.env` list
 * (container_extra_envs: `value`, or `valueFrom.secretKeyRef`), which leaves `airflow.env` and its
 * chart defaults alone. Task pods of the KubernetesExecutor use `workers.*` (pod-template-file).
 */
export const AIRFLOW_COMPONENTS = ['scheduler', 'workers', 'apiServer', 'webserver', 'triggerer', 'dagProcessor'] as const;

/**
 * The components whose pod template merges `<component>.labels` with the global `labels`
 * (mustMerge): only there can the workload identity label go on the pods, and only there does the
 * federated service account go. The dag-processor pod takes the global `labels` alone.
 */
export const AIRFLOW_LABELLED_COMPONENTS = ['scheduler', 'workers', 'apiServer', 'webserver', 'triggerer'] as const;

/** Name of a Kubernetes Secret the stack owns; the environment keeps two environments apart. */
export function serverSecretName(environment: string): string {
  return `openmetadata-secrets-manager-${environment}`;
}

export function airflowSecretName(environment: string): string {
  return `airflow-secrets-manager-${environment}`;
}

export interface OpenMetadataValuesProps {
  readonly provider: SecretsManagerProvider;
  readonly prefix: string;
  readonly secretTags: Readonly<Record<string, string>>;
  readonly clusterName: string;
  /** managed-azure-kv: the Secret holding SERVER_SECRET_KEYS. */
  readonly secretName?: string;
  /** True when the server authenticates with a client secret (the Secret then holds credentials). */
  readonly clientSecret?: boolean;
  /** Workload identity: the service account the stack created for the server. */
  readonly serviceAccountName?: string;
  /** Kubernetes Jobs instead of Airflow: the env of the job pods (vault name and credentials). @default - Airflow */
  readonly kubernetesJobsEnv?: Readonly<Record<string, string>>;
}

const ref = (secretRef: string, secretKey: string) => ({ secretRef, secretKey });

/**
 * Values for chart `openmetadata`. With `azure-kv` the server keeps secrets in its database (the
 * secrets manager factory maps azure-kv to the database manager), so it gets only the provider.
 */
export function openmetadataValues(p: OpenMetadataValuesProps): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const values: Record<string, unknown> = { openmetadata: { config } };
  // The chart turns this into OPENMETADATA_CLUSTER_NAME; the default needs no line.
  if (p.clusterName !== OPENMETADATA_DEFAULT_CLUSTER_NAME) config.clusterName = p.clusterName;
  if (p.provider === 'azure-kv') {
    config.secretsManager = { enabled: true, provider: p.provider, additionalParameters: { enabled: false } };
    return values;
  }
  const secretName = p.secretName as string;
  const additionalParameters: Record<string, unknown> = {
    enabled: true,
    vaultName: ref(secretName, SERVER_SECRET_KEYS.vaultName),
  };
  // With workload identity there must be no tenant: a non-blank OM_SM_TENANT_ID switches the
  // server from DefaultAzureCredential to a client-secret credential.
  if (p.clientSecret) {
    additionalParameters.clientId = ref(secretName, SERVER_SECRET_KEYS.clientId);
    additionalParameters.clientSecret = ref(secretName, SERVER_SECRET_KEYS.clientSecret);
    additionalParameters.tenantId = ref(secretName, SERVER_SECRET_KEYS.tenantId);
  }
  config.secretsManager = {
    enabled: true,
    provider: p.provider,
    prefix: p.prefix,
    tags: secretTagItems(p.secretTags),
    additionalParameters,
  };
  let loader: 'airflow' | 'env' = 'airflow';
  if (p.kubernetesJobsEnv !== undefined) {
    // The job pods get env only as KEY:VALUE strings (chart: K8S_EXTRA_ENV_VARS in its pipeline
    // Secret) and cannot carry pod labels; they read the vault through the `env` loader.
    const env = p.kubernetesJobsEnv;
    config.pipelineServiceClientConfig = {
      type: 'k8s',
      k8s: { extraEnvVars: Object.keys(env).map((k) => `${k}:${env[k]}`) },
    };
    loader = 'env';
  }
  // The chart has no key for the loader: the server passes it to the pipelines it deploys.
  values.extraEnvs = [{ name: 'PIPELINE_SERVICE_CLIENT_SECRETS_MANAGER_LOADER', value: loader }];
  if (p.serviceAccountName !== undefined) {
    values.serviceAccount = { create: false, name: p.serviceAccountName };
    // The chart has no podLabels. commonLabels reaches the pods of the server Deployment and of its
    // two CronJobs (deploy-pipelines, reindex), which all run as the server's service account; on
    // the chart's other objects (Service, Ingress, RBAC, ...) a label has no effect on the webhook.
    values.commonLabels = { ...WORKLOAD_IDENTITY_POD_LABEL };
  }
  return values;
}

export interface DependenciesValuesProps {
  readonly vaultName: string;
  /** Client secret: the Secret holding AIRFLOW_SECRET_KEYS. */
  readonly secretName?: string;
  /** Workload identity: the service account for the Airflow components that can carry the label. */
  readonly serviceAccountName?: string;
}

/**
 * Values for chart `openmetadata-dependencies` (its `airflow:` section). The vault settings go in
 * each component's own `env` list, never in `airflow.env`: Helm replaces lists, and the chart's
 * default `airflow.env` carries what OpenMetadata's Airflow APIs need (DAG_GENERATED_CONFIGS, auth
 * backends, pip requirements).
 */
export function dependenciesValues(p: DependenciesValuesProps): Record<string, unknown> {
  const env: Record<string, unknown>[] = [{ name: AIRFLOW_SECRETS_MANAGER_ENV.vaultName, value: p.vaultName }];
  if (p.secretName !== undefined) {
    // Credentials come from the Secret, never as literal values.
    for (const k of ['tenantId', 'clientId', 'clientSecret'] as const) {
      env.push({ name: AIRFLOW_SECRETS_MANAGER_ENV[k], valueFrom: { secretKeyRef: { name: p.secretName, key: AIRFLOW_SECRET_KEYS[k] } } });
    }
  }
  const airflow: Record<string, Record<string, unknown>> = {};
  for (const component of AIRFLOW_COMPONENTS) airflow[component] = { env };
  if (p.serviceAccountName !== undefined) {
    for (const component of AIRFLOW_LABELLED_COMPONENTS) {
      airflow[component].serviceAccount = { create: false, name: p.serviceAccountName };
      airflow[component].labels = { ...WORKLOAD_IDENTITY_POD_LABEL };
    }
  }
  return { airflow };
}

/** The `workflowConfig` part of an ingestion YAML file: `airflow` in your Airflow, `env` for the CLI. */
export function workflowConfig(loader: 'airflow' | 'env'): Record<string, unknown> {
  return { workflowConfig: { openMetadataServerConfig: { secretsManagerProvider: 'azure-kv', secretsManagerLoader: loader } } };
}
