import '../setup';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import {
  dependenciesValues,
  openmetadataValues,
  OpenMetadataValuesProps,
  workflowConfig,
} from '../../lib/openmetadata/openmetadata-helm-values';
import { inUseSecret, manifestDocuments, resourcesOf, synthEnvironment, TENANT, yamlencodedData } from '../helpers';

/**
 * The values chart openmetadata should get for environment `test`, with the defaults of the base
 * config (the server in `openmetadata`, Airflow in `airflow`).
 */
const expectedOpenMetadataValues = (over: Partial<OpenMetadataValuesProps>) =>
  openmetadataValues({
    provider: 'managed-azure-kv',
    prefix: '',
    secretTags: {},
    clusterName: 'openmetadata',
    secretName: 'openmetadata-secrets-manager-test',
    clientSecret: false,
    namespaces: { server: 'openmetadata', airflow: 'airflow' },
    ...over,
  });

const secrets = (json: any) => Object.values(resourcesOf(json, 'kubernetes_secret_v1')) as any[];
const secretNamed = (json: any, name: string) => secrets(json).find((s) => s.metadata.name === name);
const CLIENT_SECRETS = (e: Record<string, any>) => {
  delete e.aks;
  e.principals = {
    server: { auth: 'client-secret', namespace: 'openmetadata' },
    ingestion: { auth: 'client-secret', namespace: 'airflow' },
  };
};

describe('workload identity, Kubernetes managed', () => {
  const { text, json } = synthEnvironment();

  test('puts the vault name, and only that, in a Secret in the server namespace', () => {
    expect(text).toHaveResourceWithProperties(SecretV1, {
      metadata: {
        name: 'openmetadata-secrets-manager-test',
        namespace: 'openmetadata',
        labels: { 'app.kubernetes.io/managed-by': 'cdktf', 'app.kubernetes.io/part-of': 'openmetadata' },
      },
      type: 'Opaque',
      data: { vaultName: 'kv-om-test' },
    });
    expect(secrets(json)).toHaveLength(1);
  });

  test('Helm values for openmetadata: the Secret reference, the stack account, the pod label, no tenant', () => {
    expect(yamlencodedData(json, 'helm_values_openmetadata')).toEqual(expectedOpenMetadataValues({ serviceAccountName: 'openmetadata' }));
    expect(JSON.stringify(yamlencodedData(json, 'helm_values_openmetadata'))).not.toContain('tenantId');
    expect(json.output.helm_values_openmetadata.sensitive).toBe(false);
  });

  test('Helm values for Airflow: the ingestion account on every component', () => {
    expect(yamlencodedData(json, 'helm_values_dependencies')).toEqual(
      dependenciesValues({ vaultName: 'kv-om-test', serviceAccountName: 'airflow-worker' }),
    );
  });

  test('CLI env and workflowConfig snippets', () => {
    expect(json.output.cli_env).toMatchObject({ sensitive: false, value: { AZURE_KEY_VAULT_NAME: 'kv-om-test' } });
    expect(Object.keys(json.output.cli_env.value)).toEqual(['AZURE_KEY_VAULT_NAME']);
    expect(yamlencodedData(json, 'workflow_config_airflow')).toEqual(workflowConfig('airflow'));
    expect(yamlencodedData(json, 'workflow_config_cli')).toEqual(workflowConfig('env'));
  });

  test('outputs where the pods run', () => {
    expect(json.output.server_namespace.value).toBe('openmetadata');
    expect(json.output.ingestion_namespace.value).toBe('airflow');
  });

  test('renders no manifests', () => {
    expect(json.output.kubernetes_secrets_manifest).toBeUndefined();
    expect(json.output.kubernetes_service_accounts_manifest).toBeUndefined();
  });
});

describe('client secrets, Kubernetes managed', () => {
  const { json } = synthEnvironment(CLIENT_SECRETS);

  test('the server Secret holds vault name and credentials, as references', () => {
    const secret = secretNamed(json, 'openmetadata-secrets-manager-test');
    expect(secret.metadata.namespace).toBe('openmetadata');
    expect(secret.data).toEqual({
      vaultName: 'kv-om-test',
      clientId: expect.stringMatching(/^\$\{azuread_application\.Server_Application_[0-9A-F]{8}\.client_id\}$/),
      clientSecret: expect.stringMatching(inUseSecret('Server')),
      tenantId: TENANT,
    });
  });

  test('an Airflow Secret in the ingestion namespace holds the ingestion credentials', () => {
    const secret = secretNamed(json, 'airflow-secrets-manager-test');
    expect(secret.metadata.namespace).toBe('airflow');
    expect(secret.data).toEqual({
      AZURE_TENANT_ID: TENANT,
      AZURE_CLIENT_ID: expect.stringMatching(/^\$\{azuread_application\.Ingestion_Application_[0-9A-F]{8}\.client_id\}$/),
      AZURE_CLIENT_SECRET: expect.stringMatching(inUseSecret('Ingestion')),
    });
  });

  test('Helm values reference the Secrets for every credential', () => {
    expect(yamlencodedData(json, 'helm_values_openmetadata')).toEqual(expectedOpenMetadataValues({ clientSecret: true }));
    expect(yamlencodedData(json, 'helm_values_dependencies')).toEqual(
      dependenciesValues({ vaultName: 'kv-om-test', secretName: 'airflow-secrets-manager-test' }),
    );
  });

  test('the CLI env carries the ingestion credentials and is sensitive', () => {
    expect(json.output.cli_env.sensitive).toBe(true);
    expect(Object.keys(json.output.cli_env.value).sort()).toEqual([
      'AZURE_CLIENT_ID',
      'AZURE_CLIENT_SECRET',
      'AZURE_KEY_VAULT_NAME',
      'AZURE_TENANT_ID',
    ]);
    expect(json.output.cli_env.value.AZURE_CLIENT_SECRET).toContain('Ingestion_ClientSecret');
  });

  test('a client-secret ingestion without a namespace runs next to the server', () => {
    const { json: nextToServer } = synthEnvironment((e) => {
      CLIENT_SECRETS(e);
      delete e.principals.ingestion.namespace;
    });
    expect(secretNamed(nextToServer, 'airflow-secrets-manager-test').metadata.namespace).toBe('openmetadata');
    expect(nextToServer.output.ingestion_namespace.value).toBe('openmetadata');
  });
});

describe('a managed server with prefix, tags and cluster name', () => {
  test('the Helm values carry them', () => {
    const { json } = synthEnvironment((e) => (e.openmetadata = { prefix: 'data-', clusterName: 'om-dev', secretTags: { team: 'data' } }));
    expect(yamlencodedData(json, 'helm_values_openmetadata')).toEqual(
      expectedOpenMetadataValues({
        prefix: 'data-',
        secretTags: { team: 'data' },
        clusterName: 'om-dev',
        serviceAccountName: 'openmetadata',
      }),
    );
  });
});

describe('a shared principal', () => {
  test('with workload identity and no own account, Airflow runs under the server account in its namespace', () => {
    const { json } = synthEnvironment((e) => (e.principals.ingestion = { sameAs: 'server' }));
    expect(json.output.ingestion_namespace.value).toBe('openmetadata');
    expect(yamlencodedData(json, 'helm_values_dependencies')).toEqual(
      dependenciesValues({ vaultName: 'kv-om-test', serviceAccountName: 'openmetadata' }),
    );
  });

  test('with a client secret, the Airflow Secret carries the shared credentials', () => {
    const { json } = synthEnvironment((e) => {
      delete e.aks;
      e.principals = {
        server: { auth: 'client-secret', namespace: 'openmetadata' },
        ingestion: { sameAs: 'server', namespace: 'airflow' },
      };
    });
    const airflow = secretNamed(json, 'airflow-secrets-manager-test');
    expect(airflow.metadata.namespace).toBe('airflow');
    expect(airflow.data.AZURE_CLIENT_SECRET).toContain('Server_ClientSecret');
  });
});

describe('Kubernetes not managed (kubernetes.manage: false)', () => {
  test('workload identity: no kubernetes provider or resource; service accounts and Secret as manifests', () => {
    const { json } = synthEnvironment((e) => (e.kubernetes = { manage: false }));
    expect(json.provider.kubernetes).toBeUndefined();
    expect(Object.keys(json.resource).filter((t) => t.startsWith('kubernetes_'))).toEqual([]);
    expect(json.output.kubernetes_service_accounts_manifest.sensitive).toBe(false);
    const accounts = manifestDocuments(json, 'kubernetes_service_accounts_manifest');
    expect(accounts.map((a) => [a.apiVersion, a.kind, a.metadata.namespace, a.metadata.name])).toEqual([
      ['v1', 'ServiceAccount', 'openmetadata', 'openmetadata'],
      ['v1', 'ServiceAccount', 'airflow', 'airflow-worker'],
    ]);
    expect(accounts[0].metadata.annotations['azure.workload.identity/client-id']).toMatch(
      /^\$\{azurerm_user_assigned_identity\.Server_Identity_[0-9A-F]{8}\.client_id\}$/,
    );
    expect(json.output.kubernetes_secrets_manifest.sensitive).toBe(false);
    expect(manifestDocuments(json, 'kubernetes_secrets_manifest').map((d) => d.stringData)).toEqual([{ vaultName: 'kv-om-test' }]);
  });

  test('client secrets: the Secret manifest is sensitive and references the secret, never holds it', () => {
    const { json } = synthEnvironment((e) => {
      CLIENT_SECRETS(e);
      e.kubernetes = { manage: false };
    });
    expect(json.provider.kubernetes).toBeUndefined();
    expect(json.output.kubernetes_service_accounts_manifest).toBeUndefined();
    expect(json.output.kubernetes_secrets_manifest.sensitive).toBe(true);
    const [server, airflow] = manifestDocuments(json, 'kubernetes_secrets_manifest');
    expect(server.stringData.clientSecret).toMatch(inUseSecret('Server'));
    expect(airflow.stringData.AZURE_CLIENT_SECRET).toMatch(inUseSecret('Ingestion'));
  });
});

// Switching sameAs: server moves ingestion's service account between the principals' constructs:
// each configuration carries a moved block from the address the other one uses (terraform ignores
// one whose source is not in state). Proved against Terraform in __tests__/standin/day-two.test.ts.
describe('the service account that sameAs: server moves', () => {
  const movedAccounts = (edit: (e: Record<string, any>) => void) =>
    (synthEnvironment(edit).json.moved ?? []).map((m: { from: string; to: string }) => [
      m.from.split('.')[1].split('_').slice(0, 2).join('_'),
      m.to.split('.')[1].split('_').slice(0, 2).join('_'),
    ]);

  test("with sameAs: server, from ingestion's principal to the server's", () => {
    expect(
      movedAccounts((e) => (e.principals.ingestion = { sameAs: 'server', namespace: 'airflow', serviceAccount: 'airflow-worker' })),
    ).toEqual([['Ingestion_ServiceAccount-airflow-airflow-worker', 'Server_ServiceAccount-airflow-airflow-worker']]);
  });

  test("with its own principal, from the server's principal to ingestion's", () => {
    expect(movedAccounts(() => {})).toEqual([
      ['Server_ServiceAccount-airflow-airflow-worker', 'Ingestion_ServiceAccount-airflow-airflow-worker'],
    ]);
  });

  test("none when ingestion shares the server's own account", () => {
    expect(movedAccounts((e) => (e.principals.ingestion = { sameAs: 'server' }))).toEqual([]);
  });
});
