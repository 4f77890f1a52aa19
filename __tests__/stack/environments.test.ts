import { Testing } from 'cdktf';
import { stringify } from 'yaml';
import { parseConfig } from '../../lib/config/load-config';
import { OpenMetadataKeyVaultStack } from '../../lib/stack/openmetadata-keyvault-stack';
import {
  baseEnvironment,
  distinctEnvironment,
  ISSUER,
  parse,
  problemsOf,
  problemsWith,
  resourcesOf,
  SUBSCRIPTION,
  synthEnvironment,
  TENANT,
} from '../helpers';

function synthAll(file: unknown): Record<string, { text: string; json: any }> {
  const config = parseConfig(stringify(file), 'test.yaml');
  return Object.fromEntries(
    Object.entries(config.environments).map(([name, environment]) => {
      const text = Testing.synth(new OpenMetadataKeyVaultStack(Testing.app(), name, { environment }));
      return [name, { text, json: JSON.parse(text) }];
    }),
  );
}

describe('shared defaults', () => {
  const { tenantId, subscriptionId, location, aks } = baseEnvironment();
  const defaults = {
    tenantId,
    subscriptionId,
    location,
    aks,
    tags: { owner: 'data', costCenter: '1' },
    keyVault: { sku: 'premium', network: { allowedIpRanges: ['203.0.113.0/24'] } },
    principals: {
      server: { auth: 'workload-identity', namespace: 'openmetadata', serviceAccount: 'openmetadata' },
      ingestion: { sameAs: 'server' },
    },
  };
  // Each environment has its own namespace: the same account in one cluster would be a collision.
  const env = (name: string, extra: Record<string, unknown> = {}) => ({
    resourceGroup: `rg-${name}`,
    keyVault: { name: `kv-om-${name}` },
    principals: { server: { namespace: `om-${name}` } },
    ...extra,
  });

  test('are merged under every environment', () => {
    const config = parseConfig(stringify({ defaults, environments: { dev: env('dev'), prod: env('prod') } }));
    for (const name of ['dev', 'prod']) {
      expect(config.environments[name]).toMatchObject({
        tenantId,
        location,
        tags: defaults.tags,
        keyVault: { name: `kv-om-${name}`, sku: 'premium' },
      });
    }
  });

  test('mappings merge key by key; values and lists set by the environment win', () => {
    const config = parseConfig(
      stringify({
        defaults,
        environments: {
          dev: env('dev', {
            location: 'northeurope',
            tags: { owner: 'platform' },
            keyVault: { name: 'kv-om-dev', network: { allowedIpRanges: ['198.51.100.1'] } },
          }),
        },
      }),
    );
    const dev = config.environments.dev;
    expect(dev.location).toBe('northeurope');
    expect(dev.tags).toEqual({ owner: 'platform', costCenter: '1' });
    expect(dev.keyVault).toMatchObject({ sku: 'premium', network: { allowedIpRanges: ['198.51.100.1'] } });
  });

  test('fails once, under defaults, when an inherited value is wrong', () => {
    expect(
      problemsOf({ defaults: { ...defaults, location: 'west/europe' }, environments: { dev: env('dev'), prod: env('prod') } }),
    ).toEqual(['defaults.location: received "west/europe"; expected an Azure region name such as "westeurope"']);
  });

  test('fails once, under defaults, on an unknown key there', () => {
    expect(
      problemsOf({ defaults: { ...defaults, keyVault: { skew: 'premium' } }, environments: { dev: env('dev'), prod: env('prod') } }),
    ).toEqual([
      'defaults.keyVault.skew: unknown key; expected only the keys name, existingId, sku, softDeleteRetentionDays, purgeProtection, publicNetworkAccess, network, privateEndpoint, diagnostics, lock',
    ]);
  });

  test('fails under defaults when what they set makes environments collide', () => {
    expect(problemsOf({ defaults, environments: { dev: env('dev', { principals: {} }), prod: env('prod', { principals: {} }) } })).toEqual([
      'defaults.principals.server.serviceAccount: received "openmetadata/openmetadata"; expected a federated service account in this cluster that no other environment uses, but environments.dev has it too (one account can carry one identity; with one OIDC issuer it is the same cluster, whatever the kubeconfig context is called)',
    ]);
  });

  test('fails at the environment when the environment set the wrong value', () => {
    expect(problemsOf({ defaults, environments: { dev: env('dev', { location: 'x/y' }) } })).toEqual([
      'environments.dev.location: received "x/y"; expected an Azure region name such as "westeurope"',
    ]);
  });

  test('fails when defaults is not a mapping', () => {
    expect(problemsOf({ defaults: ['x'], environments: { dev: distinctEnvironment('dev') } })).toEqual([
      'defaults: received a list of 1; expected a mapping of environment settings',
    ]);
  });
});

describe('three environments, one backend of each kind', () => {
  const file = {
    environments: {
      dev: distinctEnvironment('dev'),
      staging: {
        ...distinctEnvironment('staging'),
        backend: { type: 'azurerm', storageAccountName: 'sttfstate001', containerName: 'tfstate', resourceGroupName: 'rg-tfstate' },
      },
      prod: {
        ...distinctEnvironment('prod'),
        backend: { type: 'cloud', organization: 'contoso', workspace: 'openmetadata-prod', project: 'Data Platform' },
      },
    },
  };
  const stacks = synthAll(file);

  test('local: a state file per environment at the project root, by a relative path', () => {
    expect(stacks.dev.json.terraform.backend).toEqual({ local: { path: '../../../terraform.dev.tfstate' } });
  });

  test("azurerm: Entra ID auth, the environment's key, subscription and tenant", () => {
    expect(stacks.staging.json.terraform.backend).toEqual({
      azurerm: {
        storage_account_name: 'sttfstate001',
        container_name: 'tfstate',
        key: 'openmetadata/staging.tfstate',
        resource_group_name: 'rg-tfstate',
        subscription_id: SUBSCRIPTION,
        tenant_id: TENANT,
        use_azuread_auth: true,
      },
    });
  });

  test('cloud: the terraform.cloud block Terraform expects', () => {
    expect(stacks.prod.json.terraform.cloud).toEqual({
      organization: 'contoso',
      workspaces: { name: 'openmetadata-prod', project: 'Data Platform' },
    });
    expect(stacks.prod.json.terraform.backend).toBeUndefined();
  });

  test('no stack carries an absolute path or a secret-bearing backend setting', () => {
    for (const { text } of Object.values(stacks)) {
      expect(text).not.toMatch(/"\/(root|home|tmp|work|Users)\//);
      expect(text).not.toMatch(/access_key|sas_token|client_secret|"token"/);
    }
  });

  test('every name that must be unique differs between environments', () => {
    const namesOf = (type: string, pick: (r: any) => string) =>
      Object.values(stacks).flatMap(({ json }) => Object.values(resourcesOf(json, type)).map(pick));
    const distinct = (values: string[]) => expect(new Set(values).size).toBe(values.length);
    distinct(namesOf('azurerm_key_vault', (r) => r.name));
    distinct(namesOf('azurerm_user_assigned_identity', (r) => r.name));
    distinct(namesOf('azurerm_federated_identity_credential', (r) => r.name));
    distinct(namesOf('kubernetes_secret_v1', (r) => `${r.metadata.namespace}/${r.metadata.name}`));
    distinct(namesOf('kubernetes_service_account_v1', (r) => `${r.metadata.namespace}/${r.metadata.name}`));
    expect(namesOf('azurerm_user_assigned_identity', (r) => r.name)).toHaveLength(6);
  });

  test('cloud workspaces can be chosen by tags, on Terraform Enterprise', () => {
    const { prod } = synthAll({
      environments: {
        prod: {
          ...distinctEnvironment('prod'),
          backend: { type: 'cloud', organization: 'contoso', workspaceTags: ['openmetadata', 'prod'], hostname: 'tfe.example.com' },
        },
      },
    });
    expect(prod.json.terraform.cloud).toEqual({
      organization: 'contoso',
      hostname: 'tfe.example.com',
      workspaces: { tags: ['openmetadata', 'prod'] },
    });
  });

  test('a custom local path and azurerm key are kept as given', () => {
    const { dev } = synthAll({
      environments: { dev: { ...distinctEnvironment('dev'), backend: { type: 'local', path: 'state/dev.tfstate' } } },
    });
    expect(dev.json.terraform.backend.local.path).toBe('../../../state/dev.tfstate');
  });
});

describe('collisions between environments', () => {
  const two = (edit: (dev: Record<string, any>, prod: Record<string, any>) => void) => {
    const dev = distinctEnvironment('dev');
    const prod = distinctEnvironment('prod');
    edit(dev, prod);
    return problemsOf({ environments: { dev, prod } });
  };
  const existing = (name: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/${name}`;

  test.each<[string, (dev: Record<string, any>, prod: Record<string, any>) => void, string]>([
    [
      'fails when two environments create the same vault',
      (_d, p) => (p.keyVault.name = 'KV-OM-DEV'),
      'environments.prod.keyVault.name: received "KV-OM-DEV"; expected a vault name that no other environment uses, but environments.dev has it too (vault names are globally unique)',
    ],
    [
      'fails when two installations share a vault with the same secret names',
      (d, p) => (d.keyVault = p.keyVault = { existingId: existing('kv-shared') }),
      'environments.prod.openmetadata.clusterName: received "openmetadata"; expected secret names (<prefix><clusterName>-...) in vault kv-shared that no other environment writes, but environments.dev writes openmetadata-...',
    ],
    // The server joins prefix and cluster name with nothing between (SecretsManager.buildSecretId,
    // Azure SecretsIdConfig): "sbx" + "openmetadata" and "" + "sbxopenmetadata" write the same names.
    [
      "fails when prefix and cluster name concatenate to another environment's",
      (d, p) => {
        d.keyVault = p.keyVault = { existingId: existing('kv-shared') };
        d.openmetadata = { prefix: 'sbx' };
        p.openmetadata = { clusterName: 'sbxopenmetadata' };
      },
      'environments.prod.openmetadata.clusterName: received "sbxopenmetadata"; expected secret names (<prefix><clusterName>-...) in vault kv-shared that no other environment writes, but environments.dev writes sbxopenmetadata-...',
    ],
    [
      'fails when names differ only in case (the server lower-cases them)',
      (d, p) => {
        d.keyVault = p.keyVault = { existingId: existing('kv-shared') };
        p.openmetadata = { clusterName: 'OpenMetadata' };
      },
      'environments.prod.openmetadata.clusterName: received "openmetadata"; expected secret names',
    ],
    [
      "fails when one installation's names begin with another's head and a hyphen",
      (d, p) => {
        d.keyVault = p.keyVault = { existingId: existing('kv-shared') };
        p.openmetadata = { prefix: 'openmetadata-' };
        p.openmetadata.clusterName = 'database';
      },
      'environments.prod.openmetadata.prefix: received "openmetadata-database"; expected secret names (<prefix><clusterName>-...) in vault kv-shared that no other environment writes, but environments.dev writes openmetadata-...',
    ],
    [
      'fails when two environments create the same resource group',
      (_d, p) => (p.resourceGroup = 'rg-om-dev'),
      'environments.prod.resourceGroup: received "rg-om-dev"; expected a resource group to create that no other environment uses, but environments.dev has it too (both would create and own it; set existingResourceGroup: true in one)',
    ],
    [
      'fails when two identities get one name in one resource group',
      (d, p) => {
        d.existingResourceGroup = p.existingResourceGroup = true;
        p.resourceGroup = 'rg-om-dev';
        d.principals.server.name = p.principals.server.name = 'id-openmetadata';
      },
      'environments.prod.principals.server.name: received "id-openmetadata"; expected a managed identity name in resource group rg-om-dev that no other environment uses, but environments.dev has it too',
    ],
    [
      'fails when two app registrations get one name',
      (d, p) => {
        for (const e of [d, p]) e.principals.ingestion = { auth: 'client-secret', name: 'openmetadata-ingestion' };
      },
      'environments.prod.principals.ingestion.name: received "openmetadata-ingestion"; expected an app registration name that no other environment uses, but environments.dev has it too',
    ],
    [
      'fails when two environments manage one service account in one cluster',
      (_d, p) => (p.principals.server.namespace = 'openmetadata-dev'),
      'environments.prod.principals.server.serviceAccount: received "openmetadata-dev/openmetadata"; expected a federated service account in this cluster that no other environment uses, but environments.dev has it too',
    ],
    [
      'fails when two environments federate one service account of a cluster they reach under two context names',
      (d, p) => {
        p.principals.server.namespace = 'openmetadata-dev';
        d.kubernetes = { configContext: 'aks-dev' };
        p.kubernetes = { configContext: 'aks-dev-admin' };
      },
      'environments.prod.principals.server.serviceAccount: received "openmetadata-dev/openmetadata"; expected a federated service account in this cluster',
    ],
    [
      'fails when two environments federate one service account, Kubernetes objects written by GitOps',
      (d, p) => {
        p.principals.server.namespace = 'openmetadata-dev';
        d.kubernetes = p.kubernetes = { manage: false };
      },
      'environments.prod.principals.server.serviceAccount: received "openmetadata-dev/openmetadata"; expected a federated service account in this cluster',
    ],
    [
      'fails when two environments write one local state file',
      (d, p) => (d.backend = p.backend = { type: 'local', path: 'state.tfstate' }),
      'environments.prod.backend.path: received "state.tfstate"; expected a state file that no other environment uses, but environments.dev has it too (each environment needs its own state)',
    ],
    [
      'fails when two local state paths are spelled differently but name one file',
      (d, p) => {
        d.backend = { type: 'local', path: 'state/s.tfstate' };
        p.backend = { type: 'local', path: './state/../state/s.tfstate' };
      },
      'environments.prod.backend.path: received "state/s.tfstate"; expected a state file that no other environment uses, but environments.dev has it too',
    ],
    [
      'fails when two environments write one state blob',
      (d, p) => {
        d.backend = p.backend = {
          type: 'azurerm',
          storageAccountName: 'sttf',
          containerName: 'tfstate',
          resourceGroupName: 'rg-tf',
          key: 'om.tfstate',
        };
      },
      'environments.prod.backend.key: received "sttf/tfstate/om.tfstate"; expected a state blob that no other environment uses, but environments.dev has it too',
    ],
    [
      'fails when two environments use one Terraform Cloud workspace',
      (d, p) => (d.backend = p.backend = { type: 'cloud', organization: 'contoso', workspace: 'openmetadata' }),
      'environments.prod.backend.workspace: received "contoso/openmetadata"; expected a Terraform Cloud workspace that no other environment uses, but environments.dev has it too (each environment needs its own workspace and state)',
    ],
    [
      'fails when two environments select workspaces by the same tags',
      (d, p) => {
        d.backend = { type: 'cloud', organization: 'contoso', workspaceTags: ['om', 'x'] };
        p.backend = { type: 'cloud', organization: 'contoso', workspaceTags: ['x', 'om'] };
      },
      'environments.prod.backend.workspaceTags: received "contoso/tags x, om"; expected a Terraform Cloud workspace that no other environment uses',
    ],
  ])('%s', (_name, edit, message) => {
    const problems = two(edit);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  test('a prefix ending in a hyphen keeps two installations apart in one vault', () => {
    expect(() =>
      parse({
        environments: {
          dev: { ...distinctEnvironment('dev'), keyVault: { existingId: existing('kv-shared') } },
          prod: { ...distinctEnvironment('prod'), keyVault: { existingId: existing('kv-shared') }, openmetadata: { prefix: 'prod-' } },
        },
      }),
    ).not.toThrow();
  });

  test('azure-kv installations write no secrets, so they may share names in a vault', () => {
    const azureKv = (name: string) => {
      const env = distinctEnvironment(name);
      env.keyVault = { existingId: existing('kv-shared') };
      env.openmetadata = { secretsManager: 'azure-kv' };
      env.principals.server = { namespace: `openmetadata-${name}` };
      return env;
    };
    expect(() => parse({ environments: { dev: azureKv('dev'), prod: azureKv('prod') } })).not.toThrow();
  });

  test('two installations may share an existing vault under different cluster names', () => {
    const dev = distinctEnvironment('dev');
    const prod = distinctEnvironment('prod');
    dev.keyVault = prod.keyVault = { existingId: existing('kv-shared') };
    prod.openmetadata = { clusterName: 'om-prod' };
    expect(Object.keys(parseConfig(stringify({ environments: { dev, prod } })).environments)).toEqual(['dev', 'prod']);
  });

  test('the same service account names are fine in different clusters (different OIDC issuers)', () => {
    const dev = distinctEnvironment('dev');
    const prod = distinctEnvironment('prod');
    prod.principals = dev.principals;
    prod.kubernetes = { configContext: 'aks-prod' };
    prod.aks = { oidcIssuerUrl: ISSUER.replace('22222222-2222-2222-2222-222222222222', '33333333-3333-3333-3333-333333333333') };
    expect(Object.keys(parseConfig(stringify({ environments: { dev, prod } })).environments)).toHaveLength(2);
  });
});

describe('malformed backends', () => {
  test.each<[string, unknown, string]>([
    [
      'fails when the backend type is unknown',
      { type: 's3' },
      'environments.test.backend.type: received "s3"; expected the backend type "local", "azurerm" or "cloud"',
    ],
    [
      'fails when the backend has no type',
      { path: 'x.tfstate' },
      'environments.test.backend.type: received nothing (missing); expected the backend type',
    ],
    [
      'fails when a local path is absolute',
      { type: 'local', path: '/var/state/dev.tfstate' },
      'environments.test.backend.path: received "/var/state/dev.tfstate"; expected a path relative to the project root',
    ],
    ['fails when a local path is inside cdktf.out', { type: 'local', path: 'cdktf.out/dev.tfstate' }, 'expected a path outside cdktf.out'],
    [
      'fails when a local path reaches cdktf.out through ./',
      { type: 'local', path: './cdktf.out/a.tfstate' },
      'environments.test.backend.path: received "./cdktf.out/a.tfstate"; expected a path outside cdktf.out',
    ],
    [
      'fails when a local state file does not end in .tfstate (git would not ignore it)',
      { type: 'local', path: 'state/dev.json' },
      'environments.test.backend.path: received "state/dev.json"; expected a file name ending in .tfstate (the .gitignore entry *.tfstate keeps state, which holds secrets, out of git)',
    ],
    [
      'fails when azurerm has no storage account',
      { type: 'azurerm', containerName: 'tfstate', resourceGroupName: 'rg' },
      'environments.test.backend.storageAccountName: received nothing (missing)',
    ],
    [
      'fails when the storage account name has capitals',
      { type: 'azurerm', storageAccountName: 'StTfState', containerName: 'tfstate', resourceGroupName: 'rg' },
      'received "StTfState"; expected a storage account name of 3-24 lower-case letters and digits',
    ],
    [
      'fails when the container name is invalid',
      { type: 'azurerm', storageAccountName: 'sttf', containerName: 'tf--state', resourceGroupName: 'rg' },
      'environments.test.backend.containerName: received "tf--state"; expected a container name',
    ],
    [
      'fails when the blob key starts with a slash',
      { type: 'azurerm', storageAccountName: 'sttf', containerName: 'tfstate', resourceGroupName: 'rg', key: '/om.tfstate' },
      'environments.test.backend.key: received "/om.tfstate"; expected a blob name',
    ],
    [
      'fails when an azurerm backend is given an access key',
      { type: 'azurerm', storageAccountName: 'sttf', containerName: 'tfstate', resourceGroupName: 'rg', accessKey: 'x' },
      'environments.test.backend.accessKey: unknown key; expected only the keys type, storageAccountName, containerName, key, resourceGroupName, subscriptionId',
    ],
    [
      'fails when a cloud backend has no organization',
      { type: 'cloud', workspace: 'om' },
      'environments.test.backend.organization: received nothing (missing)',
    ],
    [
      'fails when a cloud backend names neither workspace nor tags',
      { type: 'cloud', organization: 'contoso' },
      'environments.test.backend.workspace: received nothing (missing); expected exactly one of workspace (a name) and workspaceTags',
    ],
    [
      'fails when a cloud backend names both workspace and tags',
      { type: 'cloud', organization: 'contoso', workspace: 'om', workspaceTags: ['om'] },
      'environments.test.backend.workspaceTags: received a list of 1; expected exactly one of workspace (a name) and workspaceTags',
    ],
    [
      'fails when the workspace name has a space',
      { type: 'cloud', organization: 'contoso', workspace: 'open metadata' },
      'received "open metadata"; expected a workspace name of 1-90 letters, digits, hyphens or underscores',
    ],
    [
      'fails when the hostname is a URL',
      { type: 'cloud', organization: 'contoso', workspace: 'om', hostname: 'https://tfe.example.com' },
      'environments.test.backend.hostname: received "https://tfe.example.com"; expected a host name such as tfe.example.com',
    ],
    [
      'fails when a cloud backend is given a token',
      { type: 'cloud', organization: 'contoso', workspace: 'om', token: 'x' },
      'environments.test.backend.token: unknown key',
    ],
  ])('%s', (_name, backend, message) => {
    const problems = problemsWith((e) => (e.backend = backend));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});

describe('the AKS cluster by name', () => {
  const named = (e: Record<string, any>) => (e.aks = { name: 'aks-dev', resourceGroup: 'rg-aks' });

  test('is read with a data source whose postcondition fails the plan without an OIDC issuer', () => {
    const { json } = synthEnvironment(named);
    const data = Object.values(json.data.azurerm_kubernetes_cluster)[0] as any;
    expect(data).toMatchObject({ name: 'aks-dev', resource_group_name: 'rg-aks' });
    expect(data.lifecycle.postcondition).toEqual([
      {
        condition: '${self.oidc_issuer_enabled && self.oidc_issuer_url != ""}',
        error_message:
          'AKS cluster aks-dev (resource group rg-aks) has no OIDC issuer, so workload identity cannot federate to it. Enable it (and workload identity): az aks update -g rg-aks -n aks-dev --enable-oidc-issuer --enable-workload-identity',
      },
    ]);
  });

  test('gives the federated credentials its issuer URL', () => {
    const { json } = synthEnvironment(named);
    for (const credential of Object.values(resourcesOf(json, 'azurerm_federated_identity_credential')) as any[]) {
      expect(credential.issuer).toMatch(/^\$\{data\.azurerm_kubernetes_cluster\.AksCluster_[0-9A-F]{8}\.oidc_issuer_url\}$/);
    }
  });

  test.each<[string, (e: Record<string, any>) => void, string]>([
    [
      'fails when both an issuer URL and a cluster name are given',
      (e) => (e.aks.name = 'aks-dev'),
      'environments.test.aks.oidcIssuerUrl: received "https://',
    ],
    [
      'fails when the cluster name comes without its resource group',
      (e) => (e.aks = { name: 'aks-dev' }),
      'environments.test.aks.resourceGroup: received nothing (missing); expected name and resourceGroup together',
    ],
    [
      'fails when the cluster name is invalid',
      (e) => (e.aks = { name: '-aks', resourceGroup: 'rg' }),
      'environments.test.aks.name: received "-aks"; expected an AKS cluster name',
    ],
  ])('%s', (_name, edit, message) => {
    const problems = problemsWith(edit);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});

describe('Kubernetes access', () => {
  const fromAks = (kubernetes: Record<string, unknown>) => (e: Record<string, any>) => {
    e.aks = { name: 'aks-dev', resourceGroup: 'rg-aks' };
    e.kubernetes = { source: 'aks', ...kubernetes };
  };
  const kubeConfigRef = (attr: string, block = 'kube_config') =>
    new RegExp(`^\\$\\{base64decode\\(data\\.azurerm_kubernetes_cluster\\.AksCluster_[0-9A-F]{8}\\.${block}\\[0\\]\\.${attr}\\)\\}$`);

  test('a kubeconfig file and context', () => {
    const { json } = synthEnvironment((e) => (e.kubernetes = { configPath: 'kube/dev.yaml', configContext: 'aks-dev' }));
    expect(json.provider.kubernetes).toEqual([{ config_path: 'kube/dev.yaml', config_context: 'aks-dev' }]);
  });

  test('from the AKS cluster with kubelogin (Entra ID clusters), signing in as configured', () => {
    const { json } = synthEnvironment(fromAks({ kubeloginMode: 'workloadidentity' }));
    const [provider] = json.provider.kubernetes;
    expect(provider.host).toMatch(/^\$\{data\.azurerm_kubernetes_cluster\.AksCluster_[0-9A-F]{8}\.kube_config\[0\]\.host\}$/);
    expect(provider.cluster_ca_certificate).toMatch(kubeConfigRef('cluster_ca_certificate'));
    expect(provider.exec).toEqual([
      {
        api_version: 'client.authentication.k8s.io/v1beta1',
        command: 'kubelogin',
        args: ['get-token', '--login', 'workloadidentity', '--server-id', '6dae42f8-4368-4678-94ff-3960e28e3630'],
      },
    ]);
    expect(provider.client_certificate).toBeUndefined();
  });

  test('from the AKS cluster with its client certificate', () => {
    const { json } = synthEnvironment(fromAks({ aksCredentials: 'client-certificate' }));
    const [provider] = json.provider.kubernetes;
    expect(provider.client_certificate).toMatch(kubeConfigRef('client_certificate'));
    expect(provider.client_key).toMatch(kubeConfigRef('client_key'));
    expect(provider.exec).toBeUndefined();
  });

  test('from the AKS cluster with the local admin certificate', () => {
    const { json } = synthEnvironment(fromAks({ aksCredentials: 'admin-certificate' }));
    expect(json.provider.kubernetes[0].client_certificate).toMatch(kubeConfigRef('client_certificate', 'kube_admin_config'));
  });

  test.each<[string, (e: Record<string, any>) => void, string]>([
    [
      'fails when source aks has no cluster to read',
      (e) => (e.kubernetes = { source: 'aks' }),
      'environments.test.kubernetes.source: received "aks"; expected aks.name and aks.resourceGroup',
    ],
    [
      'fails when source aks is given a kubeconfig path',
      fromAks({ configPath: '~/.kube/config' }),
      'environments.test.kubernetes.configPath: received "~/.kube/config"; expected no configPath with source aks',
    ],
    [
      'fails when a kubeconfig source is given AKS credentials',
      (e) => (e.kubernetes = { aksCredentials: 'exec' }),
      'environments.test.kubernetes.aksCredentials: received "exec"; expected no aksCredentials with source kubeconfig',
    ],
    [
      'fails when a kubelogin mode comes without exec',
      fromAks({ aksCredentials: 'client-certificate', kubeloginMode: 'azurecli' }),
      'environments.test.kubernetes.kubeloginMode: received "azurecli"; expected kubeloginMode only with source aks and aksCredentials exec',
    ],
    [
      'fails when the kubelogin mode is unknown',
      fromAks({ kubeloginMode: 'devicecode' }),
      'environments.test.kubernetes.kubeloginMode: received "devicecode"; expected one of "azurecli", "workloadidentity", "spn", "msi"',
    ],
  ])('%s', (_name, edit, message) => {
    const problems = problemsWith(edit);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});
