import { problemsWith, SUBSCRIPTION, synthEnvironment } from '../helpers';

/**
 * Adopting a hand-made setup: the IDs in `adopt` become Terraform import blocks on the objects the
 * stack would otherwise create, and what Azure cannot change in place is refused before any plan.
 */

const GROUP = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-om-test`;
const VAULT = `${GROUP}/providers/Microsoft.KeyVault/vaults/kv-om-test`;
const identity = (role: string) => `${GROUP}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-openmetadata-test-${role}`;
const ASSIGNMENT = `${VAULT}/providers/Microsoft.Authorization/roleAssignments/11111111-2222-3333-4444-555555555555`;
const APPLICATION = '/applications/22222222-3333-4444-5555-666666666666';
const SERVICE_PRINCIPAL = '/servicePrincipals/33333333-4444-5555-6666-777777777777';

const workloadIdentityAdoption = (e: Record<string, any>) => {
  e.adopt = {
    resourceGroup: GROUP,
    keyVault: {
      id: VAULT,
      observed: { location: 'West Europe', purgeProtection: false, rbacAuthorization: true, softDeleteRetentionDays: 90 },
    },
    server: {
      identity: identity('server'),
      federatedCredential: `${identity('server')}/federatedIdentityCredentials/openmetadata-federated`,
      roleAssignment: ASSIGNMENT,
    },
    kubernetes: { serviceAccounts: ['openmetadata/openmetadata'], secrets: ['openmetadata/openmetadata-secrets-manager-test'] },
  };
};

/** `to` address type and ID of each import block. */
const imports = (json: any) => (json.import ?? []).map((i: any) => [i.to.split('.')[0], i.id]);

describe('workload identity', () => {
  const { json } = synthEnvironment(workloadIdentityAdoption);

  test('an import block for each adopted object, on the object the stack would create', () => {
    expect(imports(json)).toEqual([
      ['azurerm_resource_group', GROUP],
      ['azurerm_key_vault', VAULT],
      ['azurerm_role_assignment', ASSIGNMENT],
      ['azurerm_user_assigned_identity', identity('server')],
      ['azurerm_federated_identity_credential', `${identity('server')}/federatedIdentityCredentials/openmetadata-federated`],
      ['kubernetes_service_account_v1', 'openmetadata/openmetadata'],
      ['kubernetes_secret_v1', 'openmetadata/openmetadata-secrets-manager-test'],
    ]);
    for (const block of json.import) {
      const [type, name] = block.to.split('.');
      expect(json.resource[type]).toHaveProperty(name);
    }
  });

  // azurerm 4.81 federated_identity_credential_resource.go: name is ForceNew, and Azure refuses a
  // second credential with the same issuer and subject on one identity.
  test("the adopted federated credential keeps its own name; the others keep the stack's", () => {
    const names = Object.values(json.resource.azurerm_federated_identity_credential).map((c: any) => c.name);
    expect(names.sort()).toEqual(['openmetadata-federated', 'test-airflow-airflow-worker']);
  });

  test('import blocks need Terraform 1.5', () => {
    expect(json.terraform.required_version).toBe('>= 1.5.0');
  });

  test('without adopt, no import block', () => {
    expect(synthEnvironment().json.import).toBeUndefined();
  });
});

test('client secret: the app registration and its service principal are imported', () => {
  const { json } = synthEnvironment((e) => {
    e.principals.server = { auth: 'client-secret', namespace: 'openmetadata' };
    e.adopt = { server: { application: APPLICATION, servicePrincipal: SERVICE_PRINCIPAL } };
  });
  expect(imports(json)).toEqual([
    ['azuread_application', APPLICATION],
    ['azuread_service_principal', SERVICE_PRINCIPAL],
  ]);
  // The hand-made password cannot be imported: the stack's own secrets are the ones handed out.
  expect(Object.keys(json.resource.azuread_application_password).length).toBeGreaterThan(0);
});

test('fails when an adopted Kubernetes object is not one the stack creates', () => {
  expect(() => synthEnvironment((e) => (e.adopt = { kubernetes: { serviceAccounts: ['openmetadata/om-sa'] } }))).toThrow(
    'environments.test.adopt.kubernetes.serviceAccounts: received "openmetadata/om-sa"; expected service accounts the stack creates (openmetadata/openmetadata, airflow/airflow-worker), by namespace and name',
  );
});

describe('what cannot change in place is refused', () => {
  test.each<[string, (e: Record<string, any>) => void, string]>([
    [
      'fails when an ID is not in the import format',
      (e) => (e.adopt = { server: { identity: '/subscriptions/x/identities/y' } }),
      'environments.test.adopt.server.identity: received "/subscriptions/x/identities/y"; expected an import ID of the form /subscriptions/<subscription GUID>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<identity name>',
    ],
    [
      'fails when an application is given by client ID form',
      (e) => {
        e.principals.server = { auth: 'client-secret', namespace: 'openmetadata' };
        e.adopt = { server: { application: '22222222-3333-4444-5555-666666666666' } };
      },
      'environments.test.adopt.server.application: received "22222222-3333-4444-5555-666666666666"; expected an import ID of the form /applications/<object ID> (the object ID, not the client ID)',
    ],
    [
      'fails when the vault has another name than keyVault.name',
      (e) => (e.adopt = { keyVault: { id: `${GROUP}/providers/Microsoft.KeyVault/vaults/kv-handmade` } }),
      'environments.test.adopt.keyVault.id: received "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-om-test/p..." (125 characters); expected the vault keyVault.name names (kv-om-test): a vault\'s name cannot change in place; set keyVault.name to kv-handmade',
    ],
    [
      'fails when the vault is in another resource group',
      (e) =>
        (e.adopt = {
          keyVault: { id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-other/providers/Microsoft.KeyVault/vaults/kv-om-test` },
        }),
      'expected the vault in resource group rg-om-test (resourceGroup): the stack creates it there, and an object cannot move group in place',
    ],
    [
      'fails when the vault is in another region',
      (e) => (e.adopt = { keyVault: { id: VAULT, observed: { location: 'northeurope' } } }),
      'environments.test.adopt.keyVault.observed.location: received "northeurope"; expected the environment\'s location (westeurope): a vault cannot move region; set location to northeurope',
    ],
    [
      'fails when purge protection is on and the config turns it off',
      (e) => {
        e.keyVault.purgeProtection = false;
        e.adopt = { keyVault: { id: VAULT, observed: { purgeProtection: true } } };
      },
      'environments.test.adopt.keyVault.observed.purgeProtection: received true; expected keyVault.purgeProtection true: purge protection, once on, cannot be turned off',
    ],
    [
      'fails when the vault uses access policies, saying how to migrate',
      (e) => (e.adopt = { keyVault: { id: VAULT, observed: { rbacAuthorization: false } } }),
      'environments.test.adopt.keyVault.observed.rbacAuthorization: received false; expected a vault that uses Azure RBAC: it uses access policies',
    ],
    [
      'fails when the retention differs',
      (e) => (e.adopt = { keyVault: { id: VAULT, observed: { softDeleteRetentionDays: 7 } } }),
      'environments.test.adopt.keyVault.observed.softDeleteRetentionDays: received 7; expected keyVault.softDeleteRetentionDays 7: Azure sets the retention once',
    ],
    [
      'fails when the vault is adopted but only referenced',
      (e) => {
        e.keyVault = { existingId: VAULT };
        e.adopt = { keyVault: { id: VAULT } };
      },
      'environments.test.adopt.keyVault.id: received',
    ],
    [
      'fails when the identity has another name than the stack gives',
      (e) => (e.adopt = { server: { identity: identity('handmade') } }),
      'expected the identity the stack names id-openmetadata-test-server: an identity cannot be renamed; set principals.server.name to id-openmetadata-test-handmade',
    ],
    [
      'fails when a federated credential comes without its identity',
      (e) => (e.adopt = { server: { federatedCredential: `${identity('server')}/federatedIdentityCredentials/x-fed` } }),
      'environments.test.adopt.server.federatedCredential: received',
    ],
    [
      'fails when an application comes without its service principal',
      (e) => {
        e.principals.server = { auth: 'client-secret', namespace: 'openmetadata' };
        e.adopt = { server: { application: APPLICATION } };
      },
      'environments.test.adopt.server.servicePrincipal: received nothing (missing); expected application and servicePrincipal adopted together',
    ],
    [
      'fails when an identity is adopted for a client-secret principal',
      (e) => {
        e.principals.server = { auth: 'client-secret', namespace: 'openmetadata' };
        e.adopt = { server: { identity: identity('server') } };
      },
      'expected no identity: principals.server.auth is client-secret',
    ],
    [
      'fails when a role assignment is adopted without its principal',
      (e) => (e.adopt = { ingestion: { roleAssignment: ASSIGNMENT } }),
      'environments.test.adopt.ingestion.roleAssignment: received',
    ],
    [
      'fails when a role assignment is at another vault',
      (e) => (e.adopt = { ingestion: { identity: identity('ingestion'), roleAssignment: ASSIGNMENT.replace('kv-om-test', 'kv-other') } }),
      'expected an assignment at the vault kv-om-test: the stack assigns roles there',
    ],
    [
      'fails when ingestion shares the server principal',
      (e) => {
        e.principals.ingestion = { sameAs: 'server' };
        e.adopt = { ingestion: { identity: identity('ingestion') } };
      },
      'expected no ingestion adoption: ingestion shares the server principal',
    ],
    [
      'fails when the group is adopted but marked existing',
      (e) => {
        e.existingResourceGroup = true;
        e.adopt = { resourceGroup: GROUP };
      },
      'expected existingResourceGroup false with an adopted group',
    ],
    [
      'fails when Kubernetes objects are adopted without a managed cluster',
      (e) => {
        e.kubernetes = { manage: false };
        e.adopt = { kubernetes: { serviceAccounts: ['openmetadata/openmetadata'] } };
      },
      'expected kubernetes.manage true',
    ],
  ])('%s', (_name, edit, message) => {
    const problems = problemsWith(edit);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});
