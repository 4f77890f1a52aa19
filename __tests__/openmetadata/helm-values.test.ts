import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import { OPENMETADATA_CHART_DATA_HOSTS, OPENMETADATA_INGESTION_IMAGE } from '../../lib/facts/openmetadata-charts';
import {
  AIRFLOW_COMPONENTS,
  dependenciesValues,
  dependenciesValuesWithoutAirflow,
  openmetadataValues,
  OpenMetadataValuesProps,
  workflowConfig,
} from '../../lib/openmetadata/openmetadata-helm-values';
import { airflowApiEndpoint, serverApiEndpoint } from '../../lib/openmetadata/service-endpoints';
import { AIRFLOW_CHART_1_18_0, DEPENDENCIES_CHART_AIRFLOW_DEFAULTS, helmMerge } from '../fixtures/dependencies-chart-defaults';
import {
  OPENMETADATA_CHART_COMMON_LABEL_PODS,
  OPENMETADATA_CHART_CONSTRAINTS,
  OPENMETADATA_CHART_DEFAULTS,
  OPENMETADATA_CHART_READ_AT,
  OPENMETADATA_CHART_ROOT_KEYS,
} from '../fixtures/openmetadata-chart-constraints';
import { WORKLOAD_IDENTITY_VALUES } from '../helpers';

const CLIENT_SECRET: OpenMetadataValuesProps = { ...WORKLOAD_IDENTITY_VALUES, clientSecret: true, serviceAccountName: undefined };

const validate = new Ajv({ allErrors: true }).compile(OPENMETADATA_CHART_CONSTRAINTS);
/** Problems the chart's constraints find in values, as `path message` lines. */
function chartProblems(values: unknown): string[] {
  const problems = validate(values) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  const unknownRoot = Object.keys(values as object).filter((k) => !(OPENMETADATA_CHART_ROOT_KEYS as readonly string[]).includes(k));
  return [...problems, ...unknownRoot.map((k) => `/${k} is not a key of the chart`)];
}

const ref = (secretKey: string) => ({ secretRef: 'openmetadata-secrets-manager-dev', secretKey });

describe('values for chart openmetadata', () => {
  test('workload identity: the vault name from the Secret, no tenant or client credentials', () => {
    const values = openmetadataValues(WORKLOAD_IDENTITY_VALUES) as any;
    expect(values.openmetadata.config.secretsManager).toEqual({
      enabled: true,
      provider: 'managed-azure-kv',
      prefix: '',
      tags: [],
      additionalParameters: { enabled: true, vaultName: ref('vaultName') },
    });
  });

  test('workload identity: the stack account, and the pod label through commonLabels', () => {
    const values = openmetadataValues(WORKLOAD_IDENTITY_VALUES) as any;
    expect(values.serviceAccount).toEqual({ create: false, name: 'openmetadata' });
    expect(values.commonLabels).toEqual({ 'azure.workload.identity/use': 'true' });
    expect(values).not.toHaveProperty('podLabels');
  });

  test('docs/deployment.md names every pod commonLabels reaches, the helm test Pod included', () => {
    const deployment = readFileSync(join(__dirname, '..', '..', 'docs', 'deployment.md'), 'utf8');
    const bullet = deployment.slice(
      deployment.indexOf('- **Which pods `commonLabels` reaches'),
      deployment.indexOf('- **Across namespaces.**'),
    );
    for (const { pod } of OPENMETADATA_CHART_COMMON_LABEL_PODS) expect(bullet).toContain(pod);
    for (const { pod, account } of OPENMETADATA_CHART_COMMON_LABEL_PODS.filter((p) => p.account !== 'server')) {
      expect(bullet).toMatch(new RegExp(`${pod}[^;]*runs as the namespace's \`${account}\` account`));
    }
  });

  test('client secret: client ID, secret and tenant from the Secret, no service account override', () => {
    const values = openmetadataValues(CLIENT_SECRET) as any;
    expect(values.openmetadata.config.secretsManager.additionalParameters).toEqual({
      enabled: true,
      vaultName: ref('vaultName'),
      clientId: ref('clientId'),
      clientSecret: ref('clientSecret'),
      tenantId: ref('tenantId'),
    });
    expect(values).not.toHaveProperty('serviceAccount');
    expect(values).not.toHaveProperty('commonLabels');
  });

  test('tells the server to hand the airflow loader to the pipeline service client', () => {
    expect((openmetadataValues(WORKLOAD_IDENTITY_VALUES) as any).extraEnvs).toEqual([
      { name: 'PIPELINE_SERVICE_CLIENT_SECRETS_MANAGER_LOADER', value: 'airflow' },
    ]);
  });

  test('passes prefix, tags as key:value strings, and a non-default cluster name', () => {
    const values = openmetadataValues({
      ...WORKLOAD_IDENTITY_VALUES,
      prefix: 'data',
      secretTags: { team: 'x', env: 'prod' },
      clusterName: 'om-prod',
    }) as any;
    expect(values.openmetadata.config).toMatchObject({
      clusterName: 'om-prod',
      secretsManager: { provider: 'managed-azure-kv', prefix: 'data', tags: ['env:prod', 'team:x'] },
    });
  });

  // openmetadata-service SecretsManagerFactory: `case DB, AWS_SSM, AWS, AZURE_KV ->
  // DBSecretsManager`; only MANAGED_AZURE_KV builds AzureKVSecretsManager (read at 1.10.0-SNAPSHOT,
  // the newest snapshot of that file in the index).
  test('azure-kv: the provider alone, no vault settings, no loader, no pod identity (the server never calls the vault)', () => {
    const values = openmetadataValues({ provider: 'azure-kv', prefix: '', secretTags: {}, clusterName: 'om-prod' }) as any;
    expect(values).toEqual({
      openmetadata: {
        config: {
          clusterName: 'om-prod',
          secretsManager: { enabled: true, provider: 'azure-kv', additionalParameters: { enabled: false } },
        },
      },
    });
  });

  test('Kubernetes Jobs: the env loader, and the job env as KEY:VALUE strings (the only form the chart takes)', () => {
    const values = openmetadataValues({
      ...CLIENT_SECRET,
      kubernetesJobsEnv: { AZURE_KEY_VAULT_NAME: 'kv-om', AZURE_CLIENT_ID: 'c' },
    }) as any;
    expect(values.openmetadata.config.pipelineServiceClientConfig).toEqual({
      type: 'k8s',
      k8s: {
        ingestionImage: 'docker.getcollate.io/openmetadata/ingestion-base:1.13.1',
        extraEnvVars: ['AZURE_KEY_VAULT_NAME:kv-om', 'AZURE_CLIENT_ID:c'],
      },
    });
    expect(values.extraEnvs).toEqual([{ name: 'PIPELINE_SERVICE_CLIENT_SECRETS_MANAGER_LOADER', value: 'env' }]);
  });

  describe('the endpoints between the server and Airflow', () => {
    const across = { server: 'openmetadata', airflow: 'airflow' };

    test("within one namespace they are the chart's defaults, from the release names the commands print", () => {
      expect(airflowApiEndpoint()).toBe(OPENMETADATA_CHART_DEFAULTS.airflowApiEndpoint);
      expect(serverApiEndpoint()).toBe(OPENMETADATA_CHART_DEFAULTS.metadataApiEndpoint);
    });

    test('one namespace: the values leave them to the chart', () => {
      const values = openmetadataValues({ ...WORKLOAD_IDENTITY_VALUES, namespaces: { server: 'om', airflow: 'om' } }) as any;
      expect(values.openmetadata.config).not.toHaveProperty('pipelineServiceClientConfig');
    });

    test('Airflow in another namespace: the server calls it, and the pipelines call back, by cluster-wide names', () => {
      const values = openmetadataValues({ ...WORKLOAD_IDENTITY_VALUES, namespaces: across }) as any;
      expect(values.openmetadata.config.pipelineServiceClientConfig).toEqual({
        metadataApiEndpoint: 'http://openmetadata.openmetadata.svc.cluster.local:8585/api',
        airflow: { apiEndpoint: 'http://openmetadata-dependencies-api-server.airflow.svc.cluster.local:8080' },
      });
      expect(chartProblems(values)).toEqual([]);
    });

    test('azure-kv: the same endpoints (the server still deploys pipelines to Airflow)', () => {
      const values = openmetadataValues({
        provider: 'azure-kv',
        prefix: '',
        secretTags: {},
        clusterName: 'openmetadata',
        namespaces: across,
      }) as any;
      expect(values.openmetadata.config.pipelineServiceClientConfig.airflow.apiEndpoint).toBe(airflowApiEndpoint('airflow'));
    });

    test('Kubernetes Jobs: none, the jobs run beside the server', () => {
      const values = openmetadataValues({
        ...CLIENT_SECRET,
        kubernetesJobsEnv: { AZURE_KEY_VAULT_NAME: 'kv-om' },
        namespaces: across,
      }) as any;
      expect(Object.keys(values.openmetadata.config.pipelineServiceClientConfig).sort()).toEqual(['k8s', 'type']);
    });
  });

  test("the pinned job image is the chart's own repository, at the release the chart ships", () => {
    const [repository] = OPENMETADATA_CHART_DEFAULTS.ingestionImage.split(':');
    expect(OPENMETADATA_INGESTION_IMAGE).toBe(`${repository}:${OPENMETADATA_CHART_READ_AT}`);
  });

  test("the database and search hosts named in the printed advice are the chart's defaults", () => {
    expect(OPENMETADATA_CHART_DATA_HOSTS).toEqual({
      database: OPENMETADATA_CHART_DEFAULTS.databaseHost,
      search: OPENMETADATA_CHART_DEFAULTS.searchHost,
    });
  });

  test('leaves the default cluster name to the chart', () => {
    expect((openmetadataValues(WORKLOAD_IDENTITY_VALUES) as any).openmetadata.config).not.toHaveProperty('clusterName');
  });

  test.each([
    ['workload identity', WORKLOAD_IDENTITY_VALUES],
    ['client secret', CLIENT_SECRET],
    ['managed with a prefix, tags and a cluster name', { ...CLIENT_SECRET, prefix: 'p-', secretTags: { a: 'b' }, clusterName: 'om2' }],
    ['azure-kv', { provider: 'azure-kv' as const, prefix: '', secretTags: {}, clusterName: 'om2' }],
    ['Kubernetes Jobs', { ...CLIENT_SECRET, kubernetesJobsEnv: { AZURE_KEY_VAULT_NAME: 'kv-om' } }],
  ])('are accepted by the chart 1.13.1 constraints (%s)', (_name, props) => {
    expect(chartProblems(openmetadataValues(props))).toEqual([]);
  });

  test('the constraint check rejects what the chart rejects', () => {
    expect(
      chartProblems({
        openmetadata: { config: { secretsManager: { provider: 'azure', vault: 'x' } } },
        serviceAccount: { create: false, labels: {} },
        podLabels: {},
      }),
    ).toEqual([
      '/openmetadata/config/secretsManager must NOT have additional properties',
      '/openmetadata/config/secretsManager/provider must be equal to one of the allowed values',
      '/serviceAccount must NOT have additional properties',
      '/podLabels is not a key of the chart',
    ]);
  });
});

describe('values for chart openmetadata-dependencies (Airflow)', () => {
  const VAULT = { name: 'AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_KEY_VAULT_NAME', value: 'kv-om' };
  const fromSecret = (name: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: 'airflow-secrets-manager-dev', key } } });
  const workloadIdentity = dependenciesValues({ vaultName: 'kv-om', serviceAccountName: 'airflow' }) as any;
  const clientSecret = dependenciesValues({ vaultName: 'kv-om', secretName: 'airflow-secrets-manager-dev' }) as any;

  test('never set airflow.env or airflow.secret: the chart defaults stay', () => {
    for (const values of [workloadIdentity, clientSecret]) {
      expect(values.airflow).not.toHaveProperty('env');
      expect(values.airflow).not.toHaveProperty('secret');
    }
  });

  test('after Helm merges them over the chart, the defaults OpenMetadata needs are all still there', () => {
    const merged = helmMerge(DEPENDENCIES_CHART_AIRFLOW_DEFAULTS, workloadIdentity.airflow) as any;
    expect(merged.env).toEqual(DEPENDENCIES_CHART_AIRFLOW_DEFAULTS.env);
    expect(merged.env.map((e: any) => e.name)).toContain('AIRFLOW__OPENMETADATA_AIRFLOW_APIS__DAG_GENERATED_CONFIGS');
    expect(merged.workers).toMatchObject({ replicas: 2, env: [VAULT] });
  });

  test('the vault name reaches every Airflow component through its own env list, task pods (workers) included', () => {
    const components = Object.keys(workloadIdentity.airflow).filter((k) => k !== 'labels');
    expect(components.sort()).toEqual([...AIRFLOW_CHART_1_18_0.componentEnv].sort());
    for (const component of AIRFLOW_CHART_1_18_0.componentEnv) expect(workloadIdentity.airflow[component].env).toEqual([VAULT]);
  });

  test('workload identity: every component runs as the federated account, the dag-processor included', () => {
    for (const component of AIRFLOW_CHART_1_18_0.componentEnv) {
      expect(workloadIdentity.airflow[component]).toEqual({ env: [VAULT], serviceAccount: { create: false, name: 'airflow' } });
    }
  });

  // The dag-processor's pod template takes only the global labels (airflow-chart-pods.ts): the
  // label goes there once, and the components merge it in.
  test('workload identity: the pod label through the global airflow.labels', () => {
    expect(workloadIdentity.airflow.labels).toEqual({ 'azure.workload.identity/use': 'true' });
  });

  test('client secret: no label and no account override', () => {
    expect(clientSecret.airflow).not.toHaveProperty('labels');
    for (const component of AIRFLOW_CHART_1_18_0.componentEnv) expect(clientSecret.airflow[component]).not.toHaveProperty('serviceAccount');
  });

  test('client secret: the three credentials from the Secret, never as values, on every component', () => {
    for (const component of AIRFLOW_CHART_1_18_0.componentEnv) {
      expect(clientSecret.airflow[component]).toEqual({
        env: [
          VAULT,
          fromSecret('AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_TENANT_ID', 'AZURE_TENANT_ID'),
          fromSecret('AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_CLIENT_ID', 'AZURE_CLIENT_ID'),
          fromSecret('AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_CLIENT_SECRET', 'AZURE_CLIENT_SECRET'),
        ],
      });
    }
  });

  test("the components are the chart's", () => {
    expect([...AIRFLOW_COMPONENTS]).toEqual([...AIRFLOW_CHART_1_18_0.componentEnv]);
  });

  test('Kubernetes Jobs: the chart without its Airflow (its dependency condition airflow.enabled)', () => {
    expect(dependenciesValuesWithoutAirflow()).toEqual({ airflow: { enabled: false } });
  });
});

describe('workflowConfig', () => {
  test('own Airflow reads through the airflow loader, the CLI through env', () => {
    expect(workflowConfig('airflow')).toEqual({
      workflowConfig: { openMetadataServerConfig: { secretsManagerProvider: 'azure-kv', secretsManagerLoader: 'airflow' } },
    });
    expect(workflowConfig('env')).toEqual({
      workflowConfig: { openMetadataServerConfig: { secretsManagerProvider: 'azure-kv', secretsManagerLoader: 'env' } },
    });
  });
});
