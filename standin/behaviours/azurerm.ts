/**
 * azurerm as the stand-in plays it: Azure resource IDs in the formats azurerm parses (each type's
 * parse package at v4.81.0), the computed values the stacks read, and what Azure refuses:
 *
 * - A `CanNotDelete` lock refuses deleting anything at or below its scope, with 409 ScopeLocked
 *   (Azure Resource Manager docs, "Lock your resources to protect your infrastructure": "Authorized
 *   users can read and modify a resource, but they can't delete it"; the lock applies to child
 *   resources and extension resources at the scope, which is what role assignments, diagnostic
 *   settings and private endpoint connections of a vault are). A lock of `ReadOnly` also refuses
 *   creating and updating there.
 * - Two federated identity credentials written on one user-assigned identity at once: the second
 *   fails with 409 ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity (Entra
 *   workload identity federation docs, "Important considerations and restrictions": "Creating
 *   multiple federated identity credentials under the same user-assigned managed identity
 *   concurrently triggers concurrency detection logic").
 */
import type { ProviderBehaviour, TypeBehaviour, ApplyContext, Obj } from '../provider';
import { ProviderError } from '../provider';
import type { World } from '../world';
import { KEY_VAULT_ROLES } from '../../lib/facts/azure-facts';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function rgId(world: World, rg: string): string {
  return `/subscriptions/${world.subscriptionId}/resourceGroups/${rg}`;
}

function providerId(world: World, obj: Obj, namespaceType: string): string {
  return `${rgId(world, str(obj.resource_group_name))}/providers/${namespaceType}/${str(obj.name)}`;
}

/** The locks whose scope contains the given resource ID (Azure IDs compare case-insensitively). */
export function locksOver(world: World, id: string): Obj[] {
  const target = id.toLowerCase();
  return world.list('azurerm_management_lock').filter((lock) => {
    const scope = str(lock.scope).toLowerCase();
    return target === scope || target.startsWith(`${scope}/`);
  });
}

function refuseUnderLock(world: World, ctx: ApplyContext, scope: string, action: 'delete' | 'write', what: string): void {
  for (const lock of locksOver(world, scope)) {
    const level = str(lock.lock_level);
    if (action === 'delete' || level === 'ReadOnly') {
      const detail = `The scope '${scope}' cannot perform ${action} operation because following scope(s) are locked: '${str(lock.id)}'. Please remove the lock and try again.`;
      world.refuse(ctx.type, what, detail);
      throw new ProviderError(`deleting ${ctx.type} ${what}: unexpected status 409 (409 Conflict) with error: ScopeLocked`, detail);
    }
  }
}

/** The vault a resource sits at: role assignments and diagnostic settings name it as scope or target. */
const lockedDelete =
  (scopeOf: (obj: Obj) => string): TypeBehaviour['delete'] =>
  (obj, ctx) =>
    refuseUnderLock(ctx.world, ctx, scopeOf(obj), 'delete', str(obj.id));

const lockedWrite =
  (scopeOf: (obj: Obj) => string): TypeBehaviour['create'] =>
  (obj, ctx) =>
    refuseUnderLock(ctx.world, ctx, scopeOf(obj), 'write', str(obj.id));

/** Federated credentials being written, by identity: a second one at once is refused. */
const writing = new WeakMap<World, Set<string>>();
/** How long a federated credential write takes here: long enough for parallel applies to overlap. */
const FIC_WRITE_MS = 40;

/** The identity a federated credential belongs to: whichever of the two names the configuration set. */
function credentialIdentity(o: Obj): string {
  return [o.user_assigned_identity_id, o.parent_id].find((v): v is string => typeof v === 'string') ?? '';
}

async function federatedWrite(obj: Obj, ctx: ApplyContext): Promise<void> {
  const identity = credentialIdentity(obj).toLowerCase();
  let busy = writing.get(ctx.world);
  if (!busy) writing.set(ctx.world, (busy = new Set()));
  if (busy.has(identity)) {
    const detail = `Too many Federated Identity Credentials are written concurrently for the managed identity ${identity}.`;
    ctx.world.refuse(ctx.type, str(obj.id), detail);
    throw new ProviderError(
      `creating/updating Federated Identity Credential: unexpected status 409 (409 Conflict) with error: ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity`,
      detail,
    );
  }
  busy.add(identity);
  try {
    await new Promise((resolve) => setTimeout(resolve, FIC_WRITE_MS));
  } finally {
    busy.delete(identity);
  }
}

const roleIds: Record<string, string> = Object.fromEntries(Object.values(KEY_VAULT_ROLES).map((r) => [r.name, r.id]));
const roleNames: Record<string, string> = Object.fromEntries(Object.values(KEY_VAULT_ROLES).map((r) => [r.id, r.name]));

const resources: Record<string, TypeBehaviour> = {
  azurerm_resource_group: {
    // resource/parse ResourceGroupId: /subscriptions/{sub}/resourceGroups/{name}
    id: (o, c) => rgId(c.world, str(o.name)),
    delete: lockedDelete((o) => str(o.id)),
  },
  azurerm_key_vault: {
    // keyvault: commonids.KeyVaultId, /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{name}
    id: (o, c) => providerId(c.world, o, 'Microsoft.KeyVault/vaults'),
    computed: (o) => {
      o.vault_uri = `https://${str(o.name)}.vault.azure.net/`;
    },
    delete: lockedDelete((o) => str(o.id)),
    update: lockedWrite((o) => str(o.id)),
  },
  azurerm_management_lock: {
    // resource/parse ManagementLockId: {scope}/providers/Microsoft.Authorization/locks/{name}
    id: (o) => `${str(o.scope)}/providers/Microsoft.Authorization/locks/${str(o.name)}`,
  },
  azurerm_role_assignment: {
    // authorization/parse RoleAssignmentId: {scope}/providers/Microsoft.Authorization/roleAssignments/{guid}
    id: (o, c) => {
      if (typeof o.name !== 'string') o.name = c.world.guid(c.seed('name'));
      return `${str(o.scope)}/providers/Microsoft.Authorization/roleAssignments/${str(o.name)}`;
    },
    computed: (o, c) => {
      const role = roleIds[str(o.role_definition_name)] ?? c.world.guid(c.seed('role'));
      if (typeof o.role_definition_id !== 'string') {
        o.role_definition_id = `/subscriptions/${c.world.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role}`;
      }
      if (typeof o.role_definition_name !== 'string')
        o.role_definition_name = roleNames[str(o.role_definition_id).split('/').pop() ?? ''] ?? '';
      if (typeof o.principal_type !== 'string') o.principal_type = 'ServicePrincipal';
    },
    delete: lockedDelete((o) => str(o.scope)),
  },
  azurerm_user_assigned_identity: {
    // commonids.UserAssignedIdentityId
    id: (o, c) => providerId(c.world, o, 'Microsoft.ManagedIdentity/userAssignedIdentities'),
    computed: (o, c) => {
      o.tenant_id = c.world.tenantId;
    },
  },
  azurerm_federated_identity_credential: {
    // managedidentity: .../userAssignedIdentities/{identity}/federatedIdentityCredentials/{name};
    // Read sets parent_id, user_assigned_identity_id and resource_group_name from it (v4.81.0).
    id: (o) => `${credentialIdentity(o)}/federatedIdentityCredentials/${str(o.name)}`,
    computed: (o) => {
      const identity = str(o.id).replace(/\/federatedIdentityCredentials\/[^/]+$/, '');
      o.user_assigned_identity_id = identity;
      if ('parent_id' in o) o.parent_id = identity;
      if ('resource_group_name' in o) o.resource_group_name = identity.split('/')[4] ?? '';
    },
    create: federatedWrite,
    update: federatedWrite,
  },
  azurerm_private_endpoint: {
    id: (o, c) => providerId(c.world, o, 'Microsoft.Network/privateEndpoints'),
    // Deleting the endpoint deletes its privateEndpointConnections child of the vault.
    delete: (o, c) => {
      for (const conn of (o.private_service_connection as Obj[] | null) ?? []) {
        refuseUnderLock(c.world, c, str(conn.private_connection_resource_id), 'delete', str(o.id));
      }
    },
  },
  azurerm_monitor_diagnostic_setting: {
    // monitor/parse: {target}|{name}
    id: (o) => `${str(o.target_resource_id)}|${str(o.name)}`,
    delete: lockedDelete((o) => str(o.target_resource_id)),
  },
};

/** Data sources answer from the world's fixtures, keyed `type/resource group/name`. */
function fixtureRead(type: string, notFound: (config: Obj) => string): TypeBehaviour['read'] {
  return (config, { world }) => {
    const key = `${type}/${str(config.resource_group_name)}/${str(config.name)}`.toLowerCase();
    const fixture = world.fixtures.get(key);
    if (!fixture) throw new ProviderError(notFound(config));
    if ('error' in fixture && typeof fixture.error === 'string') throw new ProviderError(fixture.error, str(fixture.detail));
    return { ...config, ...fixture };
  };
}

const dataSources: Record<string, TypeBehaviour> = {
  azurerm_key_vault: {
    // key_vault_data_source.go (v4.81.0): a vault that does not exist is an error, not an empty result.
    read: fixtureRead(
      'azurerm_key_vault',
      (c) => `Key Vault "${str(c.name)}" (Resource Group "${str(c.resource_group_name)}") was not found`,
    ),
  },
  azurerm_kubernetes_cluster: {
    read: fixtureRead(
      'azurerm_kubernetes_cluster',
      (c) => `retrieving Kubernetes Cluster "${str(c.name)}" (Resource Group "${str(c.resource_group_name)}"): not found`,
    ),
  },
  azurerm_virtual_network: {
    read: fixtureRead(
      'azurerm_virtual_network',
      (c) => `Virtual Network "${str(c.name)}" (Resource Group "${str(c.resource_group_name)}") was not found`,
    ),
  },
};

export const AZURERM: ProviderBehaviour = { legacyTypeSystem: true, resources, dataSources };

/** A fixture for an existing resource's data source, in the key format fixtureRead looks up. */
export function fixtureKey(type: string, resourceGroup: string, name: string): string {
  return `${type}/${resourceGroup}/${name}`.toLowerCase();
}
