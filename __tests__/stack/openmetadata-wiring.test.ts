import { KEY_VAULT_ROLES } from '../../lib/facts/azure-facts';
import { problemsWith, resourcesOf, SUBSCRIPTION, synthEnvironment, yamlencodedData } from '../helpers';

/**
 * How the server and ingestion really use the vault, per secrets manager and pipeline client,
 * checked against OpenMetadata's sources and chart openmetadata 1.13.1.
 */

const roleId = (id: string) => `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${id}`;
const USER = roleId(KEY_VAULT_ROLES.secretsUser.id);

/** The values a Helm values output holds, with Terraform references left as text. */
const valuesOf = yamlencodedData;

const azureKv = (e: Record<string, any>) => {
  e.openmetadata = { secretsManager: 'azure-kv' };
  e.principals.server = { namespace: 'openmetadata' };
};

describe('azure-kv: the server never calls the vault', () => {
  // openmetadata-service SecretsManagerFactory: `case DB, AWS_SSM, AWS, AZURE_KV -> DBSecretsManager`
  // (the newest snapshot of the factory in the index, 1.10.0-SNAPSHOT; the chart ships 1.13.1).
  const { json } = synthEnvironment(azureKv);

  test('no server principal: one identity, for ingestion', () => {
    expect(Object.values(resourcesOf(json, 'azurerm_user_assigned_identity')).map((i: any) => i.name)).toEqual([
      'id-openmetadata-test-ingestion',
    ]);
  });

  test('one role assignment: Secrets User for ingestion', () => {
    expect(Object.values(resourcesOf(json, 'azurerm_role_assignment')).map((a: any) => a.role_definition_id)).toEqual([USER]);
  });

  test('no server Secret and no server service account', () => {
    const secrets = Object.values(resourcesOf(json, 'kubernetes_secret_v1')).map((s: any) => s.metadata.name);
    expect(secrets).toEqual([]);
    const accounts = Object.values(resourcesOf(json, 'kubernetes_service_account_v1')).map(
      (a: any) => `${a.metadata.namespace}/${a.metadata.name}`,
    );
    expect(accounts).toEqual(['airflow/airflow-worker']);
  });

  test('server settings are the provider alone', () => {
    expect(json.output.server_env.value).toEqual({ SECRET_MANAGER: 'azure-kv' });
    // The server still deploys pipelines to Airflow: the endpoints across namespaces stay (tested with the values).
    expect(valuesOf(json, 'helm_values_openmetadata')).toEqual({
      openmetadata: {
        config: {
          secretsManager: { enabled: true, provider: 'azure-kv', additionalParameters: { enabled: false } },
          pipelineServiceClientConfig: expect.any(Object),
        },
      },
    });
  });

  test('no server outputs but its namespace, and no secret name head (the server names no secret)', () => {
    expect(
      Object.keys(json.output)
        .filter((k) => k.startsWith('server_'))
        .sort(),
    ).toEqual(['server_env', 'server_namespace']);
    expect(json.output.secret_name_head).toBeUndefined();
    expect(json.output.secrets_manager.value).toBe('azure-kv');
  });

  test('ingestion still reads the vault: Airflow and the CLI get the vault name', () => {
    expect(json.output.airflow_env.value).toEqual({ AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_KEY_VAULT_NAME: 'kv-om-test' });
    expect(json.output.cli_env.value).toEqual({ AZURE_KEY_VAULT_NAME: 'kv-om-test' });
  });

  test('passes the policy checks', () => {
    expect(synthEnvironment(azureKv).stack.policyReport().errors).toEqual([]);
  });

  test.each<[string, (e: Record<string, any>) => void, string]>([
    [
      'fails when the server is given auth',
      (e) => (e.principals.server.auth = 'client-secret'),
      'environments.test.principals.server.auth: received "client-secret"; expected no auth: with secretsManager azure-kv the server keeps its secrets in its database and never calls the vault',
    ],
    [
      'fails when the server is given a service account',
      (e) => (e.principals.server.serviceAccount = 'openmetadata'),
      'environments.test.principals.server.serviceAccount: received "openmetadata"; expected no serviceAccount',
    ],
    [
      'fails when ingestion shares the server principal',
      (e) => (e.principals.ingestion = { sameAs: 'server' }),
      'environments.test.principals.ingestion.sameAs: received "server"; expected an ingestion principal of its own',
    ],
    [
      'fails when a prefix is set',
      (e) => (e.openmetadata.prefix = 'sbx'),
      'environments.test.openmetadata.prefix: received "sbx"; expected no prefix',
    ],
    [
      'fails when secret tags are set',
      (e) => (e.openmetadata.secretTags = { a: 'b' }),
      'environments.test.openmetadata.secretTags: received a mapping; expected no secretTags',
    ],
    [
      'fails when the Kubernetes pipeline client is chosen',
      (e) => (e.openmetadata.pipelineClient = 'k8s'),
      'environments.test.openmetadata.pipelineClient: received "k8s"; expected no pipelineClient',
    ],
    [
      'fails when the server has no namespace',
      (e) => delete e.principals.server.namespace,
      'environments.test.principals.server.namespace: received nothing (missing); expected the Kubernetes namespace of the OpenMetadata server',
    ],
  ])('%s', (_name, edit, message) => {
    const problems = problemsWith((e) => {
      azureKv(e);
      edit(e);
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  test('fails when a managed-azure-kv server has no auth', () => {
    expect(problemsWith((e) => (e.principals.server = { namespace: 'openmetadata' }))).toEqual([
      expect.stringContaining(
        'environments.test.principals.server.auth: received nothing (missing); expected "workload-identity" or "client-secret": with managed-azure-kv',
      ),
    ]);
  });
});

describe('managed-azure-kv: the secret names the server writes', () => {
  test('the head every secret name starts with is an output', () => {
    const { json } = synthEnvironment((e) => (e.openmetadata = { prefix: 'sbx', clusterName: 'OpenMetadata' }));
    expect(json.output.secret_name_head.value).toBe('sbxopenmetadata');
  });
});

describe('the Kubernetes pipeline client (ingestion as Kubernetes Jobs)', () => {
  const k8s = (e: Record<string, any>) => {
    e.openmetadata = { pipelineClient: 'k8s' };
    e.principals.ingestion = { auth: 'client-secret' };
  };
  const { json } = synthEnvironment(k8s);
  const values = valuesOf(json, 'helm_values_openmetadata');

  // chart openmetadata 1.13.1: pipelineServiceClientConfig.k8s.extraEnvVars is a list of "KEY:VALUE"
  // strings stored in the chart's pipeline Secret (templates/secrets.yaml, K8S_EXTRA_ENV_VARS); the
  // job pods get no labels from the config (K8sPipelineClient.java, read at commit 05a8f83f, builds
  // its own), so no workload identity.
  test('the job pods get the vault name and the ingestion credentials as KEY:VALUE env, read by the env loader', () => {
    const env = values.openmetadata.config.pipelineServiceClientConfig.k8s.extraEnvVars as string[];
    expect(values.openmetadata.config.pipelineServiceClientConfig.type).toBe('k8s');
    expect(env.map((v) => v.split(':')[0])).toEqual(['AZURE_KEY_VAULT_NAME', 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET']);
    expect(env[0]).toBe('AZURE_KEY_VAULT_NAME:kv-om-test');
    expect(env[3]).toMatch(/^AZURE_CLIENT_SECRET:\$\{.*Ingestion_ClientSecret[AB]_[0-9A-F]{8}\.value.*\}$/);
    expect(values.extraEnvs).toEqual([{ name: 'PIPELINE_SERVICE_CLIENT_SECRETS_MANAGER_LOADER', value: 'env' }]);
    expect(json.output.server_env.value.PIPELINE_SERVICE_CLIENT_SECRETS_MANAGER_LOADER).toBe('env');
  });

  test('the values carry the client secret, so the output is sensitive', () => {
    expect(json.output.helm_values_openmetadata.sensitive).toBe(true);
  });

  test('no Airflow: no Airflow Secret, and the dependencies chart installs without its Airflow', () => {
    expect(Object.values(resourcesOf(json, 'kubernetes_secret_v1')).map((s: any) => s.metadata.name)).toEqual([
      'openmetadata-secrets-manager-test',
    ]);
    // charts/deps/Chart.yaml at openmetadata-dependencies-1.13.1: `condition: airflow.enabled` on the
    // airflow dependency; MySQL and OpenSearch stay.
    expect(valuesOf(json, 'helm_values_dependencies')).toEqual({ airflow: { enabled: false } });
  });

  // chart openmetadata 1.13.1 values.yaml: k8s.ingestionImage defaults to ingestion-base:latest;
  // templates/secrets.yaml passes it to the server as K8S_INGESTION_IMAGE.
  test('the job image is pinned to the release the chart ships, not latest', () => {
    expect(values.openmetadata.config.pipelineServiceClientConfig.k8s.ingestionImage).toBe(
      'docker.getcollate.io/openmetadata/ingestion-base:1.13.1',
    );
  });

  test("the jobs run beside the server: the chart's short endpoints stay", () => {
    expect(Object.keys(values.openmetadata.config.pipelineServiceClientConfig).sort()).toEqual(['k8s', 'type']);
    expect(values.openmetadata.config.pipelineServiceClientConfig.k8s).not.toHaveProperty('namespace');
  });

  test('a shared client-secret principal works too', () => {
    const shared = synthEnvironment((e) => {
      e.openmetadata = { pipelineClient: 'k8s' };
      e.principals = { server: { auth: 'client-secret', namespace: 'openmetadata' }, ingestion: { sameAs: 'server' } };
    }).json;
    expect(valuesOf(shared, 'helm_values_openmetadata').openmetadata.config.pipelineServiceClientConfig.k8s.extraEnvVars[3]).toContain(
      'Server_ClientSecret',
    );
  });

  test.each<[string, (e: Record<string, any>) => void, string]>([
    [
      'fails when ingestion uses workload identity',
      (e) => (e.openmetadata = { pipelineClient: 'k8s' }),
      'environments.test.principals.ingestion.auth: received "workload-identity"; expected client-secret ingestion with pipelineClient k8s',
    ],
    [
      'fails when ingestion shares a workload identity server',
      (e) => {
        e.openmetadata = { pipelineClient: 'k8s' };
        e.principals.ingestion = { sameAs: 'server' };
      },
      'environments.test.principals.ingestion.sameAs: received "server"; expected client-secret ingestion with pipelineClient k8s',
    ],
    [
      "fails when ingestion names another namespace than the server's",
      (e) => {
        e.openmetadata = { pipelineClient: 'k8s' };
        e.principals.ingestion = { auth: 'client-secret', namespace: 'ingestion' };
      },
      'environments.test.principals.ingestion.namespace: received "ingestion"; expected no namespace, or the server\'s ("openmetadata"): with pipelineClient k8s the ingestion Jobs run in the server\'s namespace',
    ],
    [
      "fails when a shared client-secret principal names another namespace than the server's",
      (e) => {
        e.openmetadata = { pipelineClient: 'k8s' };
        e.principals = {
          server: { auth: 'client-secret', namespace: 'openmetadata' },
          ingestion: { sameAs: 'server', namespace: 'other' },
        };
      },
      'environments.test.principals.ingestion.namespace: received "other"; expected no namespace, or the server\'s ("openmetadata")',
    ],
    [
      'fails when the client is unknown',
      (e) => (e.openmetadata = { pipelineClient: 'argoWorkflows' }),
      'environments.test.openmetadata.pipelineClient: received "argoWorkflows"; expected one of "airflow", "k8s"',
    ],
  ])('%s', (_name, edit, message) => {
    const problems = problemsWith(edit);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});
