import type { StackJson } from '../../standin/terraform';
import { World } from '../../standin/world';
import { SUBSCRIPTION, synthEnvironment, TENANT } from '../helpers';
import { concurrentTests, describeWithTerraform, everyStack, Workspace } from '../standin-harness';

/**
 * Adopting a hand-made setup, with the real terraform and the stand-in providers. The hand-made
 * setup is what OpenMetadata's manual guide leaves: a vault on Azure RBAC without purge protection,
 * firewall or lock, an identity per principal with a federated credential of its own name, role
 * assignments with a description of their own, and the annotated service accounts. It is made by applying
 * such a configuration in a workspace of its own; a fresh workspace then adopts it over the same
 * world, as a user's first `cdktf deploy` of the adopting config does.
 */

const HAND_MADE_VAULT = { name: 'kv-om-test', purgeProtection: false, lock: false, network: { defaultAction: 'Allow' } };

/** The hand-made setup: the same vault and group, its own names, none of the hardening. */
function handMade(edit: (e: Record<string, any>) => void = () => {}): StackJson {
  const json = structuredClone(
    synthEnvironment((e) => {
      edit(e);
      e.keyVault = HAND_MADE_VAULT;
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

/** What the hand-made apply left in state, found as `npm run adopt` finds it: by name and principal. */
function found(state: State) {
  const identity = (role: string) => idsOf(state, 'azurerm_user_assigned_identity').find((i) => i.name.endsWith(`-${role}`))!;
  const credential = (role: string) =>
    idsOf(state, 'azurerm_federated_identity_credential').find((c) => c.user_assigned_identity_id === identity(role).id)!;
  const assignment = (principalId: string) => idsOf(state, 'azurerm_role_assignment').find((a) => a.principal_id === principalId)!;
  const workloadIdentity = (role: string) => ({
    identity: identity(role).id,
    federatedCredential: credential(role).id,
    roleAssignment: assignment(identity(role).principal_id).id,
  });
  return {
    identity,
    assignment,
    workloadIdentity,
    group: idsOf(state, 'azurerm_resource_group')[0].id,
    vault: {
      id: idsOf(state, 'azurerm_key_vault')[0].id,
      observed: { location: 'westeurope', purgeProtection: false, rbacAuthorization: true },
    },
  };
}

/**
 * The adopting config for environment `test`, with the IDs the hand-made apply left in state;
 * with `keepAdopt` false, the same config once `adopt` is dropped from it.
 */
function adopting(state: State, keepAdopt = true): StackJson {
  const f = found(state);
  return structuredClone(
    synthEnvironment((e) => {
      e.principals.server.name = f.identity('server').name;
      e.principals.ingestion.name = f.identity('ingestion').name;
      e.adopt = {
        resourceGroup: f.group,
        keyVault: f.vault,
        server: f.workloadIdentity('server'),
        ingestion: f.workloadIdentity('ingestion'),
        kubernetes: { serviceAccounts: ['openmetadata/openmetadata', 'airflow/airflow-worker'] },
      };
      if (!keepAdopt) delete e.adopt;
    }).json,
  ) as StackJson;
}

/**
 * The hand-made setup a stack's import blocks point at: only the objects they import (and what
 * those reference), made with the hand-made settings and the role assignments' names from their IDs.
 */
function handMadeFor(stack: StackJson): StackJson {
  const imports = (stack.import as { to: string; id: string }[]) ?? [];
  const made: StackJson = { terraform: stack.terraform, provider: stack.provider, data: stack.data, resource: {} };
  for (const { to, id } of imports) {
    const [type, name] = to.split('.');
    const block = structuredClone(stack.resource?.[type]?.[name]) as Record<string, unknown>;
    delete block.lifecycle;
    if (type === 'azurerm_role_assignment') Object.assign(block, { name: id.split('/').pop(), description: 'made by hand' });
    if (type === 'azurerm_key_vault')
      Object.assign(block, { purge_protection_enabled: false, network_acls: [{ bypass: 'AzureServices', default_action: 'Allow' }] });
    ((made.resource as Record<string, Record<string, unknown>>)[type] ??= {})[name] = block;
  }
  return made;
}

/** Applies `handMade` in a workspace of its own, then plans, applies and plans `adopting` in a fresh one over the same world. */
async function adoptOver(world: World, handMade: StackJson, adopting: (state: State) => StackJson) {
  const made = await Workspace.create([handMade], world, 'hand-made');
  let state: State;
  try {
    const applied = await made.apply(handMade);
    expect(applied.errors).toEqual([]);
    state = made.state();
  } finally {
    await made.close();
  }
  const after = adopting(state);
  const ws = await Workspace.create([after], world, 'adopting');
  return { ws, after, state };
}

/**
 * Plans the adopting stack, applies that plan and plans again: returns the first plan's summary
 * once the apply succeeded, the next plan is clean, and the world saw nothing deleted.
 */
async function adoptionPlan(ws: Workspace, world: World, after: StackJson): Promise<string> {
  const plan = await ws.plan(after);
  expect(plan.errors).toEqual([]);
  expect((await ws.applySaved()).errors).toEqual([]);
  expect((await ws.plan(after)).summary).toBe('No changes.');
  expect(world.events.filter((e) => e.action === 'delete')).toEqual([]);
  return plan.summary;
}

describeWithTerraform('adopting a hand-made setup against the stand-in providers', () => {
  const adoption = concurrentTests();

  adoption(
    'examples/adopt-manual-setup.yaml: its plan imports the six objects it names, and destroys nothing',
    async () => {
      const [, example] = everyStack().find(([n]) => n.startsWith('examples/adopt-manual-setup.yaml'))!;
      const world = new World({ tenantId: '00000000-0000-0000-0000-000000000000', subscriptionId: '11111111-1111-1111-1111-111111111111' });
      const { ws, after } = await adoptOver(world, handMadeFor(example), () => example);
      try {
        // Imported: the group, the vault, the server's identity, credential and role, its account. Added:
        // ingestion's identity, credential, role and account, the server Secret, the lock and its scope
        // record. Changed: the vault, hardened. docs/deployment.md quotes this line.
        expect(await adoptionPlan(ws, world, after)).toBe('Plan: 6 to import, 7 to add, 1 to change, 0 to destroy.');
      } finally {
        await ws.close();
      }
    },
    60_000,
  );

  adoption(
    'client secret: the app registration and its service principal are imported; the hand-made password stays',
    async () => {
      const clientSecretServer = (e: Record<string, any>) => (e.principals.server = { auth: 'client-secret', namespace: 'openmetadata' });
      const world = new World({ tenantId: TENANT, subscriptionId: SUBSCRIPTION });
      const { ws, after, state } = await adoptOver(world, handMade(clientSecretServer), (st) => {
        const f = found(st);
        const [app] = idsOf(st, 'azuread_application');
        const [sp] = idsOf(st, 'azuread_service_principal');
        return structuredClone(
          synthEnvironment((e) => {
            clientSecretServer(e);
            e.principals.server.name = app.display_name;
            e.principals.ingestion.name = f.identity('ingestion').name;
            e.adopt = {
              resourceGroup: f.group,
              keyVault: f.vault,
              server: { application: app.id, servicePrincipal: sp.id, roleAssignment: f.assignment(sp.object_id).id },
              ingestion: f.workloadIdentity('ingestion'),
              kubernetes: { serviceAccounts: ['airflow/airflow-worker'] },
            };
          }).json,
        ) as StackJson;
      });
      try {
        expect(await adoptionPlan(ws, world, after)).toMatch(/^Plan: 9 to import, \d+ to add, \d+ to change, 0 to destroy\.$/);
        // The app keeps its client ID; its hand-made passwords are still there beside the stack's.
        expect(idsOf(ws.state(), 'azuread_application')[0].client_id).toBe(idsOf(state, 'azuread_application')[0].client_id);
        const handMadePasswords = idsOf(state, 'azuread_application_password').map((p) => p.id);
        const inWorld = world.list('azuread_application_password').map((p) => p.id);
        expect(handMadePasswords.length).toBeGreaterThan(0);
        for (const id of handMadePasswords) expect(inWorld).toContain(id);
      } finally {
        await ws.close();
      }
    },
    60_000,
  );

  adoption(
    'the first plan imports everything adopted and destroys nothing; the apply hardens in place; the next plan is clean',
    async () => {
      // The subscription and tenant the configs name, so the hand-made IDs are in them.
      const world = new World({ tenantId: TENANT, subscriptionId: SUBSCRIPTION });
      const { ws, after, state } = await adoptOver(world, handMade(), adopting);
      const vaultBefore = idsOf(state, 'azurerm_key_vault')[0];
      try {
        // Nothing is deleted in the world at any point of the adoption (adoptionPlan).
        expect(await adoptionPlan(ws, world, after)).toMatch(/^Plan: 10 to import, \d+ to add, \d+ to change, 0 to destroy\.$/);

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

        // Day 2, adopt dropped from the config: the import blocks go, and only the two federated
        // credentials change, back to the stack's names (name is force-new); the roles, whose
        // hand-made description the grants ignore, stay.
        const dropped = adopting(state, false);
        const next = await ws.plan(dropped);
        expect(next.errors).toEqual([]);
        expect(next.summary).toBe('Plan: 2 to add, 0 to change, 2 to destroy.');
        expect((await ws.applySaved()).errors).toEqual([]);
        expect((await ws.plan(dropped)).summary).toBe('No changes.');
      } finally {
        await ws.close();
      }
    },
    60_000,
  );
});
