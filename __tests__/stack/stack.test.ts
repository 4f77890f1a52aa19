import '../setup';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { KEY_VAULT_ROLES } from '../../lib/facts/azure-facts';
import { PROVIDERS } from '../../lib/facts/provider-versions';
import { inUseSecret, ISSUER, onlyResource, resourcesOf, SUBSCRIPTION, synthEnvironment, TENANT } from '../helpers';

const roleId = (id: string) => `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${id}`;
const OFFICER = roleId(KEY_VAULT_ROLES.secretsOfficer.id);
const USER = roleId(KEY_VAULT_ROLES.secretsUser.id);

/** Role assignments as `<principal_id> -> <role_definition_id>`, sorted. */
function grants(json: any): string[] {
  return Object.values(resourcesOf(json, 'azurerm_role_assignment'))
    .map((g: any) => `${g.principal_id} -> ${g.role_definition_id}`)
    .sort();
}

const identityRef = (role: string, attr: string) =>
  new RegExp(`^\\$\\{azurerm_user_assigned_identity\\.${role}_Identity_[0-9A-F]{8}\\.${attr}\\}$`);
const appSpRef = (role: string) => new RegExp(`^\\$\\{azuread_service_principal\\.${role}_ServicePrincipal_[0-9A-F]{8}\\.object_id\\}$`);

describe('workload identity for server and ingestion', () => {
  const { json } = synthEnvironment();

  test('creates one identity per principal', () => {
    const names = Object.values(resourcesOf(json, 'azurerm_user_assigned_identity'))
      .map((i: any) => i.name)
      .sort();
    expect(names).toEqual(['id-openmetadata-test-ingestion', 'id-openmetadata-test-server']);
  });

  test('server gets Secrets Officer, ingestion Secrets User, both at vault scope', () => {
    const assignments = Object.values(resourcesOf(json, 'azurerm_role_assignment')) as any[];
    expect(assignments).toHaveLength(2);
    const server = assignments.find((a) => identityRef('Server', 'principal_id').test(a.principal_id));
    const ingestion = assignments.find((a) => identityRef('Ingestion', 'principal_id').test(a.principal_id));
    expect(server.role_definition_id).toBe(OFFICER);
    expect(ingestion.role_definition_id).toBe(USER);
    for (const a of assignments) {
      expect(a.scope).toMatch(/^\$\{azurerm_key_vault\.KeyVault_[0-9A-F]{8}\.id\}$/);
      expect(a.principal_type).toBe('ServicePrincipal');
    }
  });

  test('federates each pod service account to its own identity', () => {
    const subjects = Object.values(resourcesOf(json, 'azurerm_federated_identity_credential')).map((c: any) => [
      c.subject,
      c.issuer,
      c.audience,
    ]);
    expect(subjects.sort()).toEqual([
      ['system:serviceaccount:airflow:airflow-worker', ISSUER, ['api://AzureADTokenExchange']],
      ['system:serviceaccount:openmetadata:openmetadata', ISSUER, ['api://AzureADTokenExchange']],
    ]);
  });

  test('creates the annotated Kubernetes service accounts', () => {
    const accounts = Object.values(resourcesOf(json, 'kubernetes_service_account_v1')).map((a: any) => a.metadata);
    expect(accounts.map((m) => `${m.namespace}/${m.name}`).sort()).toEqual(['airflow/airflow-worker', 'openmetadata/openmetadata']);
    const server = accounts.find((m) => m.name === 'openmetadata');
    expect(server.annotations['azure.workload.identity/client-id']).toMatch(identityRef('Server', 'client_id'));
    expect(server.annotations['azure.workload.identity/tenant-id']).toBe(TENANT);
  });

  test('creates no app registration, no secret and no time provider', () => {
    expect(resourcesOf(json, 'azuread_application')).toEqual({});
    expect(resourcesOf(json, 'azuread_application_password')).toEqual({});
    expect(json.provider.time).toBeUndefined();
  });

  test('configures the kubernetes provider from the environment', () => {
    expect(json.provider.kubernetes).toEqual([{ config_path: '~/.kube/config' }]);
  });

  test('tells the server to use DefaultAzureCredential: no OM_SM_TENANT_ID, no client secret', () => {
    expect(json.output.server_env).toEqual({
      description: expect.any(String),
      sensitive: false,
      value: {
        SECRET_MANAGER: 'managed-azure-kv',
        OM_SM_VAULT_NAME: 'kv-om-test',
        PIPELINE_SERVICE_CLIENT_SECRETS_MANAGER_LOADER: 'airflow',
      },
    });
    expect(json.output.airflow_env.value).toEqual({ AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_KEY_VAULT_NAME: 'kv-om-test' });
    expect(json.output.server_client_secret).toBeUndefined();
  });
});

describe('client secret for server and ingestion', () => {
  const { json } = synthEnvironment((e) => {
    delete e.aks;
    e.principals = {
      server: { auth: 'client-secret', namespace: 'openmetadata' },
      ingestion: { auth: 'client-secret', secretRotationDays: 90 },
    };
  });

  test('creates one app registration, service principal and rotating secret per principal', () => {
    expect(
      Object.values(resourcesOf(json, 'azuread_application'))
        .map((a: any) => a.display_name)
        .sort(),
    ).toEqual(['openmetadata-test-ingestion', 'openmetadata-test-server']);
    expect(Object.keys(resourcesOf(json, 'azuread_service_principal'))).toHaveLength(2);
    // A's period per principal (B follows A); 180 days -> 150, 90 days -> 60.
    expect(
      Object.values(resourcesOf(json, 'time_rotating'))
        .map((r: any) => r.rotation_days)
        .filter(Boolean)
        .sort(),
    ).toEqual([150, 60]);
    expect(Object.keys(resourcesOf(json, 'azuread_application_password'))).toHaveLength(4);
  });

  test('grants roles to the service principals', () => {
    const assignments = Object.values(resourcesOf(json, 'azurerm_role_assignment')) as any[];
    expect(assignments.find((a) => appSpRef('Server').test(a.principal_id)).role_definition_id).toBe(OFFICER);
    expect(assignments.find((a) => appSpRef('Ingestion').test(a.principal_id)).role_definition_id).toBe(USER);
  });

  test('creates no identity and no service account', () => {
    expect(resourcesOf(json, 'azurerm_user_assigned_identity')).toEqual({});
    expect(resourcesOf(json, 'azurerm_federated_identity_credential')).toEqual({});
    expect(resourcesOf(json, 'kubernetes_service_account_v1')).toEqual({});
    expect(json.provider.time).toEqual([{}]);
  });

  test('gives the server OM_SM_CLIENT_ID/SECRET/TENANT_ID in a sensitive output', () => {
    const out = json.output.server_env;
    expect(out.sensitive).toBe(true);
    expect(out.value.OM_SM_TENANT_ID).toBe(TENANT);
    expect(out.value.OM_SM_CLIENT_ID).toMatch(/^\$\{azuread_application\.Server_Application_[0-9A-F]{8}\.client_id\}$/);
    expect(out.value.OM_SM_CLIENT_SECRET).toMatch(inUseSecret('Server'));
  });

  test('gives Airflow all three credentials, from the ingestion principal, in a sensitive output', () => {
    const out = json.output.airflow_env;
    expect(out.sensitive).toBe(true);
    expect(Object.keys(out.value).sort()).toEqual([
      'AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_CLIENT_ID',
      'AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_CLIENT_SECRET',
      'AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_KEY_VAULT_NAME',
      'AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_TENANT_ID',
    ]);
    expect(out.value.AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_CLIENT_SECRET).toContain('Ingestion_ClientSecret');
  });

  test('marks every client secret output sensitive', () => {
    expect(json.output.server_client_secret).toMatchObject({ sensitive: true, value: expect.stringContaining('Server_ClientSecret') });
    expect(json.output.ingestion_client_secret).toMatchObject({
      sensitive: true,
      value: expect.stringContaining('Ingestion_ClientSecret'),
    });
  });
});

describe('one principal shared by server and ingestion', () => {
  test('with workload identity: one identity, the server role only, a credential per service account', () => {
    const { json } = synthEnvironment(
      (e) => (e.principals.ingestion = { sameAs: 'server', namespace: 'airflow', serviceAccount: 'airflow-worker' }),
    );
    expect(Object.keys(resourcesOf(json, 'azurerm_user_assigned_identity'))).toHaveLength(1);
    expect(grants(json)).toHaveLength(1);
    expect(onlyResource(json, 'azurerm_role_assignment').role_definition_id).toBe(OFFICER);
    const creds = Object.values(resourcesOf(json, 'azurerm_federated_identity_credential')) as any[];
    expect(creds.map((c) => c.subject).sort()).toEqual([
      'system:serviceaccount:airflow:airflow-worker',
      'system:serviceaccount:openmetadata:openmetadata',
    ]);
    expect(creds.filter((c) => c.depends_on)).toHaveLength(1);
    expect(json.output.shared_principal.value).toBe(true);
    expect(json.output.ingestion_client_id.value).toBe(json.output.server_client_id.value);
  });

  test('with workload identity and no ingestion account: the server account serves both', () => {
    const { json } = synthEnvironment((e) => (e.principals.ingestion = { sameAs: 'server' }));
    expect(Object.keys(resourcesOf(json, 'azurerm_federated_identity_credential'))).toHaveLength(1);
    expect(Object.keys(resourcesOf(json, 'kubernetes_service_account_v1'))).toHaveLength(1);
  });

  test('with a client secret: one app, the server role only, Airflow gets the same credentials', () => {
    const { json } = synthEnvironment((e) => {
      delete e.aks;
      e.principals = { server: { auth: 'client-secret', namespace: 'openmetadata' }, ingestion: { sameAs: 'server' } };
    });
    expect(Object.keys(resourcesOf(json, 'azuread_application'))).toHaveLength(1);
    expect(grants(json)).toHaveLength(1);
    expect(onlyResource(json, 'azurerm_role_assignment').role_definition_id).toBe(OFFICER);
    expect(json.output.airflow_env.value.AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_CLIENT_SECRET).toContain('Server_ClientSecret');
  });
});

describe('mixed auth modes', () => {
  test('workload identity server with a client-secret ingestion (e.g. Airflow outside the cluster)', () => {
    const { json } = synthEnvironment((e) => (e.principals.ingestion = { auth: 'client-secret' }));
    expect(Object.keys(resourcesOf(json, 'azurerm_user_assigned_identity'))).toHaveLength(1);
    expect(Object.keys(resourcesOf(json, 'azuread_application'))).toHaveLength(1);
    expect(json.output.server_env.sensitive).toBe(false);
    expect(json.output.server_env.value.OM_SM_TENANT_ID).toBeUndefined();
    expect(json.output.airflow_env.sensitive).toBe(true);
    expect(json.provider.kubernetes).toBeDefined();
    expect(json.provider.time).toBeDefined();
  });
});

describe('OpenMetadata naming settings', () => {
  test('pass prefix, tags and a non-default cluster name to the server', () => {
    const { json } = synthEnvironment(
      (e) => (e.openmetadata = { clusterName: 'om-prod', prefix: 'data', secretTags: { team: 'data', env: 'prod' } }),
    );
    expect(json.output.server_env.value).toMatchObject({
      SECRET_MANAGER_PREFIX: 'data',
      SECRET_MANAGER_TAGS: '["env:prod","team:data"]',
      OPENMETADATA_CLUSTER_NAME: 'om-prod',
    });
    expect(
      Object.values(resourcesOf(json, 'azurerm_user_assigned_identity'))
        .map((i: any) => i.name)
        .sort(),
    ).toEqual(['id-om-prod-test-ingestion', 'id-om-prod-test-server']);
  });

  test('use the names given for identities and app registrations', () => {
    const { json } = synthEnvironment((e) => {
      e.principals.server.name = 'uami-om-server';
      e.principals.ingestion = { auth: 'client-secret', name: 'OpenMetadata Ingestion (test)' };
    });
    expect(onlyResource(json, 'azurerm_user_assigned_identity').name).toBe('uami-om-server');
    expect(onlyResource(json, 'azuread_application').display_name).toBe('OpenMetadata Ingestion (test)');
  });
});

describe('an existing vault', () => {
  const existingId = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv-shared`;
  const { json } = synthEnvironment((e) => (e.keyVault = { existingId }));

  test('creates no vault and grants on the existing one', () => {
    expect(resourcesOf(json, 'azurerm_key_vault')).toEqual({});
    for (const a of Object.values(resourcesOf(json, 'azurerm_role_assignment')) as any[]) {
      expect(a.scope).toMatch(/^\$\{data\.azurerm_key_vault\.KeyVault_[0-9A-F]{8}\.id\}$/);
    }
  });

  test('outputs its name, URI and ID', () => {
    expect(json.output.key_vault_name.value).toBe('kv-shared');
    expect(json.output.key_vault_uri.value).toBe('https://kv-shared.vault.azure.net/');
    expect(json.output.key_vault_id.value).toBe(existingId);
  });
});

describe('the environment', () => {
  test('creates the resource group with the tags, and tags every Azure resource', () => {
    const { json } = synthEnvironment((e) => (e.tags = { owner: 'data', costCenter: '42' }));
    const tags = { owner: 'data', costCenter: '42' };
    expect(onlyResource(json, 'azurerm_resource_group')).toMatchObject({ name: 'rg-om-test', location: 'westeurope', tags });
    expect(onlyResource(json, 'azurerm_key_vault').tags).toEqual(tags);
    for (const identity of Object.values(resourcesOf(json, 'azurerm_user_assigned_identity')) as any[]) expect(identity.tags).toEqual(tags);
  });

  test('uses an existing resource group by name without managing it', () => {
    const { json } = synthEnvironment((e) => (e.existingResourceGroup = true));
    expect(resourcesOf(json, 'azurerm_resource_group')).toEqual({});
    expect(onlyResource(json, 'azurerm_key_vault').resource_group_name).toBe('rg-om-test');
  });

  test('configures azurerm for the subscription, never purging a destroyed vault', () => {
    const { text, json } = synthEnvironment();
    expect(text).toHaveProviderWithProperties(AzurermProvider, { subscription_id: SUBSCRIPTION, tenant_id: TENANT });
    expect(json.provider.azurerm[0].features).toEqual([
      {
        key_vault: [
          {
            purge_soft_delete_on_destroy: false,
            purge_soft_deleted_secrets_on_destroy: false,
            recover_soft_deleted_key_vaults: true,
            recover_soft_deleted_secrets: true,
          },
        ],
      },
    ]);
    expect(json.provider.azuread).toEqual([{ tenant_id: TENANT }]);
  });

  test("declares the provider versions that run it, exactly, not the bindings' (azurerm 4.81.0 for Key Vault API 2026-02-01)", () => {
    const { json } = synthEnvironment((e) => (e.principals.ingestion = { auth: 'client-secret' }));
    expect(json.terraform.required_providers).toEqual({
      azurerm: { source: 'hashicorp/azurerm', version: '4.81.0' },
      azuread: { source: 'hashicorp/azuread', version: PROVIDERS.azuread.version },
      kubernetes: { source: 'hashicorp/kubernetes', version: PROVIDERS.kubernetes.version },
      time: { source: 'hashicorp/time', version: PROVIDERS.time.version },
    });
  });

  test('keeps local state at the project root by a relative path, outside cdktf.out', () => {
    const { json } = synthEnvironment(() => {}, 'staging');
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.staging.tfstate' } });
  });

  test('outputs what the server, Airflow and the CLI need to find the vault', () => {
    const { json } = synthEnvironment();
    expect(Object.keys(json.output).sort()).toEqual([
      'airflow_env',
      'cli_env',
      'helm_values_dependencies',
      'helm_values_openmetadata',
      'ingestion_client_id',
      'ingestion_namespace',
      'ingestion_principal_id',
      'key_vault_id',
      'key_vault_name',
      'key_vault_uri',
      'secret_name_head',
      'secrets_manager',
      'sensitive_outputs',
      'server_client_id',
      'server_env',
      'server_namespace',
      'server_principal_id',
      'shared_principal',
      'tenant_id',
      'workflow_config_airflow',
      'workflow_config_cli',
    ]);
    expect(json.output.tenant_id.value).toBe(TENANT);
    expect(json.output.server_principal_id.value).toMatch(identityRef('Server', 'principal_id'));
  });
});

describe('what synth writes is what the policy checked', () => {
  // A fresh stack of its own: the shared synth results are frozen and must not grow an output.
  const { stack } = synthEnvironment((e) => (e.resourceGroup = 'rg-om-resolved-once'));

  test('the policy checks and the synth get the same resolved JSON, frozen', () => {
    stack.policyReport();
    const json = stack.toTerraform();
    expect(stack.toTerraform()).toBe(json);
    expect(Object.isFrozen(json.resource)).toBe(true);
  });

  test('a construct added afterwards is resolved again', () => {
    const { TerraformOutput } = require('cdktf') as typeof import('cdktf');
    const before = stack.toTerraform();
    new TerraformOutput(stack, 'added_later', { value: 'x' });
    const after = stack.toTerraform();
    expect(after).not.toBe(before);
    expect(after.output.added_later).toEqual({ value: 'x' });
  });
});
