import { KEY_VAULT_ROLES, serviceAccountSubject, WORKLOAD_IDENTITY_ANNOTATIONS } from '../../lib/facts/azure-facts';
import { AIRFLOW_COMPONENTS } from '../../lib/openmetadata/openmetadata-helm-values';
import type { AccessMap, CredentialSecret, ObjectRef } from '../../lib/stack/access-map';
import { OPENMETADATA_CHART_DEFAULTS } from '../fixtures/openmetadata-chart-constraints';
import {
  manifestDocuments,
  resourcesOf,
  shippedConfigFiles,
  Synthesized,
  synthConfigFileStacks,
  synthEnvironment,
  yamlencodedData,
} from '../helpers';
import { ACCESS_VARIANTS } from './access-variants';

/**
 * The access map says who can read what; these tests hold it to what the stack synthesizes (the
 * identities, applications, role assignments, federated credentials, service accounts, Secrets and
 * Helm values), for every shipped configuration and the variants below.
 */

const CONFIG_FILES = shippedConfigFiles();

/** Every stack the tests check: each environment of each shipped file, and each variant. */
function stacks(): [string, Synthesized][] {
  const shipped = CONFIG_FILES.flatMap((file) =>
    Object.entries(synthConfigFileStacks(file)).map(([name, s]) => [`${file} ${name}`, s] as [string, Synthesized]),
  );
  const variants = Object.entries(ACCESS_VARIANTS).map(([name, edit]) => [name, synthEnvironment(edit)] as [string, Synthesized]);
  return [...shipped, ...variants];
}

/** The Kubernetes objects of a kind a stack creates or hands out as manifests. */
function kubernetesObjects(json: any, kind: 'ServiceAccount' | 'Secret'): any[] {
  const type = kind === 'Secret' ? 'kubernetes_secret_v1' : 'kubernetes_service_account_v1';
  const output = kind === 'Secret' ? 'kubernetes_secrets_manifest' : 'kubernetes_service_accounts_manifest';
  return [...Object.values(resourcesOf(json, type)), ...(json.output?.[output] ? manifestDocuments(json, output) : [])];
}

const find = (objects: any[], ref: ObjectRef) =>
  objects.find((o) => o.metadata.namespace === ref.namespace && o.metadata.name === ref.name);

/** The Terraform address prefix of the resource a principal is (its identity, or its app's service principal). */
function principalAddress(json: any, kind: string, name: string): string {
  if (kind === 'managed identity') {
    const [id] = Object.entries(resourcesOf(json, 'azurerm_user_assigned_identity')).find(([, r]: [string, any]) => r.name === name) ?? [];
    if (id === undefined) throw new Error(`no identity named ${name}`);
    return `azurerm_user_assigned_identity.${id}`;
  }
  const [app] = Object.entries(resourcesOf(json, 'azuread_application')).find(([, r]: [string, any]) => r.display_name === name) ?? [];
  if (app === undefined) throw new Error(`no application named ${name}`);
  const [sp] =
    Object.entries(resourcesOf(json, 'azuread_service_principal')).find(
      ([, r]: [string, any]) => r.client_id === `\${azuread_application.${app}.client_id}`,
    ) ?? [];
  return `azuread_service_principal.${sp}`;
}

describe.each(stacks())('%s', (_name, { json, stack }) => {
  const map: AccessMap = stack.accessMap;

  test('each principal is one the stack creates, holding on the vault exactly the role the map says', () => {
    const identities = Object.keys(resourcesOf(json, 'azurerm_user_assigned_identity')).length;
    const applications = Object.keys(resourcesOf(json, 'azuread_application')).length;
    expect(map.principals.length).toBe(identities + applications);
    const assignments = Object.values(resourcesOf(json, 'azurerm_role_assignment')) as any[];
    expect(assignments.length).toBe(map.principals.length);
    for (const p of map.principals) {
      const address = principalAddress(json, p.kind, p.name);
      const held = assignments.filter((a) => a.principal_id.startsWith(`\${${address}.`)).map((a) => a.role_definition_id.split('/').pop());
      expect([p.name, held]).toEqual([p.name, [p.vaultRole.id]]);
    }
  });

  test('pods acting through a service account run as one federated with their principal', () => {
    const accounts = kubernetesObjects(json, 'ServiceAccount');
    const credentials = Object.values(resourcesOf(json, 'azurerm_federated_identity_credential')) as any[];
    for (const w of map.workloads) {
      if (w.actsAs?.through.kind !== 'service account') continue;
      const ref = w.actsAs.through.account;
      const principal = map.principals.find((p) => p.role === w.actsAs?.role);
      const address = principalAddress(json, principal?.kind as string, principal?.name as string);
      expect(find(accounts, ref)?.metadata.annotations[WORKLOAD_IDENTITY_ANNOTATIONS.clientId]).toBe(`\${${address}.client_id}`);
      const credential = credentials.find((c) => c.subject === serviceAccountSubject(ref.namespace, ref.name));
      expect(credential?.user_assigned_identity_id).toBe(`\${${address}.id}`);
    }
  });

  test("the stack's Secrets in the map exist with exactly the keys it lists", () => {
    const secrets = kubernetesObjects(json, 'Secret');
    const inMap: CredentialSecret[] = map.workloads.flatMap((w) => [
      ...(w.actsAs?.through.kind === 'secret' ? [w.actsAs.through.secret] : []),
      ...w.alsoReads,
    ]);
    const ours = inMap.filter((s) => s.owner === 'stack');
    for (const s of ours)
      expect([s.name, Object.keys(find(secrets, s)?.data ?? find(secrets, s)?.stringData ?? {}).sort()]).toEqual([
        s.name,
        [...s.keys].sort(),
      ]);
    expect(new Set(ours.map((s) => `${s.namespace}/${s.name}`)).size).toBe(secrets.length);
  });

  test('the Helm values put every pod on the account or Secret the map names', () => {
    const server = map.workloads.find((w) => w.id === 'server');
    const values = yamlencodedData(json, 'helm_values_openmetadata');
    const serverThrough = server?.actsAs?.through;
    expect(values.serviceAccount?.name).toBe(serverThrough?.kind === 'service account' ? serverThrough.account.name : undefined);
    const refs = values.openmetadata.config.secretsManager.additionalParameters;
    const refNames = Object.entries<any>(refs)
      .filter(([key]) => key !== 'enabled')
      .map(([, ref]) => ref.secretRef);
    const serverSecret = serverThrough?.kind === 'secret' ? serverThrough.secret : server?.alsoReads.find((s) => s.owner === 'stack');
    expect([...new Set(refNames)]).toEqual(serverSecret ? [serverSecret.name] : []);
    const jobs = map.workloads.find((w) => w.id === 'jobs');
    const jobEnv: string[] = values.openmetadata.config.pipelineServiceClientConfig?.k8s?.extraEnvVars ?? [];
    expect(jobEnv.some((e) => e.startsWith('AZURE_CLIENT_SECRET:'))).toBe(jobs?.actsAs !== undefined);
    const airflow = map.workloads.find((w) => w.id === 'airflow');
    const dependencies = yamlencodedData(json, 'helm_values_dependencies').airflow;
    if (airflow === undefined) {
      expect(dependencies.enabled).toBe(false);
      return;
    }
    const through = airflow.actsAs?.through;
    for (const component of AIRFLOW_COMPONENTS) {
      expect([component, dependencies[component].serviceAccount?.name]).toEqual([
        component,
        through?.kind === 'service account' ? through.account.name : undefined,
      ]);
      const secretRefs = dependencies[component].env.filter((e: any) => e.valueFrom).map((e: any) => e.valueFrom.secretKeyRef.name);
      expect([component, [...new Set(secretRefs)]]).toEqual([component, through?.kind === 'secret' ? [through.secret.name] : []]);
    }
  });

  test('the CLI carries credentials exactly when the map says it acts through cli_env', () => {
    const cli = map.workloads.find((w) => w.id === 'cli');
    const cliEnv = json.output.cli_env.value;
    expect('AZURE_CLIENT_SECRET' in cliEnv).toBe(cli?.actsAs?.through.kind === 'output');
  });
});

describe('what the map says per setup', () => {
  const mapOf = (variant: string) => synthEnvironment(ACCESS_VARIANTS[variant]).stack.accessMap;
  const actsAs = (map: AccessMap, id: string) => map.workloads.find((w) => w.id === id)?.actsAs;

  test('workload identity: the server writes, ingestion reads, each through its own federated account', () => {
    const map = mapOf('workload identity for both');
    expect(map.principals.map((p) => [p.kind, p.name, p.vaultRole, p.actsFor])).toEqual([
      ['managed identity', 'id-openmetadata-test-server', KEY_VAULT_ROLES.secretsOfficer, ['server']],
      ['managed identity', 'id-openmetadata-test-ingestion', KEY_VAULT_ROLES.secretsUser, ['ingestion']],
    ]);
    expect(actsAs(map, 'server')).toEqual({
      role: 'server',
      through: { kind: 'service account', account: { namespace: 'openmetadata', name: 'openmetadata' } },
    });
    expect(actsAs(map, 'airflow')).toEqual({
      role: 'ingestion',
      through: { kind: 'service account', account: { namespace: 'airflow', name: 'airflow-worker' } },
    });
    expect(map.vault).toEqual({ name: 'kv-om-test', existing: false, serverSecretNameHead: 'openmetadata' });
  });

  test('with workload identity the CLI acts as the ingestion identity only in a pod on its account: cli_env holds no credential', () => {
    const map = mapOf('workload identity for both');
    expect(actsAs(map, 'cli')).toEqual({
      role: 'ingestion',
      through: { kind: 'service account', account: { namespace: 'airflow', name: 'airflow-worker' } },
      when: 'in a pod',
    });
    expect(Object.keys(synthEnvironment(ACCESS_VARIANTS['workload identity for both']).json.output.cli_env.value)).toEqual([
      'AZURE_KEY_VAULT_NAME',
    ]);
  });

  test('client secrets: each pod set reads the Secret holding its principal’s client secret; the CLI reads cli_env', () => {
    const map = mapOf('client secrets for both');
    expect(map.principals.map((p) => [p.kind, p.secretSchedule])).toEqual([
      ['app registration', { periodDays: 60, lifetimeDays: 90 }],
      ['app registration', { periodDays: 150, lifetimeDays: 180 }],
    ]);
    expect(actsAs(map, 'server')?.through).toMatchObject({
      kind: 'secret',
      secret: { namespace: 'openmetadata', name: 'openmetadata-secrets-manager-test' },
    });
    expect(actsAs(map, 'airflow')).toMatchObject({
      role: 'ingestion',
      through: { kind: 'secret', secret: { namespace: 'airflow', name: 'airflow-secrets-manager-test' } },
    });
    expect(actsAs(map, 'cli')).toEqual({ role: 'ingestion', through: { kind: 'output', output: 'cli_env' } });
  });

  test('a shared principal acts for both with the server’s role, federated with both accounts', () => {
    const map = mapOf('a shared workload identity');
    expect(map.principals.map((p) => [p.role, p.vaultRole, p.actsFor])).toEqual([
      ['server', KEY_VAULT_ROLES.secretsOfficer, ['server', 'ingestion']],
    ]);
    expect(actsAs(map, 'airflow')).toEqual({
      role: 'server',
      through: { kind: 'service account', account: { namespace: 'airflow', name: 'airflow-worker' } },
    });
  });

  test('azure-kv: the server has no principal and never calls the vault; ingestion reads what you put there', () => {
    const map = mapOf('azure-kv');
    expect(map.principals.map((p) => p.role)).toEqual(['ingestion']);
    expect(map.vault.serverSecretNameHead).toBeUndefined();
    const server = map.workloads.find((w) => w.id === 'server');
    expect([server?.actsAs, server?.alsoReads]).toEqual([undefined, []]);
  });

  // The chart's Roles on secrets are pinned in facts/openmetadata-charts.test.ts.
  test('pipelineClient k8s: the jobs get the ingestion client secret from the chart’s pipeline Secret, and may read every Secret', () => {
    const map = mapOf('pipelineClient k8s with a workload identity server');
    const jobs = map.workloads.find((w) => w.id === 'jobs');
    expect(jobs).toMatchObject({
      namespace: 'openmetadata',
      everySecretInNamespace: true,
      actsAs: {
        role: 'ingestion',
        through: { kind: 'secret', copiedByServer: true, secret: { name: OPENMETADATA_CHART_DEFAULTS.pipelineSecret, owner: 'chart' } },
      },
    });
    expect(jobs?.label).toContain(OPENMETADATA_CHART_DEFAULTS.k8sJobsServiceAccount);
    expect(map.workloads.find((w) => w.id === 'server')?.everySecretInNamespace).toBe(true);
    expect(map.workloads.some((w) => w.id === 'airflow')).toBe(false);
  });

  test('an existing vault keeps its name from the ID; unmanaged objects are still drawn', () => {
    const map = mapOf('an existing vault, unmanaged Kubernetes objects');
    expect(map.vault).toMatchObject({ name: 'kv-shared', existing: true });
    expect(map.kubernetesManaged).toBe(false);
  });
});
