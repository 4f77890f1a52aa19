import Ajv from 'ajv';
import { dependenciesValues, openmetadataValues, OpenMetadataValuesProps, workflowConfig } from '../lib/openmetadata-helm-values';
import { OPENMETADATA_CHART_CONSTRAINTS, OPENMETADATA_CHART_ROOT_KEYS } from './fixtures/openmetadata-chart-constraints';

const WORKLOAD_IDENTITY: OpenMetadataValuesProps = {
  provider: 'managed-azure-kv',
  prefix: '',
  secretTags: {},
  clusterName: 'openmetadata',
  secretName: 'openmetadata-secrets-manager-dev',
  clientSecret: false,
  serviceAccountName: 'openmetadata',
};
const CLIENT_SECRET: OpenMetadataValuesProps = { ...WORKLOAD_IDENTITY, clientSecret: true, serviceAccountName: undefined };

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
    const values = openmetadataValues(WORKLOAD_IDENTITY) as any;
    expect(values.openmetadata.config.secretsManager).toEqual({
      enabled: true,
      provider: 'managed-azure-kv',
      prefix: '',
      tags: [],
      additionalParameters: { enabled: true, vaultName: ref('vaultName') },
    });
  });

  test('workload identity: the stack account, and the pod label through commonLabels', () => {
    const values = openmetadataValues(WORKLOAD_IDENTITY) as any;
    expect(values.serviceAccount).toEqual({ create: false, name: 'openmetadata' });
    expect(values.commonLabels).toEqual({ 'azure.workload.identity/use': 'true' });
    expect(values).not.toHaveProperty('podLabels');
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
    expect((openmetadataValues(WORKLOAD_IDENTITY) as any).extraEnvs).toEqual([
      { name: 'PIPELINE_SERVICE_CLIENT_SECRETS_MANAGER_LOADER', value: 'airflow' },
    ]);
  });

  test('passes prefix, tags as key:value strings, and a non-default cluster name', () => {
    const values = openmetadataValues({ ...WORKLOAD_IDENTITY, provider: 'azure-kv', prefix: 'data', secretTags: { team: 'x', env: 'prod' }, clusterName: 'om-prod' }) as any;
    expect(values.openmetadata.config).toMatchObject({
      clusterName: 'om-prod',
      secretsManager: { provider: 'azure-kv', prefix: 'data', tags: ['env:prod', 'team:x'] },
    });
  });

  test('leaves the default cluster name to the chart', () => {
    expect((openmetadataValues(WORKLOAD_IDENTITY) as any).openmetadata.config).not.toHaveProperty('clusterName');
  });

  test.each([
    ['workload identity', WORKLOAD_IDENTITY],
    ['client secret', CLIENT_SECRET],
    ['non-managed with tags and a cluster name', { ...CLIENT_SECRET, provider: 'azure-kv' as const, prefix: 'p', secretTags: { a: 'b' }, clusterName: 'om2' }],
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
  test('workload identity: the vault name, the stack account on every component, the pod label', () => {
    expect(dependenciesValues({ vaultName: 'kv-om', serviceAccountName: 'airflow' })).toEqual({
      airflow: {
        env: [{ name: 'AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_KEY_VAULT_NAME', value: 'kv-om' }],
        labels: { 'azure.workload.identity/use': 'true' },
        scheduler: { serviceAccount: { create: false, name: 'airflow' } },
        workers: { serviceAccount: { create: false, name: 'airflow' } },
        triggerer: { serviceAccount: { create: false, name: 'airflow' } },
        dagProcessor: { serviceAccount: { create: false, name: 'airflow' } },
        webserver: { serviceAccount: { create: false, name: 'airflow' } },
        apiServer: { serviceAccount: { create: false, name: 'airflow' } },
      },
    });
  });

  test('client secret: the three credentials from the Secret, never as values', () => {
    const values = dependenciesValues({ vaultName: 'kv-om', secretName: 'airflow-secrets-manager-dev' }) as any;
    expect(values.airflow.secret).toEqual([
      { envName: 'AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_TENANT_ID', secretName: 'airflow-secrets-manager-dev', secretKey: 'AZURE_TENANT_ID' },
      { envName: 'AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_CLIENT_ID', secretName: 'airflow-secrets-manager-dev', secretKey: 'AZURE_CLIENT_ID' },
      { envName: 'AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_CLIENT_SECRET', secretName: 'airflow-secrets-manager-dev', secretKey: 'AZURE_CLIENT_SECRET' },
    ]);
    expect(values.airflow.env).toEqual([{ name: 'AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_KEY_VAULT_NAME', value: 'kv-om' }]);
    expect(values.airflow).not.toHaveProperty('labels');
    expect(values.airflow).not.toHaveProperty('workers');
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
