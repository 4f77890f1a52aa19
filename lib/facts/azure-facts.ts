/**
 * Fixed values this stack must get exactly right. Each one was checked against upstream
 * (Azure built-in roles, Azure Workload Identity, OpenMetadata server and ingestion code);
 * a typo here silently breaks authentication, so tests pin them.
 */

/** Built-in Azure RBAC roles, by ID: Microsoft recommends IDs over names (names can be renamed). */
export const KEY_VAULT_ROLES = {
  /**
   * All secret data actions ("perform any action on the secrets of a key vault, except manage
   * permissions", Azure built-in roles): what `managed-azure-kv` needs to create, update and delete secrets.
   */
  secretsOfficer: { name: 'Key Vault Secrets Officer', id: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7', secrets: 'read, write and delete' },
  /** get + readMetadata only ("read secret contents"): enough for ingestion and for a non-managed (`azure-kv`) server. */
  secretsUser: { name: 'Key Vault Secrets User', id: '4633458b-17de-408a-b874-0445c86b69e6', secrets: 'read' },
} as const;

export type KeyVaultRole = (typeof KEY_VAULT_ROLES)[keyof typeof KEY_VAULT_ROLES];

/**
 * The vault's metadata, not its secrets ("read metadata of key vaults and its certificates, keys,
 * and secrets"): never granted by the stack, but read-only, so the policy checks let it pass.
 */
export const KEY_VAULT_READER_ROLE = { name: 'Key Vault Reader', id: '21090545-7ca7-4776-b22c-e363652d74d2' } as const;

/** Entra ID refuses a 21st federated identity credential on one user-assigned identity. */
export const MAX_FEDERATED_CREDENTIALS_PER_IDENTITY = 20;

/** The only audience Entra ID accepts for Kubernetes service account token exchange. */
export const WORKLOAD_IDENTITY_AUDIENCE = 'api://AzureADTokenExchange';

export const WORKLOAD_IDENTITY_ANNOTATIONS = {
  clientId: 'azure.workload.identity/client-id',
  tenantId: 'azure.workload.identity/tenant-id',
} as const;

/** The label the workload identity webhook looks for on the pod template (not on the account). */
export const WORKLOAD_IDENTITY_POD_LABEL = { 'azure.workload.identity/use': 'true' } as const;

/** Federated subject of a Kubernetes service account, as the AKS OIDC issuer writes it. */
export function serviceAccountSubject(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/**
 * AKS's cluster DNS domain: its CoreDNS answers for Services as `<name>.<namespace>.svc.cluster.local`,
 * and AKS does not let its main CoreDNS configuration change (learn.microsoft.com/azure/aks/coredns-custom).
 */
export const AKS_CLUSTER_DOMAIN = 'cluster.local';

/** OpenMetadata hard-codes the public-cloud vault URL; sovereign clouds are not supported upstream. */
export function vaultUriOf(vaultName: string): string {
  return `https://${vaultName}.vault.azure.net/`;
}

export const OPENMETADATA_DEFAULT_CLUSTER_NAME = 'openmetadata';

/**
 * The most firewall rules the configuration accepts on one vault: Azure Key Vault's documented
 * limits (1000 IP rules, 200 virtual network rules). The azurerm 4.81.0 schema sets no maximum;
 * the limits page was not verified here.
 */
export const MAX_VAULT_NETWORK_RULES = { ipRules: 1000, subnetRules: 200 } as const;

/** Owners of one app registration or service principal: azuread 3.9's `owners` (MaxItems 100). */
export const MAX_APPLICATION_OWNERS = 100;
