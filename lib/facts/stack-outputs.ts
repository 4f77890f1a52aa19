/**
 * The outputs every stack may write: the interface between a deployed stack and what reads its
 * outputs (`npm run values`, your pipelines). The stack writes them with these descriptions
 * (lib/stack/stack-outputs.ts), the values command takes its required outputs and file names from
 * here, and docs/outputs.md is generated from it.
 */
export interface OutputSpec {
  readonly description: string;
  /** When the stack writes it; always when absent. */
  readonly when?: string;
  /** When it is marked sensitive; never when absent. */
  readonly sensitive?: string;
  /** The file `npm run values` writes it to; `private` files are mode 0600 (they may hold a secret). */
  readonly file?: { readonly name: string; readonly private: boolean };
  /** `npm run values` refuses an outputs file without it. */
  readonly requiredByValues?: boolean;
}

const CLIENT_SECRET = 'the principal uses a client secret';

/** In the order the stack writes them. */
export const STACK_OUTPUTS = {
  key_vault_name: { description: 'Key Vault name (OM_SM_VAULT_NAME, AZURE_KEY_VAULT_NAME).' },
  key_vault_uri: { description: 'Key Vault URI.' },
  key_vault_id: { description: 'Key Vault resource ID.' },
  tenant_id: { description: 'Entra ID tenant ID.' },
  secrets_manager: {
    description: 'managed-azure-kv (the server keeps secrets in the vault) or azure-kv (ingestion reads secrets you put there).',
  },
  shared_principal: { description: 'true when server and ingestion use one principal.' },
  secret_name_head: {
    description: 'Every secret the server writes is named <this>-<service type>-<service name>-..., lower-cased.',
    when: 'managed-azure-kv',
  },
  server_namespace: { description: 'Kubernetes namespace of the server pods.', requiredByValues: true },
  ingestion_namespace: { description: 'Kubernetes namespace of the ingestion pods.', requiredByValues: true },
  server_client_id: { description: 'Client ID the server authenticates as.', when: 'managed-azure-kv' },
  server_principal_id: { description: 'Object ID of the server principal (role assignments).', when: 'managed-azure-kv' },
  server_client_secret: {
    description: 'Client secret of the server app registration.',
    when: 'a client-secret server',
    sensitive: 'always',
  },
  ingestion_client_id: { description: 'Client ID the ingestion authenticates as.' },
  ingestion_principal_id: { description: 'Object ID of the ingestion principal (role assignments).' },
  ingestion_client_secret: {
    description: 'Client secret of the ingestion app registration.',
    when: 'a client-secret ingestion principal (or a shared client-secret one)',
    sensitive: 'always',
  },
  server_env: { description: 'Environment variables for the OpenMetadata server (outside Helm).', sensitive: CLIENT_SECRET },
  airflow_env: { description: 'Environment variables for Airflow (openmetadata_secrets_manager section).', sensitive: CLIENT_SECRET },
  cli_env: { description: 'Environment variables for the metadata CLI (loader env).', sensitive: CLIENT_SECRET },
  helm_values_openmetadata: {
    description: 'Values for Helm chart openmetadata.',
    sensitive: 'pipelineClient k8s (the job env holds the ingestion client secret)',
    file: { name: 'values-openmetadata.yaml', private: true },
    requiredByValues: true,
  },
  helm_values_dependencies: {
    description: 'Values for Helm chart openmetadata-dependencies (Airflow).',
    file: { name: 'values-dependencies.yaml', private: false },
    requiredByValues: true,
  },
  workflow_config_airflow: {
    description: 'workflowConfig for ingestion run by your Airflow.',
    file: { name: 'workflow-config-airflow.yaml', private: false },
    requiredByValues: true,
  },
  workflow_config_cli: {
    description: 'workflowConfig for ingestion run by the metadata CLI.',
    file: { name: 'workflow-config-cli.yaml', private: false },
    requiredByValues: true,
  },
  sensitive_outputs: { description: 'The outputs this stack marks sensitive: npm run values checks the outputs file holds them all.' },
  kubernetes_service_accounts_manifest: {
    description: 'ServiceAccount manifests to apply (kubernetes.manage is false).',
    when: 'kubernetes.manage false, with a workload identity',
    file: { name: 'kubernetes-service-accounts.yaml', private: false },
  },
  kubernetes_secrets_manifest: {
    description: 'Secret manifests to apply (kubernetes.manage is false).',
    when: 'kubernetes.manage false',
    sensitive: 'the Secrets hold a client secret',
    file: { name: 'kubernetes-secrets.yaml', private: true },
  },
} as const satisfies Record<string, OutputSpec>;

export type OutputName = keyof typeof STACK_OUTPUTS;

/** The catalogue as entries of the common shape, in order. */
export function outputSpecs(): [OutputName, OutputSpec][] {
  return Object.entries(STACK_OUTPUTS) as [OutputName, OutputSpec][];
}
