import { effectiveAuth, federatedAccounts, ownPrincipals, principalName, usesAuth } from '../../lib/config/principal-plan';
import { environmentWith } from '../helpers';

// The plan is what every layer switches on: each setup the schema accepts resolves to one variant
// per role, with the namespaces and accounts the stack then uses.

test('workload identity for both: two principals of their own, each with its namespace and account', () => {
  const plan = environmentWith(() => {}).principalPlan;
  expect(plan).toEqual({
    server: { auth: 'workload-identity', name: undefined, namespace: 'openmetadata', serviceAccount: 'openmetadata' },
    ingestion: { auth: 'workload-identity', name: undefined, namespace: 'airflow', serviceAccount: 'airflow-worker' },
  });
  expect(ownPrincipals(plan).map((p) => p.role)).toEqual(['server', 'ingestion']);
  expect([usesAuth(plan, 'workload-identity'), usesAuth(plan, 'client-secret')]).toEqual([true, false]);
});

test('a client-secret principal: its namespace defaults to the server’s, owners to none', () => {
  const plan = environmentWith((env) => {
    env.principals.ingestion = { auth: 'client-secret', secretRotationDays: 90 };
  }).principalPlan;
  expect(plan.ingestion).toEqual({ auth: 'client-secret', name: undefined, namespace: 'openmetadata', secretRotationDays: 90, owners: [] });
  expect([usesAuth(plan, 'workload-identity'), usesAuth(plan, 'client-secret')]).toEqual([true, true]);
});

test('azure-kv: the server has no principal, and only ingestion is created', () => {
  const plan = environmentWith((env) => {
    env.openmetadata = { secretsManager: 'azure-kv' };
    env.principals.server = { namespace: 'openmetadata' };
  }).principalPlan;
  expect(plan.server).toEqual({ auth: 'none', namespace: 'openmetadata' });
  expect(ownPrincipals(plan).map((p) => p.role)).toEqual(['ingestion']);
});

test('sameAs: server with a workload identity: the Airflow pods run as the server’s account unless named', () => {
  const same = environmentWith((env) => {
    env.principals.ingestion = { sameAs: 'server' };
  }).principalPlan;
  expect(same.ingestion).toEqual({ auth: 'shared', namespace: 'openmetadata', serviceAccount: 'openmetadata' });
  expect(ownPrincipals(same).map((p) => p.role)).toEqual(['server']);
  // Shared: ingestion authenticates as the server's own principal.
  expect(same.server.auth).toBe('workload-identity');
  const own = environmentWith((env) => {
    env.principals.ingestion = { sameAs: 'server', namespace: 'airflow', serviceAccount: 'airflow-worker' };
  }).principalPlan;
  expect(own.ingestion).toEqual({ auth: 'shared', namespace: 'airflow', serviceAccount: 'airflow-worker' });
});

test('sameAs: server with a client secret: no account, ingestion authenticates with the server’s secret', () => {
  const plan = environmentWith((env) => {
    env.aks = undefined;
    env.principals.server = { auth: 'client-secret', namespace: 'openmetadata' };
    env.principals.ingestion = { sameAs: 'server', namespace: 'airflow' };
  }).principalPlan;
  expect(plan.ingestion).toEqual({ auth: 'shared', namespace: 'airflow', serviceAccount: undefined });
  expect(plan.server.auth).toBe('client-secret');
});

test('principal names: the configured one, or derived from clusterName, environment and role', () => {
  const plan = environmentWith((env) => {
    env.principals.server.name = 'id-hand-made';
    env.principals.ingestion = { auth: 'client-secret' };
  }).principalPlan;
  const [server, ingestion] = ownPrincipals(plan);
  expect(principalName(server.role, server.principal, 'openmetadata', 'prod')).toBe('id-hand-made');
  expect(principalName(ingestion.role, ingestion.principal, 'openmetadata', 'prod')).toBe('openmetadata-prod-ingestion');
});

// What the collision finder claims per cluster: one federated credential per account and identity.
describe('federated service accounts', () => {
  test('workload identity for both: the server’s account and ingestion’s', () => {
    expect(federatedAccounts(environmentWith(() => {}).principalPlan)).toEqual([
      { role: 'server', namespace: 'openmetadata', serviceAccount: 'openmetadata' },
      { role: 'ingestion', namespace: 'airflow', serviceAccount: 'airflow-worker' },
    ]);
  });

  test('sameAs: server on the server’s own account: that account once', () => {
    const plan = environmentWith((env) => {
      env.principals.ingestion = { sameAs: 'server' };
    }).principalPlan;
    expect(federatedAccounts(plan)).toEqual([{ role: 'server', namespace: 'openmetadata', serviceAccount: 'openmetadata' }]);
  });

  test('sameAs: server with an account of its own: both, the second under ingestion’s setting', () => {
    const plan = environmentWith((env) => {
      env.principals.ingestion = { sameAs: 'server', namespace: 'airflow', serviceAccount: 'airflow-worker' };
    }).principalPlan;
    expect(federatedAccounts(plan).map((a) => `${a.role}:${a.namespace}/${a.serviceAccount}`)).toEqual([
      'server:openmetadata/openmetadata',
      'ingestion:airflow/airflow-worker',
    ]);
  });

  test('client secrets: none', () => {
    const plan = environmentWith((env) => {
      env.aks = undefined;
      env.principals.server = { auth: 'client-secret', namespace: 'openmetadata' };
      env.principals.ingestion = { auth: 'client-secret' };
    }).principalPlan;
    expect(federatedAccounts(plan)).toEqual([]);
  });
});

// The rules across settings read the auth each role ends up with from the settings as written.
describe('effective auth, before validation', () => {
  test('sameAs: server takes the server’s auth', () => {
    const auth = effectiveAuth({ server: { auth: 'client-secret' }, ingestion: { sameAs: 'server' } }, 'managed-azure-kv');
    expect(auth).toEqual({ server: 'client-secret', ingestion: 'client-secret', shared: true });
  });

  test('azure-kv: the server has none, whatever it sets', () => {
    const auth = effectiveAuth({ server: { auth: 'workload-identity' }, ingestion: { auth: 'client-secret' } }, 'azure-kv');
    expect(auth).toEqual({ server: 'none', ingestion: 'client-secret', shared: false });
  });

  test('an auth left out stays undefined (a rule then says it is missing)', () => {
    expect(effectiveAuth({ server: {}, ingestion: {} }, 'managed-azure-kv')).toEqual({
      server: undefined,
      ingestion: undefined,
      shared: false,
    });
  });
});
