import { OPENMETADATA_CHARTS, OPENMETADATA_K8S_PIPELINE } from '../../lib/facts/openmetadata-charts';
import { AIRFLOW_CHART_PODS_READ_AT } from '../fixtures/airflow-chart-pods';
import { DEPENDENCIES_CHART_READ_AT } from '../fixtures/dependencies-chart-defaults';
import {
  OPENMETADATA_CHART_DEFAULTS,
  OPENMETADATA_CHART_K8S_ROLES,
  OPENMETADATA_CHART_READ_AT,
} from '../fixtures/openmetadata-chart-constraints';

// The chart facts the tests hold the values to were read at one version; the printed commands
// install that version. A bump of the constant fails here until the fixtures are read again.
test('the chart fixtures were read at the version the commands install', () => {
  expect(OPENMETADATA_CHART_READ_AT).toBe(OPENMETADATA_CHARTS.version);
  expect(DEPENDENCIES_CHART_READ_AT).toBe(OPENMETADATA_CHARTS.version);
  expect(AIRFLOW_CHART_PODS_READ_AT).toBe(OPENMETADATA_CHARTS.airflowChartVersion);
});

// The access diagram names the chart's pipeline Secret and the jobs' account with pipelineClient k8s.
test('the Kubernetes pipeline client: the Secret the server reads and the account the jobs run as', () => {
  expect(OPENMETADATA_K8S_PIPELINE).toEqual({
    secretName: OPENMETADATA_CHART_DEFAULTS.pipelineSecret,
    envKey: OPENMETADATA_CHART_DEFAULTS.pipelineSecretEnvKey,
    serviceAccount: OPENMETADATA_CHART_DEFAULTS.k8sJobsServiceAccount,
    roleSecretVerbs: OPENMETADATA_CHART_K8S_ROLES.jobs.secrets,
  });
  expect(OPENMETADATA_CHART_K8S_ROLES.server.secrets).toEqual(OPENMETADATA_CHART_K8S_ROLES.jobs.secrets);
  expect(OPENMETADATA_CHART_K8S_ROLES.rbacEnabledByDefault).toBe(true);
});
