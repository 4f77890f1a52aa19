/**
 * The naming and value rules Azure, Entra ID, Kubernetes and OpenMetadata enforce, as pure checks.
 * Each returns `undefined` when the value is acceptable, otherwise what was expected (phrased to
 * follow "expected ..."). The config schema and the constructs share them, so a value is judged the
 * same way whether it comes from the YAML file or from code.
 */

import { posix } from 'path';
import type { IConstruct } from 'constructs';
import { ValidationError } from './errors';
import { quoted } from './message-text';

export type Rule = (value: string) => string | undefined;

// eslint-disable-next-line no-control-regex -- control characters are what the rules below refuse
const CONTROL_CHARACTER = /[\u0000-\u001f]/;

/** A GUID, as a JSON Schema pattern (editors) and, below, the rule that decides. */
export const GUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const GUID = new RegExp(GUID_PATTERN);

export const guid: Rule = (v) =>
  GUID.test(v) ? undefined : 'a GUID (8-4-4-4-12 hexadecimal digits, e.g. 00000000-0000-0000-0000-000000000000)';

/** Key Vault: 3-24 of [a-zA-Z0-9-], starts with a letter, ends with a letter or digit, no "--". */
export const keyVaultName: Rule = (v) => {
  if (v.length < 3 || v.length > 24) return `a Key Vault name of 3-24 characters (got ${v.length})`;
  if (!/^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$/.test(v)) {
    return 'a Key Vault name of letters, digits and hyphens that starts with a letter and ends with a letter or digit';
  }
  if (v.includes('--')) return 'a Key Vault name without consecutive hyphens ("--")';
  return undefined;
};

/**
 * The name segments of the resource IDs a config holds, each as narrow as Azure allows it
 * (Microsoft Learn, "Naming rules and restrictions for Azure resources": resource groups 1-90 of
 * letters, digits, _ ( ) - . not ending in "."; virtual networks 2-64 and subnets 1-80 of letters,
 * digits, _ . -, starting with a letter or digit and ending with one or "_"; Log Analytics
 * workspaces 4-63 of letters, digits and hyphens, letter or digit at both ends). So an ID can hold
 * no quote, backslash, brace or space, whatever writes it.
 */
const SEGMENT = {
  resourceGroup: '[-\\w.()]{0,89}[-\\w()]',
  virtualNetwork: '[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}[a-zA-Z0-9_]',
  subnet: '[a-zA-Z0-9](?:[a-zA-Z0-9_.-]{0,78}[a-zA-Z0-9_])?',
  workspace: '[a-zA-Z0-9][a-zA-Z0-9-]{2,61}[a-zA-Z0-9]',
  vault: '[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]',
} as const;
const SUBSCRIPTION_SEGMENT = '\\/subscriptions\\/([0-9a-fA-F-]{36})\\/resourceGroups\\/';

const VAULT_ID = new RegExp(
  `^${SUBSCRIPTION_SEGMENT}(${SEGMENT.resourceGroup})\\/providers\\/Microsoft\\.KeyVault\\/vaults\\/(${SEGMENT.vault})$`,
  'i',
);

export interface ParsedVaultId {
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  readonly vaultName: string;
}

export function parseKeyVaultId(id: string): ParsedVaultId | undefined {
  const m = VAULT_ID.exec(id);
  if (!m || guid(m[1]) || keyVaultName(m[3])) return undefined;
  return { subscriptionId: m[1], resourceGroupName: m[2], vaultName: m[3] };
}

export const keyVaultId: Rule = (v) =>
  parseKeyVaultId(v)
    ? undefined
    : 'a Key Vault resource ID: /subscriptions/<subscription GUID>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault name>';

/** The JSON Schema pattern of a subnet ID, for editors (the rule below decides). */
export const SUBNET_ID_PATTERN = `^${SUBSCRIPTION_SEGMENT}${SEGMENT.resourceGroup}\\/providers\\/Microsoft\\.Network\\/virtualNetworks\\/${SEGMENT.virtualNetwork}\\/subnets\\/${SEGMENT.subnet}$`;

const SUBNET_ID = new RegExp(
  `^${SUBSCRIPTION_SEGMENT}(${SEGMENT.resourceGroup})\\/providers\\/Microsoft\\.Network\\/virtualNetworks\\/(${SEGMENT.virtualNetwork})\\/subnets\\/(${SEGMENT.subnet})$`,
  'i',
);

export interface ParsedSubnetId {
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  readonly virtualNetworkName: string;
  readonly subnetName: string;
}

export function parseSubnetId(id: string): ParsedSubnetId | undefined {
  const m = SUBNET_ID.exec(id);
  if (!m || guid(m[1])) return undefined;
  return { subscriptionId: m[1], resourceGroupName: m[2], virtualNetworkName: m[3], subnetName: m[4] };
}

export const subnetId: Rule = (v) =>
  parseSubnetId(v)
    ? undefined
    : 'a subnet resource ID: /subscriptions/<GUID>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>, names as Azure allows them';

export const PRIVATE_DNS_ZONE_ID_PATTERN = `^${SUBSCRIPTION_SEGMENT}${SEGMENT.resourceGroup}\\/providers\\/Microsoft\\.Network\\/privateDnsZones\\/privatelink\\.vaultcore\\.azure\\.net$`;

/** The private DNS zone a Key Vault private endpoint registers in: privatelink.vaultcore.azure.net. */
export const privateDnsZoneId: Rule = (v) =>
  new RegExp(PRIVATE_DNS_ZONE_ID_PATTERN, 'i').test(v)
    ? undefined
    : "the resource ID of a privatelink.vaultcore.azure.net private DNS zone (linked to the cluster's virtual network)";

export const LOG_ANALYTICS_WORKSPACE_ID_PATTERN = `^${SUBSCRIPTION_SEGMENT}${SEGMENT.resourceGroup}\\/providers\\/Microsoft\\.OperationalInsights\\/workspaces\\/${SEGMENT.workspace}$`;

export const logAnalyticsWorkspaceId: Rule = (v) =>
  new RegExp(LOG_ANALYTICS_WORKSPACE_ID_PATTERN, 'i').test(v)
    ? undefined
    : 'a Log Analytics workspace resource ID: /subscriptions/<GUID>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>, names as Azure allows them';

const IPV4 = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}';
/** A Key Vault IP rule: IPv4 only, a single address or a CIDR range. */
export const IP_RULE_PATTERN = `^${IPV4}(\\/([0-9]|[12][0-9]|3[0-2]))?$`;

export const ipRule: Rule = (v) =>
  new RegExp(IP_RULE_PATTERN).test(v)
    ? undefined
    : 'an IPv4 address or CIDR range such as 203.0.113.0/24 (Key Vault IP rules are IPv4 only)';

/** Resource group: 1-90 of letters, digits, _ ( ) - . ; must not end with a period. */
export const resourceGroupName: Rule = (v) =>
  /^[-\w.()]{1,90}$/.test(v) && !v.endsWith('.')
    ? undefined
    : 'a resource group name of 1-90 letters, digits, underscores, hyphens, periods or parentheses, not ending with a period';

/** Azure region names as the providers accept them: "westeurope" (or "West Europe"). */
export const azureLocation: Rule = (v) =>
  /^[a-zA-Z][a-zA-Z0-9 ]{1,40}$/.test(v) ? undefined : 'an Azure region name such as "westeurope"';

/** User-assigned managed identity: 3-128 of [A-Za-z0-9_-], alphanumeric first. */
export const managedIdentityName: Rule = (v) =>
  /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/.test(v)
    ? undefined
    : 'a managed identity name of 3-128 letters, digits, hyphens or underscores, starting with a letter or digit';

/** Federated identity credential: 3-120 of [A-Za-z0-9_-], alphanumeric first. */
export const federatedCredentialName: Rule = (v) =>
  /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/.test(v)
    ? undefined
    : 'a federated credential name of 3-120 letters, digits, hyphens or underscores, starting with a letter or digit';

/** Entra ID application display name: free text, but keep it printable and short enough to read. */
export const applicationDisplayName: Rule = (v) =>
  /^[\w .()-]{1,120}$/.test(v)
    ? undefined
    : 'an application display name of 1-120 letters, digits, spaces, hyphens, periods, underscores or parentheses';

/** Kubernetes namespace: DNS-1123 label. */
export const kubernetesNamespace: Rule = (v) =>
  v.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v)
    ? undefined
    : 'a Kubernetes namespace: at most 63 lower-case letters, digits or hyphens, starting and ending with a letter or digit';

/** Kubernetes service account: DNS-1123 subdomain. */
export const kubernetesServiceAccountName: Rule = (v) =>
  v.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(v)
    ? undefined
    : 'a Kubernetes service account name: at most 253 lower-case letters, digits, hyphens or periods, starting and ending with a letter or digit';

/** Environment keys become stack names, state file names and parts of Azure and Kubernetes names. */
export const environmentName: Rule = (v) =>
  /^[a-z0-9]([a-z0-9-]{0,22}[a-z0-9])?$/.test(v)
    ? undefined
    : 'an environment name of 1-24 lower-case letters, digits or hyphens, starting and ending with a letter or digit';

/**
 * OpenMetadata's Azure secrets manager writes names as `<prefix><clusterName>-<part>-<part>...`,
 * lower-cased, removing from each part what Key Vault refuses (see `openmetadataSecretName`). The
 * cluster name is checked, not cleaned, so that the names in the vault are the ones configured.
 */
export const secretNameSegment: Rule = (v) =>
  /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/.test(v)
    ? undefined
    : 'letters, digits and hyphens only, starting and ending with a letter or digit (OpenMetadata puts it into Key Vault secret names)';

/**
 * SECRET_MANAGER_PREFIX goes before the cluster name with nothing between, so a prefix may end with
 * a hyphen (`sbx-` gives `sbx-openmetadata-...`); characters the server would strip are refused.
 */
export const secretNamePrefix: Rule = (v) =>
  v === '' || /^[a-zA-Z0-9-]+$/.test(v)
    ? undefined
    : 'an empty string, or letters, digits and hyphens only (the server removes anything else from secret names); end it with "-" to separate it from the cluster name';

/** Key Vault secret names are at most 127 characters; leave OpenMetadata room for its own parts. */
export const MAX_SECRET_NAME_HEAD = 64;

/**
 * Free text that ends up in the Terraform JSON (a kubeconfig path, a context name). Any character
 * but control characters: the stack writes every string so that Terraform reads it as text
 * (lib/stack/terraform-text.ts).
 */
export const plainText: Rule = (v) =>
  v.length >= 1 && v.length <= 1024 && !CONTROL_CHARACTER.test(v) ? undefined : '1-1024 characters without control characters';

/**
 * OpenMetadata passes secret tags as `[key1:value1,key2:value2]`, so these characters would break
 * it. Chart openmetadata 1.13.1 quotes each item with Helm's `quote` (templates/_helpers.tpl,
 * OpenMetadata.commaJoinedQuotedEncodedList), so `"` and `\` arrive escaped.
 */
export const secretTagText: Rule = (v) =>
  v.length >= 1 && v.length <= 256 && !/[:,[\]\s]/.test(v) && !CONTROL_CHARACTER.test(v)
    ? undefined
    : '1-256 characters without ":", ",", "[", "]" or white space (OpenMetadata sends tags as [key:value,...])';

/** Azure resource tag names: at most 512 characters, none of < > % & \ ? /. */
export const azureTagName: Rule = (v) =>
  v.length >= 1 && v.length <= 512 && !/[<>%&\\?/]/.test(v) && !CONTROL_CHARACTER.test(v)
    ? undefined
    : 'a tag name of 1-512 characters without < > % & \\ ? / or control characters';

export const azureTagValue: Rule = (v) =>
  v.length <= 256 && !CONTROL_CHARACTER.test(v) ? undefined : 'a tag value of at most 256 characters without control characters';

/**
 * The AKS OIDC issuer URL. Entra ID trusts only https issuers and compares a token's `iss` with the
 * federated credential's issuer exactly, and AKS writes its issuer with a trailing "/"
 * (`https://<region>.oic.prod-aks.azure.com/<tenant>/<id>/`, oidcIssuerProfile.issuerUrl): so the URL
 * must be written as a URL parser writes it back (no spaces, quotes or braces, nothing to normalize)
 * and end with "/".
 */
export const httpsUrl: Rule = (v) => {
  const expected =
    'an https URL without query or fragment, written in full and ending with "/" as AKS gives it (az aks show --query oidcIssuerProfile.issuerUrl)';
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return expected;
  }
  return u.protocol === 'https:' && u.hostname !== '' && !u.search && !u.hash && u.href === v && v.endsWith('/') ? undefined : expected;
};

/** Storage account: 3-24 lower-case letters and digits. */
export const storageAccountName: Rule = (v) =>
  /^[a-z0-9]{3,24}$/.test(v) ? undefined : 'a storage account name of 3-24 lower-case letters and digits';

/** Blob container: 3-63 of lower-case letters, digits and single hyphens, starting and ending with a letter or digit. */
export const storageContainerName: Rule = (v) =>
  /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(v)
    ? undefined
    : 'a container name of 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit';

/**
 * Blob name: 1-1024 characters, not starting with "/", no control characters (refused by the Blob
 * service) and no backslash (Microsoft's "Naming and Referencing Containers, Blobs, and Metadata"
 * advises against it: client libraries may sign such names wrongly).
 */
export const blobName: Rule = (v) =>
  v.length >= 1 && v.length <= 1024 && !v.startsWith('/') && !v.includes('\\') && !CONTROL_CHARACTER.test(v)
    ? undefined
    : 'a blob name of 1-1024 characters, not starting with "/", without backslashes or control characters';

/** A state file path relative to the project root: absolute paths would make synth output machine-specific. */
export const relativeStatePath: Rule = (v) => {
  if (v.length === 0 || v.startsWith('/') || v.startsWith('~') || /^[a-zA-Z]:/.test(v) || v.includes('\\')) {
    return 'a path relative to the project root, with forward slashes (an absolute path would make the synthesized JSON machine-specific)';
  }
  if (CONTROL_CHARACTER.test(v)) return 'a path without control characters';
  const normalized = posix.normalize(v);
  if (normalized === 'cdktf.out' || normalized.startsWith('cdktf.out/')) return 'a path outside cdktf.out (synth rewrites that folder)';
  if (!normalized.endsWith('.tfstate') || posix.basename(normalized) === '.tfstate') {
    return 'a file name ending in .tfstate (the .gitignore entry *.tfstate keeps state, which holds secrets, out of git)';
  }
  return undefined;
};

/** Terraform Cloud organization and workspace names: letters, digits, hyphens and underscores. */
export const tfcOrganization: Rule = (v) =>
  /^[A-Za-z0-9_-]{1,40}$/.test(v) ? undefined : 'an organization name of 1-40 letters, digits, hyphens or underscores';

export const tfcWorkspace: Rule = (v) =>
  /^[A-Za-z0-9_-]{1,90}$/.test(v) ? undefined : 'a workspace name of 1-90 letters, digits, hyphens or underscores';

export const tfcTag: Rule = (v) =>
  /^[a-z0-9][a-z0-9:_-]{0,254}$/.test(v) ? undefined : 'a workspace tag of lower-case letters, digits, colons, hyphens or underscores';

export const tfcProject: Rule = (v) =>
  /^[A-Za-z0-9 _-]{3,40}$/.test(v) ? undefined : 'a project name of 3-40 letters, digits, spaces, hyphens or underscores';

/** A DNS host name such as tfe.example.com (no scheme, no path). */
export const hostname: Rule = (v) =>
  v.length <= 253 && /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/.test(v)
    ? undefined
    : 'a host name such as tfe.example.com (no https://, no path)';

/** AKS cluster: 1-63 of letters, digits, hyphens and underscores, alphanumeric at both ends. */
export const aksClusterName: Rule = (v) =>
  /^[a-zA-Z0-9]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?$/.test(v)
    ? undefined
    : 'an AKS cluster name of 1-63 letters, digits, hyphens or underscores, starting and ending with a letter or digit';

/** Throws a ValidationError naming the construct (if any), the property, the value received and what was expected. */
export function check(rule: Rule, property: string, value: string, scope?: IConstruct): void {
  const expected = rule(value);
  if (expected) {
    throw new ValidationError(`${property}: received ${quoted(value)}; expected ${expected}`, scope);
  }
}
