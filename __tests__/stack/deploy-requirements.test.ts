import { AKS_CREDENTIAL_ACTIONS } from '../../lib/constructs/aks-cluster';
import { MAX_APPLICATION_OWNERS } from '../../lib/facts/azure-facts';
import {
  RESOURCE_PROVIDERS,
  requiredTerraformVersion,
  TERRAFORM_FEATURE_VERSIONS,
  TERRAFORM_VERSION_FLOOR,
} from '../../lib/facts/terraform-requirements';
import { onlyResource, problemsWith, resourcesOf, SUBSCRIPTION, synthEnvironment } from '../helpers';

/**
 * What a real subscription asks of the first `cdktf deploy` and of later routine changes, for the
 * least-privileged deployer docs/deployment.md describes. Each upstream fact is named with its file and tag.
 */

const SUBNET = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-pe`;
const OTHER_SUBSCRIPTION = '44444444-4444-4444-4444-444444444444';
const ZONE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`;
const WORKSPACE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-platform`;
const OWNER = '55555555-5555-5555-5555-555555555555';

const clientSecretBoth = (e: Record<string, any>) => {
  e.principals = { server: { auth: 'client-secret', namespace: 'openmetadata' }, ingestion: { auth: 'client-secret' } };
};
const deployerRef = /^\$\{data\.azuread_client_config\.AzureadClientConfig\.object_id\}$/;

describe('app registrations are owned by whoever deploys them', () => {
  // azuread v3.9.0 internal/services/applications/application_resource.go (~1187, ~1295-1299) and
  // internal/services/serviceprincipals/service_principal_resource.go (~441, ~520): the caller is
  // added as owner at create and removed afterwards unless `owners` names it. docs/resources/
  // application_password.md: with Application.ReadWrite.OwnedBy "the principal ... must be an owner".
  const { json } = synthEnvironment(clientSecretBoth);

  test('both app registrations and service principals list the deploying principal', () => {
    for (const type of ['azuread_application', 'azuread_service_principal']) {
      const owners = Object.values(resourcesOf(json, type)).map((r: any) => r.owners);
      expect(owners).toEqual([[expect.stringMatching(deployerRef)], [expect.stringMatching(deployerRef)]]);
    }
  });

  test('the deploying principal is read with azuread_client_config, which needs no Graph permission', () => {
    expect(json.data.azuread_client_config).toEqual({ AzureadClientConfig: expect.any(Object) });
  });

  test('owners from the config join the deployer, so another identity applying later keeps access', () => {
    const { json: withOwners } = synthEnvironment((e) => {
      clientSecretBoth(e);
      e.principals.server.owners = [OWNER];
    });
    const apps = Object.values(resourcesOf(withOwners, 'azuread_application')) as any[];
    const server = apps.find((a) => a.display_name.endsWith('-server'));
    const ingestion = apps.find((a) => a.display_name.endsWith('-ingestion'));
    expect(server.owners).toEqual([expect.stringMatching(deployerRef), OWNER]);
    expect(ingestion.owners).toEqual([expect.stringMatching(deployerRef)]);
  });

  test('workload identity creates no app registration, so reads no deployer', () => {
    expect(synthEnvironment().json.data?.azuread_client_config).toBeUndefined();
  });

  test.each<[string, (e: Record<string, any>) => void, string]>([
    [
      'fails when an owner is not an object ID',
      (e) => {
        clientSecretBoth(e);
        e.principals.server.owners = ['alice@example.com'];
      },
      'environments.test.principals.server.owners[0]: received "alice@example.com"; expected a GUID',
    ],
    [
      'fails when owners are given for a workload identity',
      (e) => (e.principals.server.owners = [OWNER]),
      'environments.test.principals.server.owners: received a list of 1; expected no owners with workload-identity',
    ],
    [
      'fails when owners are given with sameAs: server',
      (e) => {
        clientSecretBoth(e);
        e.principals.ingestion = { sameAs: 'server', owners: [OWNER] };
      },
      'environments.test.principals.ingestion.owners: received a list of 1; expected no owners with sameAs: server',
    ],
    [
      'fails when there are more owners than Entra ID allows',
      (e) => {
        clientSecretBoth(e);
        e.principals.server.owners = Array.from(
          { length: MAX_APPLICATION_OWNERS },
          (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
        );
      },
      'environments.test.principals.server.owners: received a list of 100; expected at most 99 owners (the deployer is always one)',
    ],
  ])('%s', (_name, edit, message) => {
    const problems = problemsWith(edit);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});

describe('the vault lock steps aside for changes at its scope', () => {
  const withDiagnostics = (e: Record<string, any>) => (e.keyVault.diagnostics = { logAnalyticsWorkspaceId: WORKSPACE });
  const { json } = synthEnvironment(withDiagnostics);
  const [lockedScopeId, lockedScope] = Object.entries(resourcesOf(json, 'terraform_data'))[0] as [string, any];
  const lock = onlyResource(json, 'azurerm_management_lock');
  const idsOf = (type: string) => Object.keys(resourcesOf(json, type)).map((id) => `\${${type}.${id}.id}`);

  // A CanNotDelete lock makes Azure refuse deletes at its scope (409 ScopeLocked), extension
  // resources there included; every azurerm_role_assignment argument forces replacement (azurerm
  // v4.81.0 internal/services/authorization/role_assignment_resource.go has no Update).
  test('terraform_data.LockedScope lists every role assignment and diagnostic setting at the vault scope by ID', () => {
    expect(Object.values(lockedScope.triggers_replace).sort()).toEqual(
      [...idsOf('azurerm_role_assignment'), ...idsOf('azurerm_monitor_diagnostic_setting')].sort(),
    );
    expect(Object.keys(lockedScope.triggers_replace)).toHaveLength(3);
  });

  // azurerm v4.81.0 internal/services/resource/management_lock_resource.go: notes is ForceNew.
  test("the lock's notes carry the list's ID, so the lock is replaced with it and depends on it: off before they change, on after", () => {
    expect(lock.notes).toBe(
      `Holds every connection secret of OpenMetadata. Remove deliberately, through the stack. Scope version \${terraform_data.${lockedScopeId}.id}.`,
    );
  });

  test('no lifecycle meta-argument: the same wiring holds in JSON and in `synth --hcl`', () => {
    expect(lock.lifecycle).toBeUndefined();
    expect(lock.depends_on).toBeUndefined();
  });

  test('switching to a shared principal removes a role assignment, which changes the list (so the lock is replaced)', () => {
    const shared = synthEnvironment((e) => {
      withDiagnostics(e);
      e.principals.ingestion = { sameAs: 'server' };
    }).json;
    const keys = (j: any) => Object.keys((Object.values(resourcesOf(j, 'terraform_data'))[0] as any).triggers_replace).sort();
    expect(keys(shared)).toHaveLength(2);
    expect(keys(json)).toEqual(expect.arrayContaining(keys(shared)));
    expect(keys(json)).not.toEqual(keys(shared));
  });

  test('the list is keyed by construct ID, so reordering the config changes nothing', () => {
    expect(Object.keys(lockedScope.triggers_replace)).toEqual(Object.keys(lockedScope.triggers_replace).sort());
    expect(Object.keys(lockedScope.triggers_replace)).toEqual(['Diagnostics', 'IngestionSecretsUser', 'ServerSecretsOfficer']);
  });

  test('without a lock there is nothing to step aside', () => {
    const { json: unlocked } = synthEnvironment((e) => (e.keyVault.lock = false));
    expect(resourcesOf(unlocked, 'terraform_data')).toEqual({});
  });

  test('an existing vault gets no lock and no list from this stack', () => {
    const { json: existing } = synthEnvironment(
      (e) =>
        (e.keyVault = {
          existingId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv-shared`,
        }),
    );
    expect(resourcesOf(existing, 'terraform_data')).toEqual({});
    expect(resourcesOf(existing, 'azurerm_management_lock')).toEqual({});
  });
});

describe('AKS credentials the plan cannot do without', () => {
  const fromAks = (aksCredentials: string, principals?: (e: Record<string, any>) => void) => (e: Record<string, any>) => {
    e.aks = { name: 'aks-dev', resourceGroup: 'rg-aks' };
    e.kubernetes = { source: 'aks', aksCredentials };
    principals?.(e);
  };
  const conditions = (json: any) => (Object.values(json.data.azurerm_kubernetes_cluster)[0] as any).lifecycle?.postcondition ?? [];

  // azurerm v4.81.0 internal/services/containers/kubernetes_cluster_data_source.go: a 403 on
  // ListClusterUserCredentials leaves kube_config empty (~739-742); kube_admin_config is filled only
  // when the cluster has an AAD profile and local accounts are not disabled, and is empty on a 403
  // (~871-885); an Entra ID user kubeconfig is flattened with client_certificate "" (~1407-1423).
  test('admin-certificate: fails the plan when the cluster is not Entra ID-integrated, or gives no admin kubeconfig', () => {
    const found = conditions(synthEnvironment(fromAks('admin-certificate')).json);
    expect(found).toContainEqual({
      condition: '${length(self.azure_active_directory_role_based_access_control) > 0}',
      error_message: expect.stringContaining('Set kubernetes.aksCredentials: client-certificate'),
    });
    expect(found).toContainEqual({
      condition: '${length(self.kube_admin_config) > 0}',
      error_message: expect.stringContaining(`local accounts are disabled (then set kubernetes.aksCredentials: exec`),
    });
    expect(found.find((c: any) => c.condition.includes('kube_admin_config')).error_message).toContain(AKS_CREDENTIAL_ACTIONS.admin);
  });

  test('client-certificate: fails the plan without user credentials, or when they carry no certificate', () => {
    const found = conditions(synthEnvironment(fromAks('client-certificate')).json);
    expect(found).toContainEqual({
      condition: '${length(self.kube_config) > 0}',
      error_message: expect.stringContaining(AKS_CREDENTIAL_ACTIONS.user),
    });
    expect(found).toContainEqual({
      condition: '${alltrue([for c in self.kube_config : c.client_certificate != ""])}',
      error_message: expect.stringContaining('is integrated with Entra ID, so its user kubeconfig carries no client certificate'),
    });
  });

  test('exec: fails the plan when the user kubeconfig (host and CA) is not returned', () => {
    const found = conditions(synthEnvironment(fromAks('exec')).json);
    expect(found.map((c: any) => c.condition)).toEqual([
      '${self.oidc_issuer_enabled && self.oidc_issuer_url != ""}',
      '${length(self.kube_config) > 0}',
    ]);
  });

  test('the certificate condition does not index an empty list, so a 403 shows the permission message', () => {
    const found = conditions(synthEnvironment(fromAks('client-certificate')).json);
    expect(found.map((c: any) => c.condition).join(' ')).not.toContain('kube_config[0]');
  });

  test('kubernetes.manage: false reads no credentials, so checks none', () => {
    const found = conditions(
      synthEnvironment((e) => {
        e.aks = { name: 'aks-dev', resourceGroup: 'rg-aks' };
        e.kubernetes = { manage: false, source: 'aks' };
      }).json,
    );
    expect(found.map((c: any) => c.condition)).toEqual(['${self.oidc_issuer_enabled && self.oidc_issuer_url != ""}']);
  });
});

describe('the OIDC issuer is required only where a principal federates', () => {
  const oidc = '${self.oidc_issuer_enabled && self.oidc_issuer_url != ""}';
  const conditionsOf = (edit: (e: Record<string, any>) => void) =>
    ((Object.values(synthEnvironment(edit).json.data.azurerm_kubernetes_cluster)[0] as any).lifecycle?.postcondition ?? []).map(
      (c: any) => c.condition,
    );
  const aks = (e: Record<string, any>) => {
    e.aks = { name: 'aks-dev', resourceGroup: 'rg-aks' };
    e.kubernetes = { source: 'aks', aksCredentials: 'client-certificate' };
  };

  test('client-secret principals only: no OIDC condition, so a cluster without OIDC plans', () => {
    expect(
      conditionsOf((e) => {
        aks(e);
        clientSecretBoth(e);
      }),
    ).not.toContain(oidc);
  });

  test('a workload identity server: the OIDC condition is there', () => {
    expect(
      conditionsOf((e) => {
        aks(e);
        e.principals.ingestion = { auth: 'client-secret' };
      }),
    ).toContain(oidc);
  });

  test('a workload identity ingestion principal alone: the OIDC condition is there', () => {
    expect(
      conditionsOf((e) => {
        aks(e);
        e.principals.server = { auth: 'client-secret', namespace: 'openmetadata' };
      }),
    ).toContain(oidc);
  });
});

describe('Terraform version', () => {
  // hashicorp/terraform: plantimestamp is in internal/lang/functions.go at v1.5.0, not v1.4.0;
  // terraform_data is internal/builtin/providers/terraform/resource_data.go from v1.4.0;
  // cloud { workspaces { project } } is in internal/cloud/backend.go at v1.6.0, not v1.5.7;
  // internal/configs/parser_config.go reads top-level check blocks at v1.5.0, not v1.4.7;
  // internal/configs/import.go (import blocks) exists at v1.5.0, not at v1.4.7.
  test('the upstream release of each feature', () => {
    expect(TERRAFORM_FEATURE_VERSIONS).toEqual({
      postconditions: '1.2.0',
      terraformData: '1.4.0',
      plantimestamp: '1.5.0',
      checkBlocks: '1.5.0',
      importBlocks: '1.5.0',
      cloudWorkspaceProject: '1.6.0',
      removedBlocks: '1.7.0',
    });
    expect(TERRAFORM_VERSION_FLOOR).toBe('1.5.0');
  });

  test('kubernetes.manage: false needs 1.7 (removed blocks forget the objects a managed stack made)', () => {
    expect(synthEnvironment((e) => (e.kubernetes = { manage: false })).json.terraform.required_version).toBe('>= 1.7.0');
    expect(synthEnvironment().json.terraform.required_version).toBe('>= 1.5.0');
  });

  test('the newest feature used decides', () => {
    expect(requiredTerraformVersion([])).toBe('>= 1.5.0');
    expect(requiredTerraformVersion(['terraformData', 'postconditions'])).toBe('>= 1.5.0');
    expect(requiredTerraformVersion(['plantimestamp', 'cloudWorkspaceProject'])).toBe('>= 1.6.0');
  });

  test.each<[string, (e: Record<string, any>) => void, string]>([
    ['workload identity, local state', () => {}, '>= 1.5.0'],
    ['client secrets (plantimestamp)', clientSecretBoth, '>= 1.5.0'],
    [
      'Terraform Cloud workspace by name',
      (e) => (e.backend = { type: 'cloud', organization: 'contoso', workspace: 'om-test' }),
      '>= 1.5.0',
    ],
    [
      'Terraform Cloud workspace in a project',
      (e) => (e.backend = { type: 'cloud', organization: 'contoso', workspace: 'om-test', project: 'data' }),
      '>= 1.6.0',
    ],
  ])('every stack states it: %s', (_name, edit, version) => {
    expect(synthEnvironment(edit).json.terraform.required_version).toBe(version);
  });
});

describe('resource provider registration', () => {
  // azurerm v4.81.0 internal/provider/provider.go: resource_provider_registrations defaults to
  // "legacy" (a long list, registered at configure time: internal/resourceproviders/required.go);
  // "none" plus resource_providers_to_register registers only those, and only if unregistered.
  const azurerm = (edit: (e: Record<string, any>) => void = () => {}) => synthEnvironment(edit).json.provider.azurerm[0];

  test('registers none of the legacy set, only what the stack creates: Key Vault and Managed Identity', () => {
    expect(azurerm()).toMatchObject({
      resource_provider_registrations: 'none',
      resource_providers_to_register: ['Microsoft.KeyVault', 'Microsoft.ManagedIdentity'],
    });
  });

  test('client secrets create no managed identity', () => {
    expect(azurerm(clientSecretBoth).resource_providers_to_register).toEqual(['Microsoft.KeyVault']);
  });

  test('a private endpoint adds Microsoft.Network, diagnostics add microsoft.insights', () => {
    const provider = azurerm(
      (e) =>
        (e.keyVault = {
          name: 'kv-om-test',
          privateEndpoint: { subnetId: SUBNET, privateDnsZoneId: ZONE },
          diagnostics: { logAnalyticsWorkspaceId: WORKSPACE },
        }),
    );
    expect(provider.resource_providers_to_register).toEqual([
      'Microsoft.KeyVault',
      'Microsoft.ManagedIdentity',
      'Microsoft.Network',
      'microsoft.insights',
    ]);
  });

  test('registerResourceProviders: false lists none, so the provider registers and checks nothing', () => {
    const provider = azurerm((e) => (e.registerResourceProviders = false));
    expect(provider.resource_provider_registrations).toBe('none');
    expect(provider.resource_providers_to_register).toBeUndefined();
  });

  // azurerm v4.81.0 internal/resourceproviders/required.go spells each namespace as the Azure API
  // lists it, and requiring_registration.go looks names up exactly: Azure Monitor is
  // "microsoft.insights", the others as below.
  test('the namespaces, spelled as azurerm looks them up', () => {
    expect(RESOURCE_PROVIDERS).toEqual({
      keyVault: 'Microsoft.KeyVault',
      managedIdentity: 'Microsoft.ManagedIdentity',
      privateEndpoint: 'Microsoft.Network',
      diagnostics: 'microsoft.insights',
    });
  });

  test('with diagnostics, the stack asks azurerm to register microsoft.insights, lower case', () => {
    const provider = azurerm((e) => (e.keyVault.diagnostics = { logAnalyticsWorkspaceId: WORKSPACE }));
    expect(provider.resource_providers_to_register).toContain('microsoft.insights');
    expect(provider.resource_providers_to_register).not.toContain('Microsoft.Insights');
  });
});

describe('federated credential names on a shared identity', () => {
  const sharedWith = (namespace: string | undefined, serviceAccount: string) => (e: Record<string, any>) => {
    e.principals.server = { auth: 'workload-identity', namespace: 'om', serviceAccount: 'om.server' };
    e.principals.ingestion = { sameAs: 'server', ...(namespace ? { namespace } : {}), serviceAccount };
  };

  test('fails when two accounts of one identity give one credential name (dot versus hyphen)', () => {
    const problems = problemsWith(sharedWith('om', 'om-server'));
    expect(problems).toEqual([
      expect.stringContaining(
        'environments.test.principals.ingestion.serviceAccount: received "om-server"; expected an account whose federated credential name differs from the server\'s (om/om.server): both become <environment>-om-om-server',
      ),
    ]);
  });

  test('fails when namespace and account split one name differently', () => {
    const problems = problemsWith((e) => {
      e.principals.server = { auth: 'workload-identity', namespace: 'om-a', serviceAccount: 'b' };
      e.principals.ingestion = { sameAs: 'server', namespace: 'om', serviceAccount: 'a-b' };
    });
    expect(problems).toEqual([expect.stringContaining('both become <environment>-om-a-b on the shared identity')]);
  });

  test('separate identities may use such names: credential names are unique per identity only', () => {
    const { json } = synthEnvironment((e) => {
      e.principals.server = { auth: 'workload-identity', namespace: 'om', serviceAccount: 'om.server' };
      e.principals.ingestion = { auth: 'workload-identity', namespace: 'om', serviceAccount: 'om-server' };
    });
    expect(Object.values(resourcesOf(json, 'azurerm_federated_identity_credential')).map((c: any) => c.name)).toEqual([
      'test-om-om-server',
      'test-om-om-server',
    ]);
  });

  test('the same account for both is one credential, not a clash', () => {
    const { json } = synthEnvironment(sharedWith('om', 'om.server'));
    expect(Object.keys(resourcesOf(json, 'azurerm_federated_identity_credential'))).toHaveLength(1);
  });
});

describe('the private endpoint goes where its subnet is', () => {
  const endpoint = (privateEndpoint: Record<string, unknown>) => (e: Record<string, any>) =>
    (e.keyVault = { name: 'kv-om-test', privateEndpoint });

  test("by default its region is read from the subnet's virtual network", () => {
    const { json } = synthEnvironment(endpoint({ subnetId: SUBNET, privateDnsZoneId: ZONE }));
    const [[id, vnet]] = Object.entries(json.data.azurerm_virtual_network) as [string, any][];
    expect(vnet).toEqual({ name: 'vnet-hub', resource_group_name: 'rg-net' });
    expect(onlyResource(json, 'azurerm_private_endpoint').location).toBe(`\${data.azurerm_virtual_network.${id}.location}`);
  });

  test('a region in the config is used as given, and nothing is read', () => {
    const { json } = synthEnvironment(endpoint({ subnetId: SUBNET, privateDnsZoneId: ZONE, location: 'northeurope' }));
    expect(json.data?.azurerm_virtual_network).toBeUndefined();
    expect(onlyResource(json, 'azurerm_private_endpoint').location).toBe('northeurope');
  });

  test('fails when the subnet is in another subscription and no region is given', () => {
    const problems = problemsWith(endpoint({ subnetId: SUBNET.replace(SUBSCRIPTION, OTHER_SUBSCRIPTION), privateDnsZoneId: ZONE }));
    expect(problems).toEqual([
      expect.stringContaining(
        `environments.test.keyVault.privateEndpoint.location: received nothing (missing); expected the region of the subnet's virtual network: the subnet is in subscription ${OTHER_SUBSCRIPTION}`,
      ),
    ]);
  });

  test('fails when the region is not a region name', () => {
    const problems = problemsWith(endpoint({ subnetId: SUBNET, privateDnsZoneId: ZONE, location: 'west-europe!' }));
    expect(problems).toEqual([
      expect.stringContaining(
        'environments.test.keyVault.privateEndpoint.location: received "west-europe!"; expected an Azure region name',
      ),
    ]);
  });
});
