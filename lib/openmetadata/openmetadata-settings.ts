import { OPENMETADATA_DEFAULT_CLUSTER_NAME } from '../facts/azure-facts';

/**
 * The settings OpenMetadata's server and ingestion read, by their exact upstream names. Pure
 * functions: values may be Terraform tokens, which Terraform renders at apply.
 */

export type SecretsManagerProvider = 'managed-azure-kv' | 'azure-kv';

/** Client-secret credentials, when the principal is an app registration. */
export interface ClientSecretCredentials {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface ServerSettings {
  readonly provider: SecretsManagerProvider;
  readonly vaultName: string;
  readonly clusterName: string;
  readonly prefix: string;
  readonly secretTags: Readonly<Record<string, string>>;
  /** How the server runs ingestion. @default - airflow */
  readonly pipelineClient?: 'airflow' | 'k8s';
  /** Only for an app registration. With workload identity the server must not get OM_SM_TENANT_ID. */
  readonly credentials?: ClientSecretCredentials;
}

/** `key:value` items, keys sorted so output is stable: the chart's `tags` list. */
export function secretTagItems(tags: Readonly<Record<string, string>>): string[] {
  return Object.keys(tags)
    .sort()
    .map((k) => `${k}:${tags[k]}`);
}

/**
 * SECRET_MANAGER_TAGS as chart openmetadata 1.13.1 renders it: `["key1:value1","key2:value2"]`.
 * The server pastes it into openmetadata.yaml, so each item is a quoted YAML (JSON) string.
 */
export function formatSecretTags(tags: Readonly<Record<string, string>>): string {
  return `[${secretTagItems(tags)
    .map((item) => JSON.stringify(item))
    .join(',')}]`;
}

/** Environment variables of the OpenMetadata server (openmetadata.yaml). */
export function serverEnv(s: ServerSettings): Record<string, string> {
  const env: Record<string, string> = { SECRET_MANAGER: s.provider };
  if (s.clusterName !== OPENMETADATA_DEFAULT_CLUSTER_NAME) env.OPENMETADATA_CLUSTER_NAME = s.clusterName;
  // azure-kv: the server keeps secrets in its database and reads nothing else of these.
  if (s.provider === 'azure-kv') return env;
  env.OM_SM_VAULT_NAME = s.vaultName;
  // The server hands the loader to the pipelines it deploys: Airflow reads its own config section,
  // Kubernetes Jobs their environment.
  env.PIPELINE_SERVICE_CLIENT_SECRETS_MANAGER_LOADER = s.pipelineClient === 'k8s' ? 'env' : 'airflow';
  if (s.prefix !== '') env.SECRET_MANAGER_PREFIX = s.prefix;
  if (Object.keys(s.secretTags).length > 0) env.SECRET_MANAGER_TAGS = formatSecretTags(s.secretTags);
  // A non-blank tenant switches the server to a client-secret credential; without it the server
  // uses DefaultAzureCredential, which is what picks up workload identity.
  if (s.credentials) {
    env.OM_SM_CLIENT_ID = s.credentials.clientId;
    env.OM_SM_CLIENT_SECRET = s.credentials.clientSecret;
    env.OM_SM_TENANT_ID = s.credentials.tenantId;
  }
  return env;
}

/** airflow.cfg section [openmetadata_secrets_manager], as Airflow environment variables. */
export const AIRFLOW_SECRETS_MANAGER_ENV = {
  vaultName: 'AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_KEY_VAULT_NAME',
  tenantId: 'AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_TENANT_ID',
  clientId: 'AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_CLIENT_ID',
  clientSecret: 'AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_CLIENT_SECRET',
} as const;

/** Environment variables of Airflow, read by the `airflow` secrets manager loader. */
export function airflowEnv(vaultName: string, credentials?: ClientSecretCredentials): Record<string, string> {
  const env: Record<string, string> = { [AIRFLOW_SECRETS_MANAGER_ENV.vaultName]: vaultName };
  // The loader uses a client-secret credential only when all three are set.
  if (credentials) {
    env[AIRFLOW_SECRETS_MANAGER_ENV.tenantId] = credentials.tenantId;
    env[AIRFLOW_SECRETS_MANAGER_ENV.clientId] = credentials.clientId;
    env[AIRFLOW_SECRETS_MANAGER_ENV.clientSecret] = credentials.clientSecret;
  }
  return env;
}

/**
 * Environment of the `metadata` CLI with loader `env`: it reads only AZURE_KEY_VAULT_NAME and
 * authenticates with DefaultAzureCredential, which takes AZURE_CLIENT_ID/SECRET/TENANT_ID (or
 * workload identity, or `az login`).
 */
export function cliEnv(vaultName: string, credentials?: ClientSecretCredentials): Record<string, string> {
  const env: Record<string, string> = { AZURE_KEY_VAULT_NAME: vaultName };
  if (credentials) {
    env.AZURE_TENANT_ID = credentials.tenantId;
    env.AZURE_CLIENT_ID = credentials.clientId;
    env.AZURE_CLIENT_SECRET = credentials.clientSecret;
  }
  return env;
}
