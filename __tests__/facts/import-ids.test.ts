import * as ids from '../../lib/facts/import-ids';
import { parseKeyVaultId } from '../../lib/facts/naming-rules';

/**
 * The import ID of each adoptable type, as the "Import" section of its page gives it at the pinned
 * provider versions, and as its importer parses it:
 * - hashicorp/terraform-provider-azurerm v4.81.0 website/docs/r/<type>.html.markdown for
 *   resource_group, key_vault, user_assigned_identity, federated_identity_credential and
 *   role_assignment; importers pluginsdk.ImporterValidatingIdentity (commonids.ResourceGroupId,
 *   commonids.KeyVaultId), commonids.ValidateUserAssignedIdentityID,
 *   federatedidentitycredentials.FederatedIdentityCredentialId, and parse.RoleAssignmentID for role
 *   assignments. All match the fixed segments exactly: go-azure-helpers resourceids.Parse(id, false).
 * - hashicorp/terraform-provider-azuread v3.9.0 application and service principal pages;
 *   stable.ValidateApplicationID and ValidateServicePrincipalID (StaticSegment "applications",
 *   "servicePrincipals", exact case).
 * - hashicorp/terraform-provider-kubernetes v3.2.1 service_account_v1 and secret_v1 pages;
 *   kubernetes/structures.go idParts: exactly `namespace/name`.
 * azuread_application_password has no importer in 3.9.0 ("This resource does not support importing").
 */

const SUB = '11111111-1111-1111-1111-111111111111';
const GROUP = `/subscriptions/${SUB}/resourceGroups/rg-om`;
const IDENTITY = `${GROUP}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-om`;
const VAULT = `${GROUP}/providers/Microsoft.KeyVault/vaults/kv-om`;
const GUID = '5a1e2c3d-4b5f-4a6b-8c7d-9e0f1a2b3c4d';

test.each<[ids.ImportIdKind, string]>([
  ['resourceGroup', GROUP],
  ['keyVault', VAULT],
  ['identity', IDENTITY],
  ['federatedCredential', `${IDENTITY}/federatedIdentityCredentials/om-fed`],
  ['roleAssignment', `${VAULT}/providers/Microsoft.Authorization/roleAssignments/${GUID}`],
  ['application', `/applications/${GUID}`],
  ['application', `/applications/${GUID.toUpperCase()}`],
  ['servicePrincipal', `/servicePrincipals/${GUID}`],
  ['kubernetes', 'openmetadata/airflow-ingestion'],
])('accepts the %s import ID the provider documents', (kind, id) => {
  expect(ids.importIdRule(kind)(id)).toBeUndefined();
});

test('parses the parts the config checks against', () => {
  expect(ids.parseResourceGroupId(GROUP)).toEqual({ subscriptionId: SUB, resourceGroupName: 'rg-om' });
  expect(ids.parseFederatedCredentialId(`${IDENTITY}/federatedIdentityCredentials/om-fed`)).toEqual({
    subscriptionId: SUB,
    resourceGroupName: 'rg-om',
    identityName: 'id-om',
    credentialName: 'om-fed',
  });
  expect(ids.parseRoleAssignmentId(`${VAULT}/providers/Microsoft.Authorization/roleAssignments/${GUID}`)).toEqual({
    scope: parseKeyVaultId(VAULT),
    assignmentName: GUID,
  });
  expect(ids.parseKubernetesId('openmetadata/sa.one')).toEqual({ namespace: 'openmetadata', name: 'sa.one' });
});

test.each<[ids.ImportIdKind, string]>([
  ['resourceGroup', `${GROUP}/`],
  ['identity', `${GROUP}/providers/Microsoft.ManagedIdentity/identities/id-om`],
  ['federatedCredential', `${IDENTITY}/federatedCredentials/om-fed`],
  ['roleAssignment', `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments/${GUID}`],
  ['roleAssignment', `${VAULT}/providers/Microsoft.Authorization/roleAssignments/${GUID}|${GUID}`],
  ['application', GUID],
  ['application', `/applications/${GUID}/`],
  ['servicePrincipal', `/serviceprincipals/${GUID}`],
  ['kubernetes', 'open.metadata/sa'],
  ['kubernetes', 'Openmetadata/sa'],
  ['identity', `${IDENTITY}\${x}`],
  ['resourceGroup', `/subscriptions/${SUB}/resourcegroups/rg-om`],
  ['keyVault', `/subscriptions/${SUB}/resourceGroups/rg-om/providers/microsoft.keyvault/vaults/kv-om`],
  ['identity', IDENTITY.replace('userAssignedIdentities', 'userassignedidentities')],
])('fails when a %s ID is %s', (kind, id) => {
  expect(ids.importIdRule(kind)(id)).toBe(`an import ID of the form ${ids.IMPORT_ID_FORMATS[kind]}`);
});
