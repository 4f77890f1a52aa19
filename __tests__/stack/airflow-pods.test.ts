import { readFileSync } from 'fs';
import { join } from 'path';
import { OPENMETADATA_CHARTS } from '../../lib/facts/openmetadata-charts';
import { AIRFLOW_CHART_DEFAULTS, renderedAirflowPods, RenderedPod } from '../fixtures/airflow-chart-pods';
import { DEPENDENCIES_CHART_AIRFLOW_DEFAULTS, helmMerge } from '../fixtures/dependencies-chart-defaults';
import { webhookEnv, WORKLOAD_IDENTITY_WEBHOOK } from '../fixtures/workload-identity-webhook';
import { resourcesOf, synthEnvironment, TENANT, yamlencodedData } from '../helpers';

/**
 * Which Airflow pods act as which principal once Helm has rendered the generated values over the
 * dependencies chart 1.13.1 and the Apache Airflow chart 1.18.0 (both restated in fixtures/), and
 * what the workload identity webhook (v1.6.0) then does to each.
 */

const LABEL = WORKLOAD_IDENTITY_WEBHOOK.objectSelector;
const AUTHORITY = 'https://login.microsoftonline.com/';

function podsOf(json: any): { pods: RenderedPod[]; merged: any } {
  const ours = yamlencodedData(json, 'helm_values_dependencies').airflow;
  const merged = helmMerge(helmMerge(AIRFLOW_CHART_DEFAULTS, DEPENDENCIES_CHART_AIRFLOW_DEFAULTS), ours) as any;
  return { pods: renderedAirflowPods(merged, OPENMETADATA_CHARTS.releases.dependencies), merged };
}

const labelled = (pods: RenderedPod[]) =>
  pods.filter((p) => Object.entries(LABEL).every(([k, v]) => p.labels[k] === v)).map((p) => `${p.pod} as ${p.serviceAccount}`);

describe('workload identity', () => {
  const { json } = synthEnvironment();
  const { pods, merged } = podsOf(json);
  const account = Object.values(resourcesOf(json, 'kubernetes_service_account_v1')).find(
    (a: any) => a.metadata.namespace === 'airflow',
  ) as any;
  const subjects = Object.values(resourcesOf(json, 'azurerm_federated_identity_credential')).map((c: any) => c.subject);

  test('the pods that run OpenMetadata code carry the label and run as the federated account, the dag-processor included', () => {
    expect(labelled(pods).filter((p) => p.endsWith(' as airflow-worker'))).toEqual([
      'scheduler as airflow-worker',
      'dag-processor as airflow-worker',
      'api-server as airflow-worker',
      'triggerer as airflow-worker',
      '<task pod> as airflow-worker',
    ]);
    expect(account.metadata.name).toBe('airflow-worker');
    expect(subjects).toContain('system:serviceaccount:airflow:airflow-worker');
    expect(webhookEnv(account.metadata, TENANT, AUTHORITY).AZURE_CLIENT_ID).toBe(
      account.metadata.annotations['azure.workload.identity/client-id'],
    );
  });

  test("the global label also reaches statsd and the migration and create-user jobs, on the chart's own accounts", () => {
    expect(labelled(pods).filter((p) => !p.endsWith(' as airflow-worker'))).toEqual([
      'statsd as openmetadata-dependencies-airflow-statsd',
      'run-airflow-migrations as openmetadata-dependencies-airflow-migrate-database-job',
      'create-user as openmetadata-dependencies-airflow-create-user-job',
    ]);
  });

  // The webhook reads the pod's account (failurePolicy Fail): each exists before its pod, created by
  // the chart as an ordinary object (the jobs are post-install hooks). Unannotated, it gets no
  // AZURE_CLIENT_ID; unfederated, its token is accepted by no identity: these pods reach nothing.
  test('docs/deployment.md names those pods and their accounts, and says the webhook sets no client ID there', () => {
    const deployment = readFileSync(join(__dirname, '..', '..', 'docs', 'deployment.md'), 'utf8');
    const bullet = deployment.slice(
      deployment.indexOf('- **The global label reaches three more pods'),
      deployment.indexOf('- **Which pods `commonLabels`'),
    );
    for (const pod of pods.filter((p) => p.serviceAccount !== 'airflow-worker')) {
      expect(bullet).toContain(`\`${pod.pod}\``);
      expect(bullet).toContain(pod.serviceAccount.replace(`${OPENMETADATA_CHARTS.releases.dependencies}-airflow-`, ''));
    }
    expect(bullet).toContain('It adds no `AZURE_CLIENT_ID`');
  });

  test('those accounts are created by the chart, carry no client ID and are federated to nothing', () => {
    for (const key of ['statsd', 'migrateDatabaseJob', 'createUserJob']) {
      expect(merged[key].serviceAccount).toMatchObject({ create: true, name: null });
      expect(merged[key].serviceAccount.annotations ?? {}).toEqual({});
    }
    const env = webhookEnv({ annotations: {} }, TENANT, AUTHORITY);
    expect(env).not.toHaveProperty('AZURE_CLIENT_ID');
    for (const pod of pods.filter((p) => p.serviceAccount !== 'airflow-worker')) {
      expect(subjects).not.toContain(`system:serviceaccount:airflow:${pod.serviceAccount}`);
    }
  });
});

describe('client secret', () => {
  test('no Airflow pod carries the label, and every pod keeps its chart account', () => {
    const { json } = synthEnvironment((e) => (e.principals.ingestion = { auth: 'client-secret', namespace: 'airflow' }));
    const { pods } = podsOf(json);
    expect(labelled(pods)).toEqual([]);
    expect(pods.map((p) => p.serviceAccount).filter((a) => !a.startsWith('openmetadata-dependencies-airflow-'))).toEqual([]);
  });
});
