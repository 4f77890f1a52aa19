import { z } from 'zod';
import { MAX_VAULT_NETWORK_RULES } from '../facts/azure-facts';
import * as rules from '../facts/naming-rules';
import { SOFT_DELETE_RETENTION_DAYS, VAULT_DEFAULTS, VAULT_SKUS, VaultSku } from '../facts/secure-defaults';
import { closedObject, flag, oneOf, ruled, WHEN_VALID, wholeNumber } from './schema-builders';

/** The `keyVault` section: a new vault, hardened by default, or an existing one by ID. */
const networkSchema = closedObject({
  defaultAction: oneOf(
    ['Deny', 'Allow'],
    `What happens to traffic no rule allows. Default ${VAULT_DEFAULTS.network.defaultAction}.`,
  ).default(VAULT_DEFAULTS.network.defaultAction),
  bypassAzureServices: flag(
    `Let trusted Azure services through the firewall. Default ${VAULT_DEFAULTS.network.bypassAzureServices}.`,
  ).default(VAULT_DEFAULTS.network.bypassAzureServices),
  allowedIpRanges: z
    .array(ruled(rules.ipRule, 'A public IPv4 address or CIDR range.', rules.IP_RULE_PATTERN), {
      error: () => 'expected a list of IPv4 addresses or CIDR ranges',
    })
    .max(MAX_VAULT_NETWORK_RULES.ipRules, { error: () => `expected at most ${MAX_VAULT_NETWORK_RULES.ipRules} IP rules` })
    .default([])
    .meta({ description: 'Public IPv4 addresses or CIDR ranges allowed through the vault firewall.' }),
  allowedSubnetIds: z
    .array(ruled(rules.subnetId, 'A subnet resource ID.', rules.SUBNET_ID_PATTERN), {
      error: () => 'expected a list of subnet resource IDs',
    })
    .max(MAX_VAULT_NETWORK_RULES.subnetRules, { error: () => `expected at most ${MAX_VAULT_NETWORK_RULES.subnetRules} subnet rules` })
    .default([])
    .meta({ description: 'Subnets (e.g. the AKS node subnet, with the Microsoft.KeyVault service endpoint) allowed through.' }),
});

const NEW_VAULT_KEYS = [
  'sku',
  'softDeleteRetentionDays',
  'purgeProtection',
  'publicNetworkAccess',
  'network',
  'privateEndpoint',
  'diagnostics',
  'lock',
] as const;

const privateEndpointSchema = closedObject({
  location: ruled(
    rules.azureLocation,
    "Region of the subnet's virtual network, where the endpoint must be created. Default: read from the virtual network at plan; required when the subnet is in another subscription, which the stack cannot read.",
  ).optional(),
  subnetId: ruled(rules.subnetId, 'Subnet the private endpoint gets its address in.', rules.SUBNET_ID_PATTERN),
  privateDnsZoneId: ruled(
    rules.privateDnsZoneId,
    'The privatelink.vaultcore.azure.net zone the endpoint registers in.',
    rules.PRIVATE_DNS_ZONE_ID_PATTERN,
  ),
});

const diagnosticsSchema = closedObject({
  logAnalyticsWorkspaceId: ruled(
    rules.logAnalyticsWorkspaceId,
    "Where the vault's logs and metrics go.",
    rules.LOG_ANALYTICS_WORKSPACE_ID_PATTERN,
  ),
  logs: oneOf(['audit', 'allLogs'], 'Log category group: audit (every data-plane access) or allLogs. Default audit.').default('audit'),
});

export const keyVaultSchema = closedObject({
  name: ruled(
    rules.keyVaultName,
    'Name of a new vault to create (globally unique): 3-24 of letters, digits and hyphens, starting with a letter, no "--". Either name or existingId.',
    '^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$',
  ).optional(),
  existingId: ruled(
    rules.keyVaultId,
    "Resource ID of an existing vault (in the environment's subscription) to use instead of creating one: no new-vault settings with it.",
  ).optional(),
  // Defaults applied in the transform below (a new vault only): stated as JSON Schema defaults.
  sku: oneOf(VAULT_SKUS, `Vault SKU. Default ${VAULT_DEFAULTS.sku}.`).optional().meta({ default: VAULT_DEFAULTS.sku }),
  softDeleteRetentionDays: wholeNumber(
    SOFT_DELETE_RETENTION_DAYS.min,
    SOFT_DELETE_RETENTION_DAYS.max,
    `Days a deleted secret can be recovered. Set once. Default ${VAULT_DEFAULTS.softDeleteRetentionDays}.`,
  )
    .optional()
    .meta({ default: VAULT_DEFAULTS.softDeleteRetentionDays }),
  purgeProtection: flag(
    `Forbid purging deleted secrets before retention ends. Cannot be undone. Default ${VAULT_DEFAULTS.purgeProtection}.`,
  )
    .optional()
    .meta({ default: VAULT_DEFAULTS.purgeProtection }),
  publicNetworkAccess: flag(
    `Reachable over its public endpoint (subject to network rules). Default ${VAULT_DEFAULTS.publicNetworkAccess}, or false with a privateEndpoint.`,
  ).optional(),
  network: networkSchema.meta({ description: 'The vault firewall.' }).optional(),
  privateEndpoint: privateEndpointSchema
    .optional()
    .meta({ description: 'A private endpoint for the vault; publicNetworkAccess is then off unless set.' }),
  diagnostics: diagnosticsSchema.optional().meta({ description: 'Diagnostic settings: audit logs and AllMetrics to Log Analytics.' }),
  lock: flag(`A CanNotDelete management lock on the vault. Default ${VAULT_DEFAULTS.lock} (needs Owner or User Access Administrator).`)
    .optional()
    .meta({ default: VAULT_DEFAULTS.lock }),
})
  .superRefine((kv, ctx) => {
    if (kv.name === undefined && kv.existingId === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected either name (create a vault) or existingId (use one)' });
    }
    if (kv.name !== undefined && kv.existingId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['existingId'], message: 'expected only one of name and existingId' });
    }
    if (kv.existingId !== undefined) {
      for (const key of NEW_VAULT_KEYS) {
        if (kv[key] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'expected no settings for a new vault together with existingId (an existing vault is not changed)',
          });
        }
      }
    }
  }, WHEN_VALID)
  .transform((kv): VaultSettings => {
    if (kv.existingId !== undefined) return { existingId: kv.existingId };
    return {
      name: kv.name as string,
      sku: kv.sku ?? VAULT_DEFAULTS.sku,
      softDeleteRetentionDays: kv.softDeleteRetentionDays ?? VAULT_DEFAULTS.softDeleteRetentionDays,
      purgeProtection: kv.purgeProtection ?? VAULT_DEFAULTS.purgeProtection,
      // A private endpoint exists to take the vault off the public network.
      publicNetworkAccess: kv.publicNetworkAccess ?? (VAULT_DEFAULTS.publicNetworkAccess && kv.privateEndpoint === undefined),
      network: kv.network ?? { ...VAULT_DEFAULTS.network, allowedIpRanges: [], allowedSubnetIds: [] },
      privateEndpoint: kv.privateEndpoint,
      diagnostics: kv.diagnostics,
      lock: kv.lock ?? VAULT_DEFAULTS.lock,
    };
  });

/** A new vault, hardened by default. */
export interface NewVaultSettings {
  readonly name: string;
  readonly privateEndpoint?: { readonly subnetId: string; readonly privateDnsZoneId: string; readonly location?: string };
  readonly diagnostics?: { readonly logAnalyticsWorkspaceId: string; readonly logs: 'audit' | 'allLogs' };
  readonly lock: boolean;
  readonly sku: VaultSku;
  readonly softDeleteRetentionDays: number;
  readonly purgeProtection: boolean;
  readonly publicNetworkAccess: boolean;
  readonly network: {
    readonly defaultAction: 'Deny' | 'Allow';
    readonly bypassAzureServices: boolean;
    readonly allowedIpRanges: readonly string[];
    readonly allowedSubnetIds: readonly string[];
  };
}

/** A vault that exists already: only role assignments are added to it. */
export interface ExistingVaultSettings {
  readonly existingId: string;
}

export type VaultSettings = NewVaultSettings | ExistingVaultSettings;
