import { z } from 'zod';
import { quoted } from '../facts/message-text';
import * as rules from '../facts/naming-rules';
import { OPENMETADATA_CHARTS } from '../facts/openmetadata-charts';
import { federatedCredentialName, secretNameHead } from '../facts/resource-names';
import type { EnvironmentFields } from './environment-fields';
import { effectiveAuth } from './principal-plan';
import { EXPECTED_AUTH } from './principal-schema';

/**
 * The rules across the settings of one environment (the auth modes, the secrets manager, the pipeline
 * client and the cluster together), run once each setting is valid on its own.
 */
export function checkEnvironment(env: EnvironmentFields, ctx: z.RefinementCtx): void {
  const bad = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const { server, ingestion } = env.principals;
  const auth = effectiveAuth(env.principals, env.openmetadata.secretsManager);
  const { shared } = auth;
  const managed = env.openmetadata.secretsManager === 'managed-azure-kv';
  const usesWorkloadIdentity = auth.server === 'workload-identity' || auth.ingestion === 'workload-identity';
  if (managed && server.auth === undefined) {
    bad(['principals', 'server', 'auth'], `${EXPECTED_AUTH}: with managed-azure-kv the server reads and writes the vault`);
  }
  if (!managed) {
    // openmetadata-service SecretsManagerFactory maps azure-kv (like aws, aws-ssm) to the database
    // secrets manager: the server never calls the vault, so it gets no principal and no role.
    const why = 'with secretsManager azure-kv the server keeps its secrets in its database and never calls the vault';
    for (const key of ['auth', 'name', 'serviceAccount', 'secretRotationDays', 'owners'] as const) {
      if (server[key] !== undefined)
        bad(['principals', 'server', key], `expected no ${key}: ${why}, so it gets no principal (only namespace)`);
    }
    if (shared)
      bad(
        ['principals', 'ingestion', 'sameAs'],
        `expected an ingestion principal of its own: ${why}, so there is no server principal to share`,
      );
    if (env.openmetadata.prefix !== '')
      bad(['openmetadata', 'prefix'], `expected no prefix: ${why} and names no secret; name yours as you like`);
    if (Object.keys(env.openmetadata.secretTags).length > 0)
      bad(['openmetadata', 'secretTags'], `expected no secretTags: ${why} and tags no secret`);
    if (env.openmetadata.pipelineClient !== 'airflow') {
      bad(
        ['openmetadata', 'pipelineClient'],
        `expected no pipelineClient: ${why}, and hands the pipelines it runs the database provider, not the vault`,
      );
    }
  }
  if (managed && env.openmetadata.pipelineClient === 'k8s' && auth.ingestion !== 'client-secret') {
    bad(
      ['principals', 'ingestion', shared ? 'sameAs' : 'auth'],
      `expected client-secret ingestion with pipelineClient k8s: the Kubernetes pipeline client of chart openmetadata ${OPENMETADATA_CHARTS.version} cannot label its job pods, so workload identity never reaches them`,
    );
  }
  // Shared or its own: the ingestion namespace says where the dependencies chart goes.
  const k8sIngestion = managed && env.openmetadata.pipelineClient === 'k8s' && auth.ingestion === 'client-secret';
  if (k8sIngestion && ingestion.namespace !== undefined && ingestion.namespace !== server.namespace) {
    // chart openmetadata 1.13.1 templates/k8s-pipeline-rbac.yaml puts the jobs' account, Role and
    // RoleBinding in the server's release namespace, and K8S_NAMESPACE defaults to it.
    bad(
      ['principals', 'ingestion', 'namespace'],
      `expected no namespace, or the server's (${quoted(server.namespace as string)}): with pipelineClient k8s the ingestion Jobs run in the server's namespace, where the chart puts their account and RBAC`,
    );
  }
  if (usesWorkloadIdentity && !env.aks?.oidcIssuerUrl && !env.aks?.name) {
    bad(
      ['aks', 'oidcIssuerUrl'],
      'expected the AKS OIDC issuer URL (or the cluster name and resourceGroup): a principal uses workload-identity',
    );
  }
  if (env.kubernetes.manage && env.kubernetes.source === 'aks' && !env.aks?.name) {
    bad(['kubernetes', 'source'], 'expected aks.name and aks.resourceGroup: source aks reads the credentials from that cluster');
  }
  if (shared && server.auth === 'client-secret' && ingestion.serviceAccount !== undefined) {
    bad(
      ['principals', 'ingestion', 'serviceAccount'],
      'expected no serviceAccount: the shared server principal uses client-secret (nothing is federated)',
    );
  }
  if (shared && server.auth === 'workload-identity' && (ingestion.namespace === undefined) !== (ingestion.serviceAccount === undefined)) {
    bad(
      ['principals', 'ingestion', ingestion.namespace === undefined ? 'namespace' : 'serviceAccount'],
      "expected namespace and serviceAccount together (the Airflow pods' account, federated to the shared identity)",
    );
  }
  if (
    !shared &&
    server.auth === 'workload-identity' &&
    ingestion.auth === 'workload-identity' &&
    server.namespace === ingestion.namespace &&
    server.serviceAccount === ingestion.serviceAccount
  ) {
    bad(
      ['principals', 'ingestion', 'serviceAccount'],
      "expected a service account other than the server's (one account can carry only one identity); use sameAs: server to share it",
    );
  }
  if (shared && server.auth === 'workload-identity' && ingestion.serviceAccount !== undefined) {
    // One identity, two credentials: Entra ID refuses two credentials of one name on an identity.
    const namespace = ingestion.namespace ?? (server.namespace as string);
    const same = namespace === server.namespace && ingestion.serviceAccount === server.serviceAccount;
    const name = federatedCredentialName(undefined, namespace, ingestion.serviceAccount);
    if (!same && name === federatedCredentialName(undefined, server.namespace as string, server.serviceAccount as string)) {
      bad(
        ['principals', 'ingestion', 'serviceAccount'],
        `expected an account whose federated credential name differs from the server's (${server.namespace}/${server.serviceAccount}): ` +
          `both become <environment>-${name} on the shared identity, and Entra ID refuses the second`,
      );
    }
  }
  const privateEndpoint = 'existingId' in env.keyVault ? undefined : env.keyVault.privateEndpoint;
  if (privateEndpoint && privateEndpoint.location === undefined) {
    const subnetSubscription = (rules.parseSubnetId(privateEndpoint.subnetId) as rules.ParsedSubnetId).subscriptionId;
    if (subnetSubscription.toLowerCase() !== env.subscriptionId.toLowerCase()) {
      bad(
        ['keyVault', 'privateEndpoint', 'location'],
        `expected the region of the subnet's virtual network: the subnet is in subscription ${subnetSubscription}, which the stack cannot read (it reads ${env.subscriptionId})`,
      );
    }
  }
  if ('existingId' in env.keyVault) {
    const parsed = rules.parseKeyVaultId(env.keyVault.existingId);
    if (parsed && parsed.subscriptionId.toLowerCase() !== env.subscriptionId.toLowerCase()) {
      bad(['keyVault', 'existingId'], `expected a vault in subscription ${env.subscriptionId} (the environment's subscriptionId)`);
    }
  }
  const { prefix, clusterName } = env.openmetadata;
  const head = secretNameHead(prefix, clusterName);
  if (head.length > rules.MAX_SECRET_NAME_HEAD) {
    bad(
      ['openmetadata', prefix ? 'prefix' : 'clusterName'],
      `expected prefix and clusterName together at most ${rules.MAX_SECRET_NAME_HEAD} characters (got ${head.length}): secret names are capped at 127`,
    );
  }
}
