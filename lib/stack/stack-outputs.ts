import { Lazy, TerraformOutput, TerraformStack } from 'cdktf';
import type { EnvironmentConfig } from '../config/config-schema';
import { KubernetesObjects } from '../constructs/kubernetes-objects';
import type { ISecretsVault } from '../constructs/secrets-vault';
import { yamlEncoded } from '../constructs/terraform-expressions';
import * as names from '../facts/resource-names';
import { OutputName, STACK_OUTPUTS } from '../facts/stack-outputs';
import {
  airflowSecretName,
  dependenciesValues,
  dependenciesValuesWithoutAirflow,
  openmetadataValues,
  serverSecretName,
  workflowConfig,
} from '../openmetadata/openmetadata-helm-values';
import { airflowEnv, cliEnv, serverEnv } from '../openmetadata/openmetadata-settings';
import { credentialsOf, serviceAccountOf, Workload } from './workload';

/** What one stack's outputs are made of. */
export interface StackOutputsProps {
  /** The environment's settings, config text marked as the stack builds from it. */
  readonly env: EnvironmentConfig;
  /** The environment's name (the stack's). */
  readonly environment: string;
  readonly vault: ISecretsVault;
  /** The server's principal; none with azure-kv. */
  readonly server?: Workload;
  /** Ingestion's principal, or the server's when shared. */
  readonly ingestion: Workload;
  readonly serverNamespace: string;
  readonly shared: boolean;
}

/**
 * The outputs of a stack: the exact settings the server, Airflow and the CLI need, each with the
 * description of lib/facts/stack-outputs.ts. The output IDs are the names `npm run values` reads.
 */
export function addStackOutputs(stack: TerraformStack, p: StackOutputsProps): void {
  const sensitiveOutputs: string[] = [];
  const output = (id: OutputName, value: unknown, sensitive = false) => {
    if (sensitive) sensitiveOutputs.push(id);
    return new TerraformOutput(stack, id, { value, description: STACK_OUTPUTS[id].description, sensitive });
  };
  // Helm values and workflowConfig are data (local values) that yamlencode references.
  const yaml = (id: OutputName, data: unknown) => yamlEncoded(stack, `${id}_data`, data);
  const { env, server, ingestion, vault } = p;
  const vaultName = vault.vaultName;
  const om = env.openmetadata;

  output('key_vault_name', vaultName);
  output('key_vault_uri', vault.vaultUri);
  output('key_vault_id', vault.vaultId);
  output('tenant_id', env.tenantId);
  output('secrets_manager', om.secretsManager);
  output('shared_principal', p.shared);
  if (server) output('secret_name_head', names.secretNameHead(om.prefix, om.clusterName));
  output('server_namespace', p.serverNamespace);
  output('ingestion_namespace', ingestion.namespace);
  if (server) {
    output('server_client_id', server.principal.clientId);
    output('server_principal_id', server.principal.principalId);
    const credentials = credentialsOf(server);
    if (credentials) output('server_client_secret', credentials.clientSecret, true);
  }
  output('ingestion_client_id', ingestion.principal.clientId);
  output('ingestion_principal_id', ingestion.principal.principalId);
  const ingestionCredentials = credentialsOf(ingestion);
  if (ingestionCredentials) output('ingestion_client_secret', ingestionCredentials.clientSecret, true);

  const serverCredentials = credentialsOf(server);
  output(
    'server_env',
    serverEnv({ provider: om.secretsManager, vaultName, ...om, credentials: serverCredentials }),
    serverCredentials !== undefined,
  );
  output('airflow_env', airflowEnv(vaultName, ingestionCredentials), ingestionCredentials !== undefined);
  output('cli_env', cliEnv(vaultName, ingestionCredentials), ingestionCredentials !== undefined);
  // Kubernetes Jobs take their env as literal KEY:VALUE strings: those values hold the client secret.
  const kubernetesJobsEnv = om.pipelineClient === 'k8s' ? cliEnv(vaultName, ingestionCredentials) : undefined;
  output(
    'helm_values_openmetadata',
    yaml(
      'helm_values_openmetadata',
      openmetadataValues({
        provider: om.secretsManager,
        prefix: om.prefix,
        secretTags: om.secretTags,
        clusterName: om.clusterName,
        secretName: server ? serverSecretName(p.environment) : undefined,
        clientSecret: serverCredentials !== undefined,
        serviceAccountName: serviceAccountOf(server),
        kubernetesJobsEnv,
        namespaces: { server: p.serverNamespace, airflow: ingestion.namespace },
      }),
    ),
    kubernetesJobsEnv !== undefined,
  );
  output(
    'helm_values_dependencies',
    yaml(
      'helm_values_dependencies',
      om.pipelineClient === 'k8s'
        ? dependenciesValuesWithoutAirflow()
        : dependenciesValues({
            vaultName,
            secretName: ingestionCredentials ? airflowSecretName(p.environment) : undefined,
            serviceAccountName: serviceAccountOf(ingestion),
          }),
    ),
  );
  output('workflow_config_airflow', yaml('workflow_config_airflow', workflowConfig('airflow')));
  output('workflow_config_cli', yaml('workflow_config_cli', workflowConfig('env')));

  // Lazy: the manifests below may add one more.
  output('sensitive_outputs', Lazy.listValue({ produce: () => [...sensitiveOutputs] }));
  const objects = KubernetesObjects.of(stack);
  const accounts = objects.manifestOf(stack, 'ServiceAccount');
  if (accounts !== undefined) output('kubernetes_service_accounts_manifest', accounts, objects.isSensitive('ServiceAccount'));
  const secrets = objects.manifestOf(stack, 'Secret');
  if (secrets !== undefined) output('kubernetes_secrets_manifest', secrets, objects.isSensitive('Secret'));
}
