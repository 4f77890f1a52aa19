import { OPENMETADATA_DEFAULT_CLUSTER_NAME, WORKLOAD_IDENTITY_POD_LABEL } from './azure-facts';
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

/** Airflow components of the Apache Airflow chart that can run OpenMetadata ingestion code. */
export const AIRFLOW_COMPONENTS = ['scheduler', 'workers', 'triggerer', 'dagProcessor', 'webserver', 'apiServer'] as const;

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
  /** The Secret holding SERVER_SECRET_KEYS. */
  readonly secretName: string;
  /** True when the server authenticates with a client secret (the Secret then holds credentials). */
  readonly clientSecret: boolean;
  /** Workload identity: the service account the stack created for the server. */
  readonly serviceAccountName?: string;
}

const ref = (secretRef: string, secretKey: string) => ({ secretRef, secretKey });

/** Values for chart `openmetadata`. */
export function openmetadataValues(p: OpenMetadataValuesProps): Record<string, unknown> {
  const additionalParameters: Record<string, unknown> = {
    enabled: true,
    vaultName: ref(p.secretName, SERVER_SECRET_KEYS.vaultName),
  };
  // With workload identity there must be no tenant: a non-blank OM_SM_TENANT_ID switches the
  // server from DefaultAzureCredential to a client-secret credential.
  if (p.clientSecret) {
    additionalParameters.clientId = ref(p.secretName, SERVER_SECRET_KEYS.clientId);
    additionalParameters.clientSecret = ref(p.secretName, SERVER_SECRET_KEYS.clientSecret);
    additionalParameters.tenantId = ref(p.secretName, SERVER_SECRET_KEYS.tenantId);
  }
  const config: Record<string, unknown> = {
    secretsManager: {
      enabled: true,
      provider: p.provider,
      prefix: p.prefix,
      tags: secretTagItems(p.secretTags),
      additionalParameters,
    },
  };
  // The chart turns this into OPENMETADATA_CLUSTER_NAME; the default needs no line.
  if (p.clusterName !== OPENMETADATA_DEFAULT_CLUSTER_NAME) config.clusterName = p.clusterName;
  const values: Record<string, unknown> = {
    openmetadata: { config },
    // The chart has no key for the loader: the server passes it to the pipeline service client.
    extraEnvs: [{ name: 'PIPELINE_SERVICE_CLIENT_SECRETS_MANAGER_LOADER', value: 'airflow' }],
  };
  if (p.serviceAccountName !== undefined) {
    values.serviceAccount = { create: false, name: p.serviceAccountName };
    // The chart has no podLabels: commonLabels reaches the pod template, where the webhook looks.
    values.commonLabels = { ...WORKLOAD_IDENTITY_POD_LABEL };
  }
  return values;
}

export interface DependenciesValuesProps {
  readonly vaultName: string;
  /** Client secret: the Secret holding AIRFLOW_SECRET_KEYS. */
  readonly secretName?: string;
  /** Workload identity: the service account for every Airflow component. */
  readonly serviceAccountName?: string;
}

/** Values for chart `openmetadata-dependencies` (its `airflow:` section). */
export function dependenciesValues(p: DependenciesValuesProps): Record<string, unknown> {
  const airflow: Record<string, unknown> = {
    env: [{ name: AIRFLOW_SECRETS_MANAGER_ENV.vaultName, value: p.vaultName }],
  };
  if (p.secretName !== undefined) {
    // Credentials come from the Secret, never as literal values.
    airflow.secret = (['tenantId', 'clientId', 'clientSecret'] as const).map((k) => ({
      envName: AIRFLOW_SECRETS_MANAGER_ENV[k],
      secretName: p.secretName,
      secretKey: AIRFLOW_SECRET_KEYS[k],
    }));
  }
  if (p.serviceAccountName !== undefined) {
    airflow.labels = { ...WORKLOAD_IDENTITY_POD_LABEL };
    for (const component of AIRFLOW_COMPONENTS) {
      airflow[component] = { serviceAccount: { create: false, name: p.serviceAccountName } };
    }
  }
  return { airflow };
}

/** The `workflowConfig` part of an ingestion YAML file: `airflow` in your Airflow, `env` for the CLI. */
export function workflowConfig(loader: 'airflow' | 'env'): Record<string, unknown> {
  return { workflowConfig: { openMetadataServerConfig: { secretsManagerProvider: 'azure-kv', secretsManagerLoader: loader } } };
}
