import type { StackJson } from '../../standin/terraform';
import { World } from '../../standin/world';
import { SUBSCRIPTION, synthEnvironment, TENANT } from '../helpers';
import { describeWithTerraform, Workspace } from '../standin-harness';

/**
 * Adopting a hand-made setup, with the real terraform and the stand-in providers. The hand-made
 * setup is what OpenMetadata's manual guide leaves: a vault on Azure RBAC without purge protection,
 * firewall or lock, an identity per principal with a federated credential of its own name, role
 * assignments with a description of their own, and the annotated service accounts. It is made by applying
 * such a configuration in a workspace of its own; a fresh workspace then adopts it over the same
 * world, as a user's first `cdktf deploy` of the adopting config does.
 */

/** The hand-made setup: the same vault and group, its own names, none of the hardening. */
function handMade(): StackJson {
  const json = structuredClone(
    synthEnvironment((e) => {
      e.keyVault = { name: 'kv-om-test', purgeProtection: false, lock: false, network: { defaultAction: 'Allow' } };
    }, 'handmade').json,
  ) as StackJson;
  // Role assignments with a description of their own (description is force-new in azurerm 4.81):
  // adopted, they keep it instead of being replaced.
  for (const assignment of Object.values(json.resource?.azurerm_role_assignment ?? {})) assignment.description = 'made by hand';
  return json;
}

type State = ReturnType<Workspace['state']>;
const idsOf = (state: State, type: string) =>
  state.resources.filter((r) => r.type === type).flatMap((r) => r.instances.map((i) => i.attributes));

/** The adopting config for environment `test`, with the IDs the hand-made apply left in state. */
function adopting(state: State): StackJson {
  const [group] = idsOf(state, 'azurerm_resource_group');
  const [vault] = idsOf(state, 'azurerm_key_vault');
  const identity = (role: string) => idsOf(state, 'azurerm_user_assigned_identity').find((i) => i.name.endsWith(`-${role}`))!;
  const credential = (role: string) =>
    idsOf(state, 'azurerm_federated_identity_credential').find((c) => c.user_assigned_identity_id === identity(role).id)!;
  const assignment = (role: string) => idsOf(state, 'azurerm_role_assignment').find((a) => a.principal_id === identity(role).principal_id)!;
  return structuredClone(
    synthEnvironment((e) => {
      e.principals.server.name = identity('server').name;
      e.principals.ingestion.name = identity('ingestion').name;
      e.adopt = {
        resourceGroup: group.id,
        keyVault: { id: vault.id, observed: { location: 'westeurope', purgeProtection: false, rbacAuthorization: true } },
        server: { identity: identity('server').id, federatedCredential: credential('server').id, roleAssignment: assignment('server').id },
        ingestion: {
          identity: identity('ingestion').id,
          federatedCredential: credential('ingestion').id,
          roleAssignment: assignment('ingestion').id,
        },
        kubernetes: { serviceAccounts: ['openmetadata/openmetadata', 'airflow/airflow-worker'] },
      };
    }).json,
  ) as StackJson;
}

describeWithTerraform('adopting a hand-made setup against the stand-in providers', () => {
  test('the first plan imports everything adopted and destroys nothing; the apply hardens in place; the next plan is clean', async () => {
    // The subscription and tenant the configs name, so the hand-made IDs are in them.
    const world = new World({ tenantId: TENANT, subscriptionId: SUBSCRIPTION });
    const before = handMade();
    const made = await Workspace.create([before], world, 'hand-made');
    let state: State;
    try {
      expect((await made.apply(before)).errors).toEqual([]);
      state = made.state();
    } finally {
      await made.close();
    }
    const vaultBefore = idsOf(state, 'azurerm_key_vault')[0];

    const after = adopting(state);
    const ws = await Workspace.create([after], world, 'adopting');
    try {
      const plan = await ws.plan(after);
      expect(plan.errors).toEqual([]);
      expect(plan.summary).toMatch(/^Plan: 10 to import, \d+ to add, \d+ to change, 0 to destroy\.$/);
      const applied = await ws.applySaved();
      expect(applied.errors).toEqual([]);
      const replan = await ws.plan(after);
      expect(replan.errors).toEqual([]);
      expect(replan.summary).toBe('No changes.');

      const vault = idsOf(ws.state(), 'azurerm_key_vault')[0];
      // The same vault, secrets and all: its ID is unchanged, and it is hardened in place.
      expect(vault.id).toBe(vaultBefore.id);
      expect(vault.purge_protection_enabled).toBe(true);
      expect(vault.network_acls[0].default_action).toBe('Deny');
      expect(idsOf(ws.state(), 'azurerm_management_lock')).toHaveLength(1);
      // The identities keep their client IDs, so every pod's AZURE_CLIENT_ID stays right.
      expect(
        idsOf(ws.state(), 'azurerm_user_assigned_identity')
          .map((i) => i.client_id)
          .sort(),
      ).toEqual(
        idsOf(state, 'azurerm_user_assigned_identity')
          .map((i) => i.client_id)
          .sort(),
      );
      // No object was deleted in the world at any point of the adoption.
      expect(world.events.filter((e) => e.action === 'delete')).toEqual([]);
    } finally {
      await ws.close();
    }
  }, 60_000);
});
