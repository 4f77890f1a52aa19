import { parseKeyVaultId } from '../facts/naming-rules';
import * as names from '../facts/resource-names';
import { ClaimRegistry, Collision } from './claim-registry';
import type { EnvironmentConfig } from './environment-schema';
import { federatedAccounts, ownPrincipals, principalName, unreachable } from './principal-plan';

export type { Collision } from './claim-registry';

/** Keys are compared as Azure compares names: without case. */
const lower = (...parts: string[]) => parts.join('/').toLowerCase();

/** Secret name heads already written, by vault: a head followed by `-` must not begin another. */
type SecretHeads = { readonly environment: string; readonly vault: string; readonly head: string }[];

/**
 * Finds what two environments would both create or both write: global names (vault names, state
 * keys, Terraform Cloud workspaces) and names unique in a scope (identities in a resource group,
 * app registrations in a tenant, service accounts in a cluster namespace, secret names in a vault).
 * Each clash is reported once, at the later environment, naming the earlier one.
 */
export function findCollisions(environments: Readonly<Record<string, EnvironmentConfig>>): Collision[] {
  const registry = new ClaimRegistry();
  const secretHeads: SecretHeads = [];
  for (const [env, config] of Object.entries(environments)) {
    claimGroupAndVault(registry, env, config, secretHeads);
    claimPrincipals(registry, env, config);
    claimServiceAccounts(registry, env, config);
    claimState(registry, env, config);
  }
  return registry.collisions;
}

/** The resource group to create, the vault name, and the secret names the server writes in the vault. */
function claimGroupAndVault(registry: ClaimRegistry, env: string, config: EnvironmentConfig, secretHeads: SecretHeads): void {
  const { subscriptionId } = config;
  const { clusterName, prefix } = config.openmetadata;
  if (!config.existingResourceGroup) {
    registry.claim(
      lower('rg', subscriptionId, config.resourceGroup),
      { environment: env, path: ['resourceGroup'], received: config.resourceGroup, what: 'a resource group to create' },
      'both would create and own it; set existingResourceGroup: true in one',
    );
  }

  const vault =
    'existingId' in config.keyVault
      ? (parseKeyVaultId(config.keyVault.existingId)?.vaultName ?? config.keyVault.existingId)
      : config.keyVault.name;
  const ownVault =
    !('name' in config.keyVault) ||
    registry.claim(
      lower('vault', config.keyVault.name),
      { environment: env, path: ['keyVault', 'name'], received: config.keyVault.name, what: 'a vault name' },
      'vault names are globally unique',
    );
  // Two OpenMetadata installations in one vault must not write the same secret names. Only a
  // managed-azure-kv server writes any; names start with <prefix><clusterName> and go on with
  // "-<part>", so one head followed by "-" must not begin another.
  if (ownVault && config.openmetadata.secretsManager === 'managed-azure-kv') {
    const head = names.secretNameHead(prefix, clusterName);
    const vaultKey = String(vault).toLowerCase();
    const earlier = secretHeads.find(
      (h) =>
        h.vault === vaultKey &&
        h.environment !== env &&
        (h.head === head || head.startsWith(`${h.head}-`) || h.head.startsWith(`${head}-`)),
    );
    if (earlier) {
      registry.report({
        environment: env,
        path: ['openmetadata', prefix ? 'prefix' : 'clusterName'],
        received: head,
        message:
          `expected secret names (<prefix><clusterName>-...) in vault ${vault} that no other environment writes, but environments.${earlier.environment} writes ${earlier.head}-... ` +
          "(both installations would overwrite each other's secrets; give one another prefix or clusterName)",
      });
    } else {
      secretHeads.push({ environment: env, vault: vaultKey, head });
    }
  }
}

/** The names of the identities (in the resource group) and app registrations (in the tenant) the stack creates. */
function claimPrincipals(registry: ClaimRegistry, env: string, config: EnvironmentConfig): void {
  const { subscriptionId, tenantId } = config;
  const { clusterName } = config.openmetadata;
  const plan = config.principalPlan;
  for (const { role, principal } of ownPrincipals(plan)) {
    const name = principalName(role, principal, clusterName, env);
    const path = ['principals', role, 'name'];
    switch (principal.auth) {
      case 'workload-identity':
        registry.claim(
          lower('identity', subscriptionId, config.resourceGroup, name),
          { environment: env, path, received: name, what: `a managed identity name in resource group ${config.resourceGroup}` },
          'set principals.' + role + '.name',
          true,
        );
        break;
      case 'client-secret':
        registry.claim(
          lower('app', tenantId, name),
          { environment: env, path, received: name, what: 'an app registration name' },
          'two registrations with one name are easy to confuse; set principals.' + role + '.name',
          true,
        );
        break;
      default:
        unreachable(principal);
    }
  }
}

/** The federated service accounts, in the cluster of the OIDC issuer. */
function claimServiceAccounts(registry: ClaimRegistry, env: string, config: EnvironmentConfig): void {
  const { subscriptionId } = config;
  // A service account carries one identity (its client-id annotation), whether the stack writes it
  // or GitOps applies the manifest: two environments federating one account in one cluster would
  // fight over it. The cluster is its OIDC issuer (what Entra ID matches), whatever kubeconfig
  // context names it; or the AKS cluster the issuer is read from.
  const cluster = config.aks?.oidcIssuerUrl ?? lower('aks', subscriptionId, config.aks?.resourceGroup ?? '', config.aks?.name ?? '');
  // A shared identity's pods on the server's own account claim nothing more (federatedAccounts).
  for (const { role, namespace: ns, serviceAccount: sa } of federatedAccounts(config.principalPlan)) {
    const path = ['principals', role, 'serviceAccount'];
    registry.claim(
      `sa:${cluster}/${ns}/${sa}`,
      { environment: env, path, received: `${ns}/${sa}`, what: 'a federated service account in this cluster' },
      'one account can carry one identity; with one OIDC issuer it is the same cluster, whatever the kubeconfig context is called',
    );
  }
}

/** The state file, blob or Terraform Cloud workspace. */
function claimState(registry: ClaimRegistry, env: string, config: EnvironmentConfig): void {
  const backend = config.backend;
  if (backend.type === 'local') {
    const path = names.localStatePath(backend.path, env);
    registry.claim(
      `state:local:${path}`,
      { environment: env, path: ['backend', 'path'], received: path, what: 'a state file' },
      'each environment needs its own state',
    );
  } else if (backend.type === 'azurerm') {
    const key = names.azurermStateKey(backend.key, env);
    registry.claim(
      `state:azurerm:${lower(backend.storageAccountName, backend.containerName)}/${key}`,
      {
        environment: env,
        path: ['backend', 'key'],
        received: `${backend.storageAccountName}/${backend.containerName}/${key}`,
        what: 'a state blob',
      },
      'each environment needs its own state',
    );
  } else {
    const host = (backend.hostname ?? names.DEFAULT_TFC_HOSTNAME).toLowerCase();
    const workspace =
      backend.workspace !== undefined ? `name:${backend.workspace}` : `tags:${[...(backend.workspaceTags ?? [])].sort().join(',')}`;
    registry.claim(
      `state:cloud:${host}/${backend.organization}/${workspace}`,
      {
        environment: env,
        path: ['backend', backend.workspace !== undefined ? 'workspace' : 'workspaceTags'],
        received: `${backend.organization}/${backend.workspace ?? `tags ${backend.workspaceTags?.join(', ')}`}`,
        what: 'a Terraform Cloud workspace',
      },
      'each environment needs its own workspace and state',
    );
  }
}
