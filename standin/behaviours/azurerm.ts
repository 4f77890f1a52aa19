/**
 * azurerm as the stand-in plays it: Azure resource IDs in the formats azurerm parses (each type's
 * parse package at v4.81.0), the computed values the stacks read, and what Azure refuses:
 *
 * - A `CanNotDelete` lock refuses deleting anything at or below its scope, with 409 ScopeLocked
 *   (Azure Resource Manager docs, "Lock your resources to protect your infrastructure": "Authorized
 *   users can read and modify a resource, but they can't delete it"; the lock applies to child
 *   resources and extension resources at the scope, which is what role assignments, diagnostic
 *   settings and private endpoint connections of a vault are: azurerm issues #11770 and #17478), and
 *   deleting a parent of a locked scope (its resource group) fails the same way. A `ReadOnly` lock
 *   also refuses creating and updating there. Deleting a lock itself is allowed.
 * - Federated identity credentials of one identity are written one at a time: azurerm takes a lock
 *   per identity for each create, update and delete (federated_identity_credential_resource.go,
 *   locks.ByID, since v3.40.0, PR #20003), because Azure refuses concurrent writes with 409
 *   ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity. Within one provider
 *   process, as here, that 409 cannot happen.
 */
import { KEY_VAULT_ROLES } from '../../lib/facts/azure-facts';
import { UNKNOWN } from '../cty';
import type { ApplyContext, Obj, ProviderBehaviour, TypeBehaviour } from '../provider';
import { ProviderError } from '../provider';
import type { World } from '../world';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function rgId(world: World, rg: string): string {
  return `/subscriptions/${world.subscriptionId}/resourceGroups/${rg}`;
}

function providerId(world: World, obj: Obj, namespaceType: string): string {
  return `${rgId(world, str(obj.resource_group_name))}/providers/${namespaceType}/${str(obj.name)}`;
}

const within = (id: string, scope: string) => id === scope || id.startsWith(`${scope}/`);

/**
 * The locks an operation at `id` runs into (Azure IDs compare case-insensitively): for a write, the
 * locks at or above it; for a delete, those and the locks below it (a resource group holding a locked
 * vault cannot be deleted).
 */
function locksOver(world: World, id: string, action: 'delete' | 'write' = 'write'): Obj[] {
  const target = id.toLowerCase();
  return world.list('azurerm_management_lock').filter((lock) => {
    const scope = str(lock.scope).toLowerCase();
    return within(target, scope) || (action === 'delete' && within(scope, target));
  });
}

function refuseUnderLock(ctx: ApplyContext, scope: string, action: 'delete' | 'write', what: string): void {
  for (const lock of locksOver(ctx.world, scope, action)) {
    if (action === 'write' && str(lock.lock_level) !== 'ReadOnly') continue;
    const detail = `The scope '${scope}' cannot perform ${action} operation because following scope(s) are locked: '${str(lock.scope)}'. Please remove the lock and try again.`;
    ctx.world.refuse(ctx.type, what, detail);
    const verb = action === 'delete' ? 'deleting' : 'creating/updating';
    throw new ProviderError(`${verb} ${ctx.type} ${what}: unexpected status 409 (409 Conflict) with error: ScopeLocked`, detail);
  }
}

/** Deletes and (under ReadOnly) writes of the object at the scope the type acts on. */
function lockedAt(scopeOf: (obj: Obj) => string[]): Pick<TypeBehaviour, 'create' | 'update' | 'delete'> {
  return {
    create: (o, c) => scopeOf(o).forEach((s) => refuseUnderLock(c, s, 'write', str(o.id))),
    update: (o, c) => scopeOf(o).forEach((s) => refuseUnderLock(c, s, 'write', str(o.id))),
    delete: (o, c) => scopeOf(o).forEach((s) => refuseUnderLock(c, s, 'delete', str(o.id))),
  };
}

/** The identity a federated credential belongs to: whichever of the two names the configuration set. */
function credentialIdentity(o: Obj): string {
  return [o.user_assigned_identity_id, o.parent_id].find((v): v is string => typeof v === 'string' && v !== '') ?? '';
}

/** azurerm's per-identity lock: the writes of one identity's credentials wait for each other. */
const identityLocks = new WeakMap<World, Map<string, Promise<void>>>();
/** How long a federated credential write takes here: long enough for parallel applies to overlap. */
const FIC_WRITE_MS = 40;

async function federatedWrite(obj: Obj, ctx: ApplyContext): Promise<void> {
  const identity = credentialIdentity(obj).toLowerCase();
  let locks = identityLocks.get(ctx.world);
  if (!locks) identityLocks.set(ctx.world, (locks = new Map()));
  const before = locks.get(identity) ?? Promise.resolve();
  const mine = before.then(() => new Promise<void>((resolve) => setTimeout(resolve, FIC_WRITE_MS)));
  locks.set(identity, mine);
  await mine;
}

const roleIds: Record<string, string> = Object.fromEntries(Object.values(KEY_VAULT_ROLES).map((r) => [r.name, r.id]));
const roleNames: Record<string, string> = Object.fromEntries(Object.values(KEY_VAULT_ROLES).map((r) => [r.id, r.name]));

const resources: Record<string, TypeBehaviour> = {
  azurerm_resource_group: {
    // resource/parse ResourceGroupId: /subscriptions/{sub}/resourceGroups/{name}
    id: (o, c) => rgId(c.world, str(o.name)),
    ...lockedAt((o) => [str(o.id)]),
  },
  azurerm_key_vault: {
    // keyvault: commonids.KeyVaultId, /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{name}
    id: (o, c) => providerId(c.world, o, 'Microsoft.KeyVault/vaults'),
    computes: ['vault_uri', 'access_policy', 'enable_rbac_authorization', 'rbac_authorization_enabled'],
    computed: (o) => {
      o.vault_uri = `https://${str(o.name)}.vault.azure.net/`;
      // key_vault_resource.go (v4.81.0) Read sets both RBAC flags from the one API property.
      const rbac = o.rbac_authorization_enabled === true || o.enable_rbac_authorization === true;
      o.rbac_authorization_enabled = rbac;
      o.enable_rbac_authorization = rbac;
      if (o.access_policy === UNKNOWN) o.access_policy = [];
    },
    ...lockedAt((o) => [str(o.id)]),
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
    computes: ['name', 'role_definition_id', 'role_definition_name', 'principal_type'],
    computed: (o, c) => {
      const role = roleIds[str(o.role_definition_name)] ?? c.world.guid(c.seed('role'));
      if (typeof o.role_definition_id !== 'string') {
        o.role_definition_id = `/subscriptions/${c.world.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role}`;
      }
      if (typeof o.role_definition_name !== 'string')
        o.role_definition_name = roleNames[str(o.role_definition_id).split('/').pop() ?? ''] ?? '';
      if (typeof o.principal_type !== 'string') o.principal_type = 'ServicePrincipal';
    },
    ...lockedAt((o) => [str(o.scope)]),
  },
  azurerm_user_assigned_identity: {
    // commonids.UserAssignedIdentityId
    id: (o, c) => providerId(c.world, o, 'Microsoft.ManagedIdentity/userAssignedIdentities'),
    computes: ['client_id', 'principal_id', 'tenant_id'],
    computed: (o, c) => {
      o.tenant_id = c.world.tenantId;
      if (o.client_id === UNKNOWN) o.client_id = c.world.guid(c.seed('client_id'));
      if (o.principal_id === UNKNOWN) o.principal_id = c.world.guid(c.seed('principal_id'));
    },
    ...lockedAt((o) => [str(o.id)]),
  },
  azurerm_federated_identity_credential: {
    // managedidentity: .../userAssignedIdentities/{identity}/federatedIdentityCredentials/{name};
    // Read sets parent_id, user_assigned_identity_id and resource_group_name from it (v4.81.0).
    id: (o) => `${credentialIdentity(o)}/federatedIdentityCredentials/${str(o.name)}`,
    computes: ['user_assigned_identity_id', 'parent_id', 'resource_group_name'],
    computed: (o) => {
      const identity = str(o.id).replace(/\/federatedIdentityCredentials\/[^/]+$/, '');
      o.user_assigned_identity_id = identity;
      if ('parent_id' in o) o.parent_id = identity;
      if ('resource_group_name' in o) o.resource_group_name = identity.split('/')[4] ?? '';
    },
    create: federatedWrite,
    update: federatedWrite,
    delete: federatedWrite,
  },
  azurerm_private_endpoint: {
    id: (o, c) => providerId(c.world, o, 'Microsoft.Network/privateEndpoints'),
    // The endpoint itself, and its privateEndpointConnections child of the vault: deleting the
    // endpoint deletes the connection, creating it writes one.
    ...lockedAt((o) => [
      str(o.id),
      ...((o.private_service_connection as Obj[] | null) ?? []).map((c) => str(c.private_connection_resource_id)),
    ]),
  },
  azurerm_monitor_diagnostic_setting: {
    // monitor/parse: {target}|{name}; an extension resource of its target.
    id: (o) => `${str(o.target_resource_id)}|${str(o.name)}`,
    ...lockedAt((o) => [str(o.target_resource_id)]),
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

// What the fixtures of standin/fixtures.ts give each data source.
dataSources.azurerm_key_vault.computes = [
  'id',
  'location',
  'tenant_id',
  'sku_name',
  'vault_uri',
  'rbac_authorization_enabled',
  'enable_rbac_authorization',
  'purge_protection_enabled',
  'public_network_access_enabled',
  'access_policy',
];
dataSources.azurerm_kubernetes_cluster.computes = [
  'id',
  'location',
  'oidc_issuer_enabled',
  'oidc_issuer_url',
  'workload_identity_enabled',
  'kube_config',
  'kube_admin_config',
  'azure_active_directory_role_based_access_control',
];
dataSources.azurerm_virtual_network.computes = ['id', 'location', 'address_space'];

/** A fixture for an existing resource's data source, in the key format fixtureRead looks up. */
export function fixtureKey(type: string, resourceGroup: string, name: string): string {
  return `${type}/${resourceGroup}/${name}`.toLowerCase();
}
