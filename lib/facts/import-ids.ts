import * as rules from './naming-rules';

/**
 * The IDs `terraform import` (and an `import` block) takes for each resource type a hand-made setup
 * can bring under the stack, in the formats of the pinned providers (azurerm 4.81.0, azuread 3.9.0,
 * kubernetes 3.2.1: the "Import" section of each resource's page and the importer's parser, pinned
 * in __tests__/facts/import-ids.test.ts). A role assignment is taken at a vault's scope only, and
 * without the cross-tenant `|<tenant>` suffix: that is where and how the stack assigns roles. Each parser accepts exactly that form and returns its parts,
 * so the config can check an adopted ID against what the stack would create. The segments allow no
 * quote, brace, `$` or space, so an ID can go into the Terraform JSON as a plain string.
 */

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const RESOURCE_GROUP = '[-\\w.()]{0,89}[-\\w()]';
const VAULT = '[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]';
const IDENTITY = '[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}';
const CREDENTIAL = '[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}';
const K8S_NAME = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';

// The providers' import parsers match the fixed segments exactly (go-azure-helpers
// resourceids.Parse(id, false) in azurerm 4.81.0 and azuread 3.9.0: `*segment.FixedValue ==
// rawValue`), and accept a GUID in either case: so do these.
const RG_ID = `/subscriptions/(${GUID})/resourceGroups/(${RESOURCE_GROUP})`;
const VAULT_ID = `${RG_ID}/providers/Microsoft\\.KeyVault/vaults/(${VAULT})`;
const IDENTITY_ID = `${RG_ID}/providers/Microsoft\\.ManagedIdentity/userAssignedIdentities/(${IDENTITY})`;

export interface ParsedResourceGroupId {
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
}

export interface ParsedIdentityId extends ParsedResourceGroupId {
  readonly identityName: string;
}

export interface ParsedCredentialId extends ParsedIdentityId {
  readonly credentialName: string;
}

export interface ParsedRoleAssignmentId {
  /** The scope the assignment is at: here always a vault. */
  readonly scope: ParsedResourceGroupId & { readonly vaultName: string };
  readonly assignmentName: string;
}

export interface ParsedKubernetesId {
  readonly namespace: string;
  readonly name: string;
}

const matcher = (source: string) => new RegExp(`^${source}$`);

const rg = matcher(RG_ID);
const identity = matcher(IDENTITY_ID);
const credential = matcher(`${IDENTITY_ID}/federatedIdentityCredentials/(${CREDENTIAL})`);
const vault = matcher(VAULT_ID);
const roleAssignment = matcher(`(${VAULT_ID})/providers/Microsoft\\.Authorization/roleAssignments/(${GUID})`);
const application = new RegExp(`^/applications/(${GUID})$`);
const servicePrincipal = new RegExp(`^/servicePrincipals/(${GUID})$`);
const kubernetes = new RegExp(`^(${K8S_NAME})/(${K8S_NAME})$`);

export function parseResourceGroupId(id: string): ParsedResourceGroupId | undefined {
  const m = rg.exec(id);
  return m && !id.endsWith('.') ? { subscriptionId: m[1], resourceGroupName: m[2] } : undefined;
}

export function parseIdentityId(id: string): ParsedIdentityId | undefined {
  const m = identity.exec(id);
  return m ? { subscriptionId: m[1], resourceGroupName: m[2], identityName: m[3] } : undefined;
}

export function parseFederatedCredentialId(id: string): ParsedCredentialId | undefined {
  const m = credential.exec(id);
  return m ? { subscriptionId: m[1], resourceGroupName: m[2], identityName: m[3], credentialName: m[4] } : undefined;
}

/** A vault's ID as azurerm imports it (commonids.KeyVaultId): the fixed segments exactly as written. */
function parseVaultImportId(id: string): rules.ParsedVaultId | undefined {
  return vault.test(id) ? rules.parseKeyVaultId(id) : undefined;
}

export function parseRoleAssignmentId(id: string): ParsedRoleAssignmentId | undefined {
  const m = roleAssignment.exec(id);
  if (!m) return undefined;
  const vault = rules.parseKeyVaultId(m[1]);
  return vault ? { scope: vault, assignmentName: m[5] } : undefined;
}

/** The object ID of an app registration (`/applications/<object id>`), not its client ID. */
function parseApplicationId(id: string): string | undefined {
  return application.exec(id)?.[1];
}

/** The object ID of a service principal (`/servicePrincipals/<object id>`). */
function parseServicePrincipalId(id: string): string | undefined {
  return servicePrincipal.exec(id)?.[1];
}

/** `<namespace>/<name>`, the ID of every namespaced kubernetes provider resource. */
export function parseKubernetesId(id: string): ParsedKubernetesId | undefined {
  const m = kubernetes.exec(id);
  if (!m || rules.kubernetesNamespace(m[1])) return undefined;
  return { namespace: m[1], name: m[5] };
}

/** What each ID looks like, for the messages ("expected <this>"). */
export const IMPORT_ID_FORMATS = {
  resourceGroup: '/subscriptions/<subscription GUID>/resourceGroups/<group>',
  keyVault: '/subscriptions/<subscription GUID>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault name>',
  identity:
    '/subscriptions/<subscription GUID>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<identity name>',
  federatedCredential:
    '/subscriptions/<subscription GUID>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<identity name>/federatedIdentityCredentials/<credential name>',
  roleAssignment: '<vault ID>/providers/Microsoft.Authorization/roleAssignments/<assignment GUID>',
  application: '/applications/<object ID> (the object ID, not the client ID)',
  servicePrincipal: '/servicePrincipals/<object ID>',
  kubernetes: '<namespace>/<name>',
} as const;

export type ImportIdKind = keyof typeof IMPORT_ID_FORMATS;

const PARSERS: Record<ImportIdKind, (id: string) => unknown> = {
  resourceGroup: parseResourceGroupId,
  keyVault: parseVaultImportId,
  identity: parseIdentityId,
  federatedCredential: parseFederatedCredentialId,
  roleAssignment: parseRoleAssignmentId,
  application: parseApplicationId,
  servicePrincipal: parseServicePrincipalId,
  kubernetes: parseKubernetesId,
};

/** A naming rule for one kind of import ID: undefined when well-formed, else what was expected. */
export function importIdRule(kind: ImportIdKind): rules.Rule {
  return (v) => (PARSERS[kind](v) === undefined ? `an import ID of the form ${IMPORT_ID_FORMATS[kind]}` : undefined);
}
