import '../setup';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { Fn, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import {
  dependenciesValues,
  openmetadataValues,
  OpenMetadataValuesProps,
  workflowConfig,
} from '../../lib/openmetadata/openmetadata-helm-values';
import { inUseSecret, resourcesOf, synthEnvironment, TENANT } from '../helpers';

/** What Terraform gets for `Fn.yamlencode(value)`, to compare outputs with the expected values object. */
function yamlencoded(value: unknown): string {
  const stack = new TerraformStack(Testing.app(), 'expected');
  new TerraformOutput(stack, 'x', { value: Fn.yamlencode(value) });
  return JSON.parse(Testing.synth(stack)).output.x.value;
}

/** The values chart openmetadata should get for environment `test`, with the defaults of the base config. */
const expectedOpenMetadataValues = (over: Partial<OpenMetadataValuesProps>) =>
  yamlencoded(
    openmetadataValues({
      provider: 'managed-azure-kv',
      prefix: '',
      secretTags: {},
      clusterName: 'openmetadata',
      secretName: 'openmetadata-secrets-manager-test',
      clientSecret: false,
      ...over,
    }),
  );

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
    expect(json.output.helm_values_openmetadata.value).toBe(expectedOpenMetadataValues({ serviceAccountName: 'openmetadata' }));
    expect(json.output.helm_values_openmetadata.value).not.toContain('tenantId');
    expect(json.output.helm_values_openmetadata.sensitive).toBe(false);
  });

  test('Helm values for Airflow: the ingestion account on every component', () => {
    expect(json.output.helm_values_dependencies.value).toBe(
      yamlencoded(dependenciesValues({ vaultName: 'kv-om-test', serviceAccountName: 'airflow-worker' })),
    );
  });

  test('CLI env and workflowConfig snippets', () => {
    expect(json.output.cli_env).toMatchObject({ sensitive: false, value: { AZURE_KEY_VAULT_NAME: 'kv-om-test' } });
    expect(Object.keys(json.output.cli_env.value)).toEqual(['AZURE_KEY_VAULT_NAME']);
    expect(json.output.workflow_config_airflow.value).toBe(yamlencoded(workflowConfig('airflow')));
    expect(json.output.workflow_config_cli.value).toBe(yamlencoded(workflowConfig('env')));
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
    expect(json.output.helm_values_openmetadata.value).toBe(expectedOpenMetadataValues({ clientSecret: true }));
    expect(json.output.helm_values_dependencies.value).toBe(
      yamlencoded(dependenciesValues({ vaultName: 'kv-om-test', secretName: 'airflow-secrets-manager-test' })),
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
    expect(json.output.helm_values_openmetadata.value).toBe(
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
    expect(json.output.helm_values_dependencies.value).toBe(
      yamlencoded(dependenciesValues({ vaultName: 'kv-om-test', serviceAccountName: 'openmetadata' })),
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
    const accounts = json.output.kubernetes_service_accounts_manifest;
    expect(accounts.sensitive).toBe(false);
    expect(accounts.value).toMatch(/^\$\{join\("---\\n", \[yamlencode\(\{"apiVersion" = "v1", "kind" = "ServiceAccount"/);
    expect(accounts.value).toContain('"azure.workload.identity/client-id" = azurerm_user_assigned_identity.Server_Identity_');
    expect(accounts.value).toContain('"namespace" = "airflow", "name" = "airflow-worker"');
    const secretsManifest = json.output.kubernetes_secrets_manifest;
    expect(secretsManifest.sensitive).toBe(false);
    expect(secretsManifest.value).toContain('"stringData" = {"vaultName" = "kv-om-test"}');
  });

  test('client secrets: the Secret manifest is sensitive and references the secret, never holds it', () => {
    const { json } = synthEnvironment((e) => {
      CLIENT_SECRETS(e);
      e.kubernetes = { manage: false };
    });
    expect(json.provider.kubernetes).toBeUndefined();
    expect(json.output.kubernetes_service_accounts_manifest).toBeUndefined();
    const manifest = json.output.kubernetes_secrets_manifest;
    expect(manifest.sensitive).toBe(true);
    expect(manifest.value).toMatch(
      /"clientSecret" = \(time_rotating\.Server_SecretRotationA_\w+\.unix >= [^?]+\? azuread_application_password\.Server_ClientSecretA_/,
    );
    expect(manifest.value).toMatch(
      /"AZURE_CLIENT_SECRET" = \(time_rotating\.Ingestion_SecretRotationA_\w+\.unix >= [^?]+\? azuread_application_password\.Ingestion_ClientSecretA_/,
    );
  });
});
