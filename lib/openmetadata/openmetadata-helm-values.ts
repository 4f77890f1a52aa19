import { OPENMETADATA_DEFAULT_CLUSTER_NAME, WORKLOAD_IDENTITY_POD_LABEL } from '../facts/azure-facts';
import { OPENMETADATA_INGESTION_IMAGE } from '../facts/openmetadata-charts';
import { AIRFLOW_SECRETS_MANAGER_ENV, SecretsManagerProvider, secretTagItems } from './openmetadata-settings';
import { airflowApiEndpoint, serverApiEndpoint } from './service-endpoints';

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
 * The Airflow components that run OpenMetadata's code (the Apache Airflow chart 1.18.0, pinned by
 * openmetadata-dependencies 1.13.1, read in its templates): the scheduler, the KubernetesExecutor
 * task pods (`workers.*`, pod-template-file), the API server (the OpenMetadata Airflow APIs), the
 * webserver (Airflow 2 only), the triggerer and the dag-processor, which imports the generated DAG
 * files. Each takes a `<component>.env` list (container_extra_envs: `value`, or
 * `valueFrom.secretKeyRef`), which leaves `airflow.env` and its chart defaults alone, and a
 * `<component>.serviceAccount`; with workload identity all of them act as the ingestion principal.
 */
export const AIRFLOW_COMPONENTS = ['scheduler', 'workers', 'apiServer', 'webserver', 'triggerer', 'dagProcessor'] as const;

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
  /**
   * The namespaces of the server and of Airflow. When they differ, the server calls Airflow, and
   * the pipelines call the server back, by cluster-wide Service names.
   * @default - one namespace for both: the charts' short Service names
   */
  readonly namespaces?: { readonly server: string; readonly airflow: string };
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
  // The chart's defaults are short Service names, which resolve only in the caller's own namespace.
  // Also with azure-kv: the server deploys its pipelines to Airflow all the same.
  const ns = p.namespaces;
  if (p.kubernetesJobsEnv === undefined && ns !== undefined && ns.airflow !== ns.server) {
    config.pipelineServiceClientConfig = {
      metadataApiEndpoint: serverApiEndpoint(ns.server),
      airflow: { apiEndpoint: airflowApiEndpoint(ns.airflow) },
    };
  }
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
    // The jobs run in the server's namespace (the chart's default, where its job RBAC goes), so
    // the chart's short endpoints hold; the image is pinned instead of the chart's `latest`.
    config.pipelineServiceClientConfig = {
      type: 'k8s',
      k8s: { ingestionImage: OPENMETADATA_INGESTION_IMAGE, extraEnvVars: Object.keys(env).map((k) => `${k}:${env[k]}`) },
    };
    loader = 'env';
  }
  // The chart has no key for the loader: the server passes it to the pipelines it deploys.
  values.extraEnvs = [{ name: 'PIPELINE_SERVICE_CLIENT_SECRETS_MANAGER_LOADER', value: loader }];
  if (p.serviceAccountName !== undefined) {
    values.serviceAccount = { create: false, name: p.serviceAccountName };
    // The chart has no podLabels. commonLabels reaches the pods of the server Deployment and of its
    // two CronJobs, which run as the server's account, and the `helm test` Pod, which runs as the
    // namespace's default account; on objects that are not pods it has no effect on the webhook.
    values.commonLabels = { ...WORKLOAD_IDENTITY_POD_LABEL };
  }
  return values;
}

export interface DependenciesValuesProps {
  readonly vaultName: string;
  /** Client secret: the Secret holding AIRFLOW_SECRET_KEYS. */
  readonly secretName?: string;
  /** Workload identity: the service account the Airflow components run as. */
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
    for (const component of AIRFLOW_COMPONENTS) airflow[component].serviceAccount = { create: false, name: p.serviceAccountName };
    // The global labels: the dag-processor's pod takes no labels of its own in chart 1.18.0 (its
    // schema refuses dagProcessor.labels). They also reach statsd and the migration and
    // create-user jobs, which keep the chart's unfederated accounts: the webhook then mounts a
    // token no federated credential accepts and sets no client ID (docs/deployment.md).
    airflow.labels = { ...WORKLOAD_IDENTITY_POD_LABEL };
  }
  return { airflow };
}

/**
 * Values for chart `openmetadata-dependencies` when the server runs ingestion as Kubernetes Jobs:
 * the chart's MySQL and OpenSearch, without the Airflow it would otherwise start (the chart's
 * dependency condition `airflow.enabled`).
 */
export function dependenciesValuesWithoutAirflow(): Record<string, unknown> {
  return { airflow: { enabled: false } };
}

/** The `workflowConfig` part of an ingestion YAML file: `airflow` in your Airflow, `env` for the CLI. */
export function workflowConfig(loader: 'airflow' | 'env'): Record<string, unknown> {
  return { workflowConfig: { openMetadataServerConfig: { secretsManagerProvider: 'azure-kv', secretsManagerLoader: loader } } };
}
