import { errorsOf, type StackJson, terraform } from '../../standin/terraform';
import { concurrentTests, describeWithTerraform, Workspace } from '../standin-harness';
import {
  base,
  clientSecret,
  PE_SUBNET_A,
  privateEndpoint,
  sameAsServerKeepingAccount,
  stackOf,
  testStackBesideAnother,
  unmanagedKubernetes,
} from './config-edits';

/**
 * Transitions one at a time, each in a world of its own: what a stack made by an earlier version
 * of this project, or by an earlier configuration, does at its next apply. The day-2 scenarios
 * (day-two.test.ts) apply whole configuration sequences.
 */
/** Applies the stack as an earlier version made it, then plans the current one: nothing to do. */
async function expectNoChangesAfter(before: StackJson, now: StackJson): Promise<void> {
  const ws = await Workspace.create([before]);
  try {
    expect((await ws.apply(before)).errors).toEqual([]);
    const plan = await ws.plan(now);
    expect(plan.errors).toEqual([]);
    expect(plan.summary).toBe('No changes.');
  } finally {
    await ws.close();
  }
}

describeWithTerraform('transitions against the stand-in providers', () => {
  const transition = concurrentTests();
  transition(
    'an environment added beside it leaves its stack as it was: no changes',
    async () => {
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
    },
    30_000,
  );

  // Issue 18 switched the federated credentials from parent_id to user_assigned_identity_id. azurerm
  // v4.81.0 federated_identity_credential_resource.go Read sets both (and resource_group_name) from
  // the ID, so after the refresh the new argument equals the state: nothing to change.
  transition(
    'a stack applied with parent_id (before the switch) plans no changes with user_assigned_identity_id',
    async () => {
      const now = stackOf(base);
      const before = structuredClone(now);
      for (const fic of Object.values(before.resource?.azurerm_federated_identity_credential ?? {})) {
        fic.parent_id = fic.user_assigned_identity_id;
        delete fic.user_assigned_identity_id;
      }
      await expectNoChangesAfter(before, now);
    },
    30_000,
  );

  // Issue 20 derived B's rotation from A's at every plan, and wrote A's in the configuration. A
  // stack deployed before rotated A by rotation_days alone and computed B once; its first secrets
  // are where the new expressions put them, so the upgrade changes nothing.
  transition(
    'a stack applied with the rotation computed once plans no changes with B following A',
    async () => {
      const now = stackOf(clientSecret('server'));
      const before = structuredClone(now);
      const rotations = Object.entries(before.resource?.time_rotating ?? {});
      const [aName, a] = rotations.find(([name]) => name.includes('SecretRotationA'))!;
      const [, b] = rotations.find(([name]) => name.includes('SecretRotationB'))!;
      const half = `${(a.rotation_days as number) * 12}h`;
      const aRotation = `time_rotating.${aName}.rotation_rfc3339`;
      delete a.rotation_rfc3339;
      a.lifecycle = { ignore_changes: ['rotation_days'] };
      b.rotation_rfc3339 = `\${(timecmp(timeadd(${aRotation}, "-${half}"), plantimestamp()) >= 1) ? timeadd(${aRotation}, "-${half}") : timeadd(${aRotation}, "${half}")}`;
      b.lifecycle = { ignore_changes: ['rotation_rfc3339'] };
      await expectNoChangesAfter(before, now);
    },
    30_000,
  );

  // kubernetes v3.2.1: a secret's type defaults to Opaque and forces a new secret; left out of the
  // configuration, the default is no change (SDKv2 reads defaults through the configuration).
  transition(
    'a force-new argument left to its default plans no change on the next plan',
    async () => {
      const json = stackOf(base);
      for (const secret of Object.values(json.resource?.kubernetes_secret_v1 ?? {})) delete secret.type;
      const ws = await Workspace.create([json]);
      try {
        expect((await ws.apply(json)).errors).toEqual([]);
        expect((await ws.plan(json)).summary).toBe('No changes.');
      } finally {
        await ws.close();
      }
    },
    30_000,
  );

  // Issue 20 put the private endpoint into the lock's scope version: a stack deployed before that
  // replaces its lock once on the next apply (delete, then create), and plans no changes after.
  transition(
    'a stack with a private endpoint from before the lock covered it: the lock is replaced once',
    async () => {
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
    },
    30_000,
  );

  transition(
    'the service account ingestion keeps under sameAs: server is moved, not deleted and created',
    async () => {
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
    },
    30_000,
  );

  // kubernetes v3.2.1: the import ID of a service account or Secret is `namespace/name`
  // (resource_kubernetes_service_account_v1.go, resource_kubernetes_secret_v1.go: importers).
  transition(
    'kubernetes.manage switched back on: importing each object the plan would create, then applying, is clean',
    async () => {
      const managed = stackOf(base);
      const ws = await Workspace.create([managed]);
      try {
        expect((await ws.apply(managed)).errors).toEqual([]);
        expect((await ws.apply(stackOf(unmanagedKubernetes))).errors).toEqual([]);
        // Without the imports, the objects still in the cluster make the creates fail.
        expect((await ws.apply(managed)).errors.join('\n')).toContain('serviceaccounts "openmetadata" already exists');
        await ws.write(managed);
        for (const type of ['kubernetes_service_account_v1', 'kubernetes_secret_v1']) {
          for (const [address, block] of Object.entries(managed.resource?.[type] ?? {})) {
            const meta = [block.metadata].flat()[0] as Record<string, string>;
            const run = await terraform(ws.host, ws.dir, [
              'import',
              '-input=false',
              `${type}.${address}`,
              `${meta.namespace}/${meta.name}`,
            ]);
            expect(errorsOf(run)).toEqual([]);
          }
        }
        expect((await ws.apply(managed)).errors).toEqual([]);
        expect((await ws.plan(managed)).summary).toBe('No changes.');
      } finally {
        await ws.close();
      }
    },
    30_000,
  );

  // Every name of a vault forces a new one (azurerm v4.81.0 key_vault_resource.go: name ForceNew), and
  // the stack keeps prevent_destroy on it: the plan stops before anything is deleted.
  transition(
    'renaming the vault stops at plan: the replacement would destroy it, and prevent_destroy refuses',
    async () => {
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
    },
    30_000,
  );
});
