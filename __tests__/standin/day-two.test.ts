import { AKS_SUBNET, baseEnvironment, distinctEnvironment, parse, synthEnvironment } from '../helpers';
import { describeWithTerraform, type Step, Workspace } from '../standin-harness';
import { errorsOf, type StackJson, terraform } from '../../standin/terraform';

/**
 * Day two: apply a configuration, change it, apply again, then plan: nothing may be left to do.
 * Each scenario runs in a world of its own with the vault lock on (the default), with Terraform's
 * default parallelism, so an ordering the lock or Azure refuses fails the apply as it would there.
 * A scenario that fails today is a known gap: its test names the issue that closes it and the
 * expected behaviour, and asserts today's failure exactly, so it turns red the day the behaviour
 * changes (then it becomes a normal scenario). jest-light-runner has no `test.failing`.
 */

type Edit = (env: Record<string, any>) => void;

const WORKSPACE_A =
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-a';
const WORKSPACE_B = WORKSPACE_A.replace(/law-a$/, 'law-b');
const PE_SUBNET_A =
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-aks/providers/Microsoft.Network/virtualNetworks/vnet-aks/subnets/snet-pe';
const PE_SUBNET_B = PE_SUBNET_A.replace(/snet-pe$/, 'snet-pe2');
const DNS_ZONE =
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net';

const clientSecret =
  (who: 'server' | 'ingestion'): Edit =>
  (env) => {
    env.principals[who] = { auth: 'client-secret', namespace: env.principals[who].namespace };
  };
const sameAsServer: Edit = (env) => {
  env.principals.ingestion = { sameAs: 'server' };
};
// With azure-kv the server never calls the vault: it has no principal, only its namespace.
const azureKv: Edit = (env) => {
  env.openmetadata = { secretsManager: 'azure-kv' };
  env.principals.server = { namespace: env.principals.server.namespace };
};
const renamedServer: Edit = (env) => {
  env.principals.server.name = 'id-om-renamed';
};
const diagnostics =
  (workspace: string): Edit =>
  (env) => {
    env.keyVault.diagnostics = { logAnalyticsWorkspaceId: workspace };
  };
const privateEndpoint =
  (subnetId: string): Edit =>
  (env) => {
    env.keyVault.privateEndpoint = { subnetId, privateDnsZoneId: DNS_ZONE, location: 'westeurope' };
    env.keyVault.network = { allowedSubnetIds: [AKS_SUBNET] };
  };
// Ingestion on the server's principal, keeping its own service account: the account moves from the
// ingestion principal's construct to the server's, a new Terraform address for the same object.
const sameAsServerKeepingAccount: Edit = (env) => {
  env.principals.ingestion = {
    sameAs: 'server',
    namespace: env.principals.ingestion.namespace,
    serviceAccount: env.principals.ingestion.serviceAccount,
  };
};
const unmanagedKubernetes: Edit = (env) => {
  env.kubernetes = { manage: false };
};
const base: Edit = () => {};
const both =
  (...edits: Edit[]): Edit =>
  (env) => {
    for (const e of edits) e(env);
  };

interface Scenario {
  name: string;
  configs: Edit[];
  /**
   * A known gap: the issue that closes it, and what the last apply shows today, matched against its
   * errors and the world's events of it (`action type id` lines).
   */
  gap?: { issue: string; today: RegExp };
  /** A change that fails on purpose: why, and what the last apply shows (matched as for a gap). */
  fails?: { because: string; today: RegExp };
}

const SCENARIOS: Scenario[] = [
  { name: 'the server switches from workload identity to a client secret', configs: [base, clientSecret('server')] },
  { name: 'ingestion switches to a client secret and back', configs: [base, clientSecret('ingestion'), base] },
  { name: 'ingestion becomes sameAs: server, then its own principal again', configs: [base, sameAsServer, base] },
  { name: 'secretsManager switches to azure-kv and back', configs: [base, azureKv, base] },
  { name: 'the server principal is renamed', configs: [base, renamedServer] },
  {
    name: 'diagnostics are added, moved to another workspace, and removed',
    configs: [base, diagnostics(WORKSPACE_A), diagnostics(WORKSPACE_B), base],
  },
  { name: 'a private endpoint is added', configs: [base, privateEndpoint(PE_SUBNET_A)] },
  // Replacing or removing the endpoint deletes the vault's privateEndpointConnections child, which
  // the lock refuses: the lock steps aside for the endpoint as for role assignments.
  { name: 'the private endpoint moves to another subnet', configs: [privateEndpoint(PE_SUBNET_A), privateEndpoint(PE_SUBNET_B)] },
  { name: 'the private endpoint is removed', configs: [privateEndpoint(PE_SUBNET_A), base] },
  // Removed blocks make Terraform forget the objects, which stay in the cluster for GitOps to take over.
  { name: 'kubernetes.manage is switched off', configs: [base, unmanagedKubernetes] },
  {
    // Forgotten objects stay in the cluster: managing them again means importing them first
    // (docs/operations.md gives the commands, tested below); a create finds them there.
    name: 'kubernetes.manage is switched off, then on again without importing the objects',
    configs: [base, unmanagedKubernetes, base],
    fails: { because: 'the objects are still in the cluster; import them first', today: /serviceaccounts "openmetadata" already exists/ },
  },
  // The account moves between the principals' constructs: a moved block takes it over in place.
  { name: 'ingestion becomes sameAs: server keeping its service account, and back', configs: [base, sameAsServerKeepingAccount, base] },
  {
    name: 'client secrets for both, then workload identity for both',
    configs: [both(clientSecret('server'), clientSecret('ingestion')), base],
  },
];

/** The `test` stack of a configuration that also has an environment `other`. */
function testStackBesideAnother(): StackJson {
  const { Testing } = require('cdktf') as typeof import('cdktf');
  const { OpenMetadataKeyVaultStack } =
    require('../../lib/stack/openmetadata-keyvault-stack') as typeof import('../../lib/stack/openmetadata-keyvault-stack');
  const config = parse({ environments: { test: baseEnvironment(), other: distinctEnvironment('other') } });
  return JSON.parse(
    Testing.synth(new OpenMetadataKeyVaultStack(Testing.app(), 'test', { environment: config.environments.test })),
  ) as StackJson;
}

interface Outcome {
  applies: Step[];
  /** The world's events of the last apply, as `action type id` lines. */
  lastEvents: string[];
  replan: Step;
}

function stackOf(edit: Edit): StackJson {
  return structuredClone(synthEnvironment(edit).json) as StackJson;
}

describeWithTerraform('day-2 changes against the stand-in providers', () => {
  const outcomes = new Map<string, Outcome>();

  beforeAll(async () => {
    await Promise.all(
      SCENARIOS.map(async (s) => {
        const stacks = s.configs.map(stackOf);
        const ws = await Workspace.create(stacks, undefined, s.name);
        try {
          const applies: Step[] = [];
          let lastEvents: string[] = [];
          for (const stack of stacks) {
            const before = ws.world.events.length;
            const applied = await ws.apply(stack);
            applies.push(applied);
            lastEvents = ws.world.events.slice(before).map((e) => `${e.action} ${e.type} ${e.id}`);
            if (applied.run.code !== 0) break;
          }
          outcomes.set(s.name, { applies, lastEvents, replan: await ws.plan(stacks[stacks.length - 1]) });
        } finally {
          await ws.close();
        }
      }),
    );
  }, 120_000);

  function expectClean(name: string, steps: number): void {
    const { applies, replan } = outcomes.get(name) as Outcome;
    expect(applies.map((a) => a.errors)).toEqual(Array.from({ length: steps }, () => []));
    expect(replan.summary).toBe('No changes.');
  }

  test('an environment added beside it leaves its stack as it was: no changes', async () => {
    const before = stackOf(base);
    const ws = await Workspace.create([before]);
    try {
      expect((await ws.apply(before)).errors).toEqual([]);
      const after = await ws.plan(testStackBesideAnother());
      expect(after.errors).toEqual([]);
      expect(after.summary).toBe('No changes.');
    } finally {
      await ws.close();
    }
  }, 30_000);

  // Issue 18 switched the federated credentials from parent_id to user_assigned_identity_id. azurerm
  // v4.81.0 federated_identity_credential_resource.go Read sets both (and resource_group_name) from
  // the ID, so after the refresh the new argument equals the state: nothing to change.
  test('a stack applied with parent_id (before the switch) plans no changes with user_assigned_identity_id', async () => {
    const now = stackOf(base);
    const before = structuredClone(now);
    for (const fic of Object.values(before.resource?.azurerm_federated_identity_credential ?? {})) {
      fic.parent_id = fic.user_assigned_identity_id;
      delete fic.user_assigned_identity_id;
    }
    const ws = await Workspace.create([before]);
    try {
      expect((await ws.apply(before)).errors).toEqual([]);
      const plan = await ws.plan(now);
      expect(plan.errors).toEqual([]);
      expect(plan.summary).toBe('No changes.');
    } finally {
      await ws.close();
    }
  }, 30_000);

  // kubernetes v3.2.1: a secret's type defaults to Opaque and forces a new secret; left out of the
  // configuration, the default is no change (SDKv2 reads defaults through the configuration).
  test('a force-new argument left to its default plans no change on the next plan', async () => {
    const json = stackOf(base);
    for (const secret of Object.values(json.resource?.kubernetes_secret_v1 ?? {})) delete secret.type;
    const ws = await Workspace.create([json]);
    try {
      expect((await ws.apply(json)).errors).toEqual([]);
      expect((await ws.plan(json)).summary).toBe('No changes.');
    } finally {
      await ws.close();
    }
  }, 30_000);

  // Issue 20 put the private endpoint into the lock's scope version: a stack deployed before that
  // replaces its lock once on the next apply (delete, then create), and plans no changes after.
  test('a stack with a private endpoint from before the lock covered it: the lock is replaced once', async () => {
    const now = stackOf(privateEndpoint(PE_SUBNET_A));
    const before = structuredClone(now);
    for (const scope of Object.values(before.resource?.terraform_data ?? {}))
      delete (scope.triggers_replace as Record<string, unknown>).PrivateEndpoint;
    const ws = await Workspace.create([before]);
    try {
      expect((await ws.apply(before)).errors).toEqual([]);
      const upgrade = await ws.plan(now);
      expect(upgrade.summary).toBe('Plan: 2 to add, 0 to change, 2 to destroy.');
      expect(upgrade.run.stdout).toMatch(/azurerm_management_lock\.\S+ must be replaced/);
      expect((await ws.apply(now)).errors).toEqual([]);
      expect((await ws.plan(now)).summary).toBe('No changes.');
    } finally {
      await ws.close();
    }
  }, 30_000);

  test('the service account ingestion keeps under sameAs: server is moved, not deleted and created', async () => {
    const ws = await Workspace.create([stackOf(base)]);
    try {
      expect((await ws.apply(stackOf(base))).errors).toEqual([]);
      for (const edit of [sameAsServerKeepingAccount, base]) {
        const plan = await ws.plan(stackOf(edit));
        // Terraform's words for a moved object that also changes (the annotations name the other identity).
        expect(plan.run.stdout).toMatch(
          /\(moved from kubernetes_service_account_v1\.(Ingestion|Server)_ServiceAccount-airflow-airflow-worker_\w+\)/,
        );
        const before = ws.world.events.length;
        expect((await ws.apply(stackOf(edit))).errors).toEqual([]);
        const account = ws.world.events
          .slice(before)
          .filter((e) => e.type === 'kubernetes_service_account_v1' && e.id === 'airflow/airflow-worker');
        expect(account.map((e) => e.action)).toEqual(['update']);
      }
    } finally {
      await ws.close();
    }
  }, 30_000);

  // kubernetes v3.2.1: the import ID of a service account or Secret is `namespace/name`
  // (resource_kubernetes_service_account_v1.go, resource_kubernetes_secret_v1.go: importers).
  test('kubernetes.manage switched back on: importing each object the plan would create, then applying, is clean', async () => {
    const managed = stackOf(base);
    const ws = await Workspace.create([managed]);
    try {
      expect((await ws.apply(managed)).errors).toEqual([]);
      expect((await ws.apply(stackOf(unmanagedKubernetes))).errors).toEqual([]);
      await ws.write(managed);
      for (const type of ['kubernetes_service_account_v1', 'kubernetes_secret_v1']) {
        for (const [address, block] of Object.entries(managed.resource?.[type] ?? {})) {
          const meta = [block.metadata].flat()[0] as Record<string, string>;
          const run = await terraform(ws.host, ws.dir, ['import', '-input=false', `${type}.${address}`, `${meta.namespace}/${meta.name}`]);
          expect(errorsOf(run)).toEqual([]);
        }
      }
      expect((await ws.apply(managed)).errors).toEqual([]);
      expect((await ws.plan(managed)).summary).toBe('No changes.');
    } finally {
      await ws.close();
    }
  }, 30_000);

  // Every name of a vault forces a new one (azurerm v4.81.0 key_vault_resource.go: name ForceNew), and
  // the stack keeps prevent_destroy on it: the plan stops before anything is deleted.
  test('renaming the vault stops at plan: the replacement would destroy it, and prevent_destroy refuses', async () => {
    const ws = await Workspace.create([stackOf(base)]);
    try {
      expect((await ws.apply(stackOf(base))).errors).toEqual([]);
      const renamed = await ws.plan(
        stackOf((env) => {
          env.keyVault.name = 'kv-om-renamed';
        }),
      );
      expect(renamed.run.code).toBe(1);
      expect(renamed.errors.join('\n')).toContain('Instance cannot be destroyed');
      expect(ws.world.events.filter((e) => e.action === 'delete')).toEqual([]);
    } finally {
      await ws.close();
    }
  }, 30_000);

  for (const s of SCENARIOS) {
    const gap = s.gap ?? (s.fails ? { issue: '', today: s.fails.today } : undefined);
    if (gap) {
      const name = s.fails
        ? `${s.name}: the last apply fails, as it must (${s.fails.because})`
        : `known gap until ${gap.issue}: ${s.name} should apply cleanly; today the last apply shows the gap`;
      test(name, () => {
        const { applies, lastEvents } = outcomes.get(s.name) as Outcome;
        expect(applies.slice(0, -1).map((a) => a.errors)).toEqual(Array.from({ length: s.configs.length - 1 }, () => []));
        expect(applies).toHaveLength(s.configs.length);
        expect(`${applies[applies.length - 1].errors.join('\n')}\n${lastEvents.join('\n')}`).toMatch(gap.today);
      });
    } else {
      test(`${s.name}: each apply succeeds, then plans no changes`, () => expectClean(s.name, s.configs.length));
    }
  }
});
