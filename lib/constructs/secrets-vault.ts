import { DataAzurermKeyVault } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault';
import { DataAzurermVirtualNetwork } from '@cdktf/provider-azurerm/lib/data-azurerm-virtual-network';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Lazy, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { KEY_VAULT_ROLES, KeyVaultRole, vaultUriOf } from '../facts/azure-facts';
import { ValidationError } from '../facts/errors';
import * as rules from '../facts/naming-rules';
import { SOFT_DELETE_RETENTION_DAYS, VAULT_DEFAULTS, VaultSku } from '../facts/secure-defaults';
import { checkLiteral } from './check-literal';
import { LockCheck } from './lock-check';
import { ScopeVersion } from './scope-version';
import { IVaultPrincipal } from './vault-principal';

/** A Key Vault that OpenMetadata keeps its secrets in. */
export interface ISecretsVault {
  /** Resource ID (a Terraform token for a vault created here). */
  readonly vaultId: string;
  /** Vault name: what OpenMetadata's `vaultName` settings take. Known at synth. */
  readonly vaultName: string;
  /** https://<name>.vault.azure.net/ */
  readonly vaultUri: string;
  /** Lets the principal create, update and delete secrets (Key Vault Secrets Officer). */
  grantSecretsManagement(principal: IVaultPrincipal): RoleAssignment;
  /** Lets the principal read secrets, nothing else (Key Vault Secrets User). */
  grantSecretsRead(principal: IVaultPrincipal): RoleAssignment;
  /** The secrets role the principal was granted here, if any: what the access diagram shows. */
  secretsRoleOf(principal: IVaultPrincipal): KeyVaultRole | undefined;
}

/** Where role assignments go and which subscription holds the role definitions. */
interface GrantTarget {
  readonly scope: string;
  readonly subscriptionId: string;
}

abstract class SecretsVaultBase extends Construct implements ISecretsVault {
  abstract readonly vaultId: string;
  abstract readonly vaultName: string;
  abstract readonly vaultUri: string;
  protected abstract readonly grantTarget: GrantTarget;
  private readonly granted = new Map<IVaultPrincipal, KeyVaultRole>();

  grantSecretsManagement(principal: IVaultPrincipal): RoleAssignment {
    return this.grant(principal, KEY_VAULT_ROLES.secretsOfficer, 'SecretsOfficer');
  }

  grantSecretsRead(principal: IVaultPrincipal): RoleAssignment {
    return this.grant(principal, KEY_VAULT_ROLES.secretsUser, 'SecretsUser');
  }

  secretsRoleOf(principal: IVaultPrincipal): KeyVaultRole | undefined {
    return this.granted.get(principal);
  }

  private grant(principal: IVaultPrincipal, role: KeyVaultRole, idSuffix: string): RoleAssignment {
    // One secrets role per principal: a second grant would only widen access silently.
    const existing = this.granted.get(principal);
    if (existing) {
      throw new ValidationError(
        `${principal.node.path} already holds ${existing.name} on vault ${this.vaultName}; ` +
          `expected one secrets role per principal (received a second grant of ${role.name})`,
        this,
      );
    }
    this.granted.set(principal, role);
    const assignment = new RoleAssignment(this, `${principal.node.id}${idSuffix}`, {
      scope: this.grantTarget.scope,
      // The subscription-scoped form is what Azure returns on read: the tenant-level form would
      // show a diff on every plan.
      roleDefinitionId: `/subscriptions/${this.grantTarget.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`,
      principalId: principal.principalId,
      // New identities take minutes to replicate; naming the type skips the lookup that fails meanwhile.
      principalType: 'ServicePrincipal',
      description: `${role.name} for ${principal.node.path} (OpenMetadata secrets manager)`,
    });
    // description is force-new (azurerm 4.81 role_assignment_resource.go has no Update): an adopted
    // assignment keeps its hand-made text, and dropping `adopt` later replaces nothing for it.
    assignment.addOverride('lifecycle.ignore_changes', ['description']);
    this.onScopedResource(assignment);
    return assignment;
  }

  /** Called for every resource created at the vault's scope (role assignments, diagnostic settings). */
  protected onScopedResource(_resource: TerraformResource & { readonly id: string }): void {}
}

/** Network rules of a new vault. */
export interface SecretsVaultNetworkProps {
  /** What happens to traffic no rule allows. @default - Deny */
  readonly defaultAction?: 'Allow' | 'Deny';
  /** Let trusted Azure services through. @default - true */
  readonly bypassAzureServices?: boolean;
  /** Public IPv4 addresses or CIDR ranges allowed. @default - none */
  readonly allowedIpRanges?: readonly string[];
  /** Subnet IDs allowed (service endpoint Microsoft.KeyVault). @default - none */
  readonly allowedSubnetIds?: readonly string[];
}

/** Where the vault's private endpoint goes. */
export interface SecretsVaultPrivateEndpointProps {
  /** Subnet the endpoint takes its address from. */
  readonly subnetId: string;
  /** The privatelink.vaultcore.azure.net zone the endpoint registers in. */
  readonly privateDnsZoneId: string;
  /**
   * Region of the subnet's virtual network: a private endpoint must be created there, whatever the
   * vault's region. @default - read from the virtual network (which must then be in subscriptionId)
   */
  readonly location?: string;
}

/** Properties of a new, RBAC-only Key Vault. */
export interface SecretsVaultProps {
  /** Globally unique vault name, 3-24 characters. */
  readonly name: string;
  /** Resource group to create the vault in. */
  readonly resourceGroupName: string;
  /** Azure region. */
  readonly location: string;
  /** Entra ID tenant that authenticates requests to the vault. */
  readonly tenantId: string;
  /** Subscription the vault lives in (role definitions are referenced there). */
  readonly subscriptionId: string;
  /** standard or premium (HSM-backed keys; secrets are the same). @default - standard */
  readonly sku?: VaultSku;
  /** Days a deleted vault or secret can be recovered, 7-90. Written explicitly: it can be set only once. @default - 90 */
  readonly softDeleteRetentionDays?: number;
  /** Forbid purging before retention ends. Cannot be turned off once on. @default - true */
  readonly purgeProtection?: boolean;
  /** Reachable through its public endpoint, subject to the network rules. @default - true */
  readonly publicNetworkAccess?: boolean;
  /** Firewall rules. @default - deny all but trusted Azure services */
  readonly network?: SecretsVaultNetworkProps;
  /** Tags on the vault and its private endpoint. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
  /** A private endpoint in this subnet, registered in this privatelink.vaultcore.azure.net zone. @default - none */
  readonly privateEndpoint?: SecretsVaultPrivateEndpointProps;
  /** Send `audit` (or `allLogs`) logs and AllMetrics to this Log Analytics workspace. @default - no diagnostic settings */
  readonly diagnostics?: { readonly logAnalyticsWorkspaceId: string; readonly logs: 'audit' | 'allLogs' };
  /** A CanNotDelete management lock, so no one deletes the vault outside this stack either. @default - true */
  readonly lock?: boolean;
}

/**
 * A Key Vault created for OpenMetadata: RBAC authorization only (never access policies), purge
 * protection, explicit soft-delete retention, a deny-by-default firewall, and `prevent_destroy`
 * so that no plan can delete the vault holding every connection secret.
 */
export class SecretsVault extends SecretsVaultBase {
  /** References an existing vault by resource ID; only role assignments are added to it. */
  static fromVaultId(scope: Construct, id: string, vaultId: string): ISecretsVault {
    return new ExistingSecretsVault(scope, id, vaultId);
  }

  readonly vaultId: string;
  readonly vaultName: string;
  readonly vaultUri: string;
  /** The underlying azurerm_key_vault resource. */
  readonly resource: KeyVault;
  /** The CanNotDelete lock, unless `lock: false`. */
  readonly lock?: ManagementLock;
  protected readonly grantTarget: GrantTarget;
  /** What sits at the vault's scope, by construct ID: what the lock must step aside for. */
  private readonly scoped = new Map<string, TerraformResource & { readonly id: string }>();

  constructor(scope: Construct, id: string, props: SecretsVaultProps) {
    super(scope, id);
    rules.check(rules.keyVaultName, 'name', props.name, this);
    rules.check(rules.guid, 'tenantId', props.tenantId, this);
    rules.check(rules.guid, 'subscriptionId', props.subscriptionId, this);
    const retention = props.softDeleteRetentionDays ?? VAULT_DEFAULTS.softDeleteRetentionDays;
    const { min, max } = SOFT_DELETE_RETENTION_DAYS;
    if (!Number.isInteger(retention) || retention < min || retention > max) {
      throw new ValidationError(`softDeleteRetentionDays: received ${retention}; expected a whole number from ${min} to ${max}`, this);
    }
    const network = props.network ?? {};
    (network.allowedIpRanges ?? []).forEach((range, i) => checkLiteral(rules.ipRule, `network.allowedIpRanges[${i}]`, range, this));
    (network.allowedSubnetIds ?? []).forEach((subnet, i) => checkLiteral(rules.subnetId, `network.allowedSubnetIds[${i}]`, subnet, this));
    if (props.diagnostics) {
      checkLiteral(rules.logAnalyticsWorkspaceId, 'diagnostics.logAnalyticsWorkspaceId', props.diagnostics.logAnalyticsWorkspaceId, this);
    }

    this.resource = new KeyVault(this, 'Resource', {
      name: props.name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      tenantId: props.tenantId,
      skuName: props.sku ?? VAULT_DEFAULTS.sku,
      rbacAuthorizationEnabled: true,
      softDeleteRetentionDays: retention,
      purgeProtectionEnabled: props.purgeProtection ?? VAULT_DEFAULTS.purgeProtection,
      publicNetworkAccessEnabled: props.publicNetworkAccess ?? VAULT_DEFAULTS.publicNetworkAccess,
      networkAcls: {
        defaultAction: network.defaultAction ?? VAULT_DEFAULTS.network.defaultAction,
        bypass: (network.bypassAzureServices ?? VAULT_DEFAULTS.network.bypassAzureServices) ? 'AzureServices' : 'None',
        ipRules: [...(network.allowedIpRanges ?? [])],
        virtualNetworkSubnetIds: [...(network.allowedSubnetIds ?? [])],
      },
      tags: props.tags ? { ...props.tags } : undefined,
      lifecycle: { preventDestroy: true },
    });
    this.vaultId = this.resource.id;
    this.vaultName = props.name;
    this.vaultUri = vaultUriOf(props.name);
    this.grantTarget = { scope: this.resource.id, subscriptionId: props.subscriptionId };

    if (props.privateEndpoint) this.addPrivateEndpoint(props, props.privateEndpoint);
    if (props.lock ?? VAULT_DEFAULTS.lock) this.lock = this.addLock(props.name);
    if (props.diagnostics) {
      const diagnostics = new MonitorDiagnosticSetting(this, 'Diagnostics', {
        name: 'openmetadata-secrets-audit',
        targetResourceId: this.resource.id,
        logAnalyticsWorkspaceId: props.diagnostics.logAnalyticsWorkspaceId,
        enabledLog: [{ categoryGroup: props.diagnostics.logs }],
        enabledMetric: [{ category: 'AllMetrics' }],
      });
      this.onScopedResource(diagnostics);
    }
  }

  private addPrivateEndpoint(props: SecretsVaultProps, endpoint: SecretsVaultPrivateEndpointProps): void {
    rules.check(rules.subnetId, 'privateEndpoint.subnetId', endpoint.subnetId, this);
    checkLiteral(rules.privateDnsZoneId, 'privateEndpoint.privateDnsZoneId', endpoint.privateDnsZoneId, this);
    const subnet = rules.parseSubnetId(endpoint.subnetId) as rules.ParsedSubnetId;
    let location = endpoint.location;
    if (location === undefined) {
      if (subnet.subscriptionId.toLowerCase() !== props.subscriptionId.toLowerCase()) {
        throw new ValidationError(
          `privateEndpoint.location: received none for a subnet in subscription ${subnet.subscriptionId}; expected the region of its virtual network (the stack reads only subscription ${props.subscriptionId})`,
          this,
        );
      }
      // The endpoint's NIC lives in the subnet: Azure creates it only in the region of the virtual network.
      location = new DataAzurermVirtualNetwork(this, 'PrivateEndpointNetwork', {
        name: subnet.virtualNetworkName,
        resourceGroupName: subnet.resourceGroupName,
      }).location;
    } else {
      rules.check(rules.azureLocation, 'privateEndpoint.location', location, this);
    }
    const privateEndpoint = new PrivateEndpoint(this, 'PrivateEndpoint', {
      name: `pe-${props.name}`,
      location,
      resourceGroupName: props.resourceGroupName,
      subnetId: endpoint.subnetId,
      privateServiceConnection: {
        name: `psc-${props.name}`,
        privateConnectionResourceId: this.resource.id,
        subresourceNames: ['vault'],
        isManualConnection: false,
      },
      privateDnsZoneGroup: { name: 'vaultcore', privateDnsZoneIds: [endpoint.privateDnsZoneId] },
      tags: props.tags ? { ...props.tags } : undefined,
    });
    // Deleting the endpoint deletes its privateEndpointConnections child of the vault, which the
    // lock refuses like any delete at the vault's scope (azurerm issue #17478): the lock steps aside
    // for it too.
    this.onScopedResource(privateEndpoint);
  }

  protected onScopedResource(resource: TerraformResource & { readonly id: string }): void {
    this.scoped.set(resource.node.id, resource);
  }

  /**
   * A CanNotDelete lock makes Azure refuse to delete anything at the vault's scope (409
   * ScopeLocked), and role assignments and diagnostic settings are extension resources there, as the
   * private endpoint's connection is a child: every role-assignment argument forces replacement, so
   * without help a change of principal would fail half way. `terraform_data.LockedScope` lists the ID of each of them; when one is replaced (its ID
   * becomes unknown) or removed (the map changes), it is replaced and gets a new ID. The lock's
   * `notes` carry that ID, and `notes` forces a new lock (azurerm 4.81,
   * management_lock_resource.go): the lock is replaced with it. Terraform destroys the lock before
   * them (the lock depends on them, and keeps that in state for removed ones) and creates it again
   * after (a creator waits for the destroyers of its stored dependencies): lock off, change, lock
   * on, in one apply. A plain reference rather than `replace_triggered_by`, which cdktf renders in a
   * form Terraform refuses in JSON (an object) or in HCL (`synth --hcl` quotes a string).
   */
  private addLock(vaultName: string): ManagementLock {
    const scoped = new ScopeVersion(this, 'LockedScope', {
      triggersReplace: Lazy.anyValue({
        produce: () => Object.fromEntries([...this.scoped].sort(([a], [b]) => a.localeCompare(b)).map(([key, r]) => [key, r.id])),
      }) as unknown as Record<string, string>,
    });
    const lock = new ManagementLock(this, 'Lock', {
      name: `lock-${vaultName}`,
      scope: this.resource.id,
      lockLevel: 'CanNotDelete',
      notes: `Holds every connection secret of OpenMetadata. Remove deliberately, through the stack. Scope version ${scoped.id}.`,
    });
    // Every plan that will create the lock warns by name: the vault is unlocked until it is applied.
    new LockCheck(this, 'LockCheck', lock);
    return lock;
  }
}

/**
 * An existing vault. It is read with a data source so that the plan fails, with the fix, when the
 * vault still uses access policies: role assignments would be silently ignored there.
 */
class ExistingSecretsVault extends SecretsVaultBase {
  readonly vaultId: string;
  readonly vaultName: string;
  readonly vaultUri: string;
  protected readonly grantTarget: GrantTarget;

  constructor(scope: Construct, id: string, vaultId: string) {
    super(scope, id);
    rules.check(rules.keyVaultId, 'existingId', vaultId, this);
    const parsed = rules.parseKeyVaultId(vaultId) as rules.ParsedVaultId;
    const data = new DataAzurermKeyVault(this, 'Resource', {
      name: parsed.vaultName,
      resourceGroupName: parsed.resourceGroupName,
      lifecycle: {
        postcondition: [
          {
            // Compared with true: azurerm 4.81 (key_vault_data_source.go) may leave it null, and a
            // null condition is an error that names neither the vault nor the fix.
            condition: '${self.rbac_authorization_enabled == true}',
            errorMessage:
              `Key Vault ${parsed.vaultName} uses access policies, so the role assignments this stack makes would have no effect. ` +
              'Switch it to the Azure RBAC permission model (az keyvault update --enable-rbac-authorization true) after granting equivalent roles, then plan again.',
          },
        ],
      },
    });
    this.vaultId = vaultId;
    this.vaultName = parsed.vaultName;
    this.vaultUri = vaultUriOf(parsed.vaultName);
    // Scope by the data source's ID so every grant waits for (and is checked by) the postcondition.
    this.grantTarget = { scope: data.id, subscriptionId: parsed.subscriptionId };
  }
}
