import * as ids from '../facts/import-ids';
import { parseKeyVaultId } from '../facts/naming-rules';
import type { EnvironmentConfig } from './environment-schema';
import { principalName, unreachable } from './principal-plan';

/** A problem with an adopted ID, at its path under the environment. */
export interface AdoptionProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
/** "West Europe" and "westeurope" are one region to azurerm (location.Normalize). */
const region = (v: string) => v.replace(/\s+/g, '').toLowerCase();

/**
 * What an adopted object must match for the first plan to import it and replace nothing: each
 * argument Azure cannot change in place (a name, a resource group, a region, purge protection
 * once on) must equal what the config asks for; where it cannot, the message says why and how.
 */
export function adoptionProblems(environment: string, env: EnvironmentConfig): AdoptionProblem[] {
  const adopt = env.adopt;
  if (adopt === undefined) return [];
  const problems: AdoptionProblem[] = [];
  const bad = (path: (string | number)[], message: string) => problems.push({ path: ['adopt', ...path], message });
  const inSubscription = (subscriptionId: string) => sameText(subscriptionId, env.subscriptionId);
  const inGroup = (p: ids.ParsedResourceGroupId, path: (string | number)[], what: string) => {
    if (!inSubscription(p.subscriptionId))
      bad(path, `expected ${what} in subscription ${env.subscriptionId} (the environment's subscriptionId)`);
    else if (p.resourceGroupName !== env.resourceGroup)
      bad(
        path,
        `expected ${what} in resource group ${env.resourceGroup} (resourceGroup): the stack creates it there, and an object cannot move group in place`,
      );
  };

  if (adopt.resourceGroup !== undefined) {
    const group = ids.parseResourceGroupId(adopt.resourceGroup) as ids.ParsedResourceGroupId;
    if (env.existingResourceGroup) {
      bad(['resourceGroup'], 'expected existingResourceGroup false with an adopted group: from now on the stack manages it');
    } else inGroup(group, ['resourceGroup'], 'the group');
  }

  if (adopt.keyVault !== undefined) {
    const vault = parseKeyVaultId(adopt.keyVault.id) as NonNullable<ReturnType<typeof parseKeyVaultId>>;
    const kv = env.keyVault;
    if ('existingId' in kv) {
      bad(['keyVault', 'id'], 'expected keyVault.name, not existingId, with an adopted vault: adopting it means the stack manages it');
    } else {
      if (vault.vaultName !== kv.name)
        bad(
          ['keyVault', 'id'],
          `expected the vault keyVault.name names (${kv.name}): a vault's name cannot change in place; set keyVault.name to ${vault.vaultName}`,
        );
      else inGroup(vault, ['keyVault', 'id'], 'the vault');
      const seen = adopt.keyVault.observed ?? {};
      if (seen.location !== undefined && region(seen.location) !== region(env.location))
        bad(
          ['keyVault', 'observed', 'location'],
          `expected the environment's location (${env.location}): a vault cannot move region; set location to ${seen.location}`,
        );
      if (seen.purgeProtection === true && !kv.purgeProtection)
        bad(
          ['keyVault', 'observed', 'purgeProtection'],
          'expected keyVault.purgeProtection true: purge protection, once on, cannot be turned off',
        );
      if (seen.rbacAuthorization === false)
        bad(
          ['keyVault', 'observed', 'rbacAuthorization'],
          'expected a vault that uses Azure RBAC: it uses access policies, and switching the model in the same apply would cut OpenMetadata off until the new role assignments take effect. ' +
            'Migrate first: assign Key Vault Secrets Officer to the server and Key Vault Secrets User to ingestion at the vault, wait for them to take effect, ' +
            'run az keyvault update --name <vault> --enable-rbac-authorization true, then adopt the vault and those assignments',
        );
      if (seen.softDeleteRetentionDays !== undefined && seen.softDeleteRetentionDays !== kv.softDeleteRetentionDays)
        bad(
          ['keyVault', 'observed', 'softDeleteRetentionDays'],
          `expected keyVault.softDeleteRetentionDays ${seen.softDeleteRetentionDays}: Azure sets the retention once, when the vault is created`,
        );
    }
  }

  for (const role of ['server', 'ingestion'] as const) {
    const adopted = adopt[role];
    if (adopted === undefined) continue;
    const plan = env.principalPlan[role];
    if (plan.auth === 'shared' || plan.auth === 'none') {
      bad(
        [role],
        `expected no ${role} adoption: ${plan.auth === 'shared' ? 'ingestion shares the server principal' : 'with azure-kv the server has no principal'}`,
      );
      continue;
    }
    const auth = plan.auth;
    const refuse = (keys: readonly ('identity' | 'federatedCredential' | 'application' | 'servicePrincipal')[]) => {
      for (const key of keys) if (adopted[key] !== undefined) bad([role, key], `expected no ${key}: principals.${role}.auth is ${auth}`);
    };
    switch (plan.auth) {
      case 'workload-identity': {
        refuse(['application', 'servicePrincipal']);
        const wanted = principalName(role, plan, env.openmetadata.clusterName, environment);
        const identity = adopted.identity === undefined ? undefined : ids.parseIdentityId(adopted.identity);
        if (identity) {
          if (identity.identityName !== wanted)
            bad(
              [role, 'identity'],
              `expected the identity the stack names ${wanted}: an identity cannot be renamed; set principals.${role}.name to ${identity.identityName}`,
            );
          else inGroup(identity, [role, 'identity'], 'the identity');
        }
        if (adopted.federatedCredential !== undefined) {
          const credential = ids.parseFederatedCredentialId(adopted.federatedCredential) as ids.ParsedCredentialId;
          if (identity === undefined)
            bad([role, 'federatedCredential'], 'expected the identity it belongs to adopted too (adopt.' + role + '.identity)');
          else if (credential.identityName !== identity.identityName || credential.resourceGroupName !== identity.resourceGroupName)
            bad([role, 'federatedCredential'], `expected a credential of the adopted identity ${identity.identityName}`);
        }
        break;
      }
      case 'client-secret':
        refuse(['identity', 'federatedCredential']);
        if ((adopted.application === undefined) !== (adopted.servicePrincipal === undefined)) {
          // One service principal per application and tenant: a new one for an adopted application fails, and the reverse.
          bad(
            [role, adopted.application === undefined ? 'application' : 'servicePrincipal'],
            'expected application and servicePrincipal adopted together',
          );
        }
        break;
      default:
        unreachable(plan);
    }
    if (adopted.roleAssignment !== undefined) {
      const assignment = ids.parseRoleAssignmentId(adopted.roleAssignment) as ids.ParsedRoleAssignmentId;
      const vaultName = 'existingId' in env.keyVault ? parseKeyVaultId(env.keyVault.existingId)?.vaultName : env.keyVault.name;
      if (!sameText(assignment.scope.vaultName, vaultName ?? ''))
        bad([role, 'roleAssignment'], `expected an assignment at the vault ${vaultName}: the stack assigns roles there`);
      else if (adopted.identity === undefined && adopted.application === undefined)
        bad(
          [role, 'roleAssignment'],
          `expected the principal it is assigned to adopted too (adopt.${role}.${auth === 'workload-identity' ? 'identity' : 'application'}): a new principal replaces the assignment`,
        );
    }
  }

  if (adopt.kubernetes !== undefined && !env.kubernetes.manage) {
    bad(['kubernetes'], 'expected kubernetes.manage true: with manifests as outputs the stack manages no Kubernetes object to adopt');
  }
  return problems;
}
