import { terraform } from '../../standin/terraform';
import type { StackJson } from '../../standin/terraform';
import type { WorldEvent } from '../../standin/world';
import { synthEnvironment } from '../helpers';
import { describeWithTerraform, type Step, Workspace } from '../standin-harness';

/**
 * The vault's CanNotDelete lock against Terraform's own graph and the stand-in azurerm, which
 * refuses deleting a role assignment or diagnostic setting under it (409 ScopeLocked) as Azure
 * does: the stack makes the lock step aside (terraform_data LockedScope changes with every
 * vault-scope ID, the lock's notes name it, and azurerm_management_lock replaces on any change)
 * exactly when something at the vault scope goes away. Steps run in order on one state.
 */

type Edit = (env: Record<string, any>) => void;

const WORKSPACE =
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-logs';
const withDiagnostics: Edit = (e) => {
  e.keyVault.diagnostics = { logAnalyticsWorkspaceId: WORKSPACE };
};
const shared: Edit = (e) => {
  withDiagnostics(e);
  e.principals.ingestion = { sameAs: 'server' };
};
const serverClientSecret: Edit = (e) => {
  shared(e);
  e.principals.server = { auth: 'client-secret', namespace: e.principals.server.namespace };
};
const renamedServiceAccount: Edit = (e) => {
  serverClientSecret(e);
  e.principals.server.namespace = 'openmetadata-2';
};

/** Terraform's warning for the lock check when the plan will create the lock. */
const LOCK_WARNING = /Warning: Check block assertion known after apply[\s\S]*?in check\.vault_lock\.assert\[0\]/;

const stack = (edit: Edit) => structuredClone(synthEnvironment(edit).json) as StackJson;

/** The world's events of one apply, as `action type` lines (IDs left out: they are long). */
const actions = (events: WorldEvent[]) => events.map((e) => `${e.action} ${e.type}`);

describeWithTerraform('the vault lock steps aside only when something at its scope goes away', () => {
  const steps: { step: Step; events: string[] }[] = [];

  beforeAll(async () => {
    const configs = [withDiagnostics, shared, serverClientSecret, renamedServiceAccount].map(stack);
    const ws = await Workspace.create(configs);
    try {
      for (const config of configs) {
        const before = ws.world.events.length;
        const step = await ws.apply(config);
        steps.push({ step, events: actions(ws.world.events.slice(before)) });
        if (step.run.code !== 0) break;
      }
    } finally {
      await ws.close();
    }
  }, 60_000);

  test('first deploy: the lock comes last, after every role assignment and the diagnostic setting', () => {
    const { step, events } = steps[0];
    expect(step.errors).toEqual([]);
    const scoped = events.filter((e) => /azurerm_(management_lock|role_assignment|monitor_diagnostic_setting)$/.test(e));
    expect(scoped.slice(0, 3).sort()).toEqual([
      'create azurerm_monitor_diagnostic_setting',
      'create azurerm_role_assignment',
      'create azurerm_role_assignment',
    ]);
    expect(scoped.slice(3)).toEqual(['create azurerm_management_lock']);
  });

  test('ingestion switched to sameAs: server removes a role assignment: lock off, delete, lock on', () => {
    const { step, events } = steps[1];
    expect(step.errors).toEqual([]);
    const scoped = events.filter((e) => /azurerm_(management_lock|role_assignment)$/.test(e));
    expect(scoped).toEqual(['delete azurerm_management_lock', 'delete azurerm_role_assignment', 'create azurerm_management_lock']);
  });

  test('the server switched to client-secret replaces its role assignment: lock off, replace, lock on', () => {
    const { step, events } = steps[2];
    expect(step.errors).toEqual([]);
    const scoped = events.filter((e) => /azurerm_(management_lock|role_assignment)$/.test(e));
    expect(scoped).toEqual([
      'delete azurerm_management_lock',
      'delete azurerm_role_assignment',
      'create azurerm_role_assignment',
      'create azurerm_management_lock',
    ]);
  });

  test('an apply that changes nothing at the vault scope leaves the lock alone', () => {
    const { step, events } = steps[3];
    expect(step.errors).toEqual([]);
    expect(events.length).toBeGreaterThan(0);
    expect(events.filter((e) => /azurerm_(management_lock|role_assignment|monitor_diagnostic_setting)$/.test(e))).toEqual([]);
  });

  test('removing the private endpoint: lock off, endpoint (and its vault connection) deleted, lock on', async () => {
    const withEndpoint: Edit = (e) => {
      e.keyVault.privateEndpoint = {
        subnetId:
          '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-aks/providers/Microsoft.Network/virtualNetworks/vnet-aks/subnets/snet-pe',
        privateDnsZoneId:
          '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net',
        location: 'westeurope',
      };
    };
    const ws = await Workspace.create([stack(withEndpoint)]);
    try {
      expect((await ws.apply(stack(withEndpoint))).errors).toEqual([]);
      const before = ws.world.events.length;
      expect((await ws.apply(stack(() => {}))).errors).toEqual([]);
      const scoped = actions(ws.world.events.slice(before)).filter((e) => /azurerm_(management_lock|private_endpoint)$/.test(e));
      expect(scoped).toEqual(['delete azurerm_management_lock', 'delete azurerm_private_endpoint', 'create azurerm_management_lock']);
    } finally {
      await ws.close();
    }
  }, 30_000);

  // Terraform stops at the first failure; the lock is created only after everything at the vault
  // scope, so an apply that fails in between leaves the vault unlocked until one succeeds.
  test('an apply that fails after the lock stepped aside leaves the vault unlocked until the next one succeeds', async () => {
    const ws = await Workspace.create([stack(withDiagnostics)]);
    try {
      expect((await ws.apply(stack(withDiagnostics))).errors).toEqual([]);
      ws.world.failingCreates.add('azurerm_role_assignment');
      const failed = await ws.apply(stack(serverClientSecret));
      expect(failed.errors.join('\n')).toContain('creating azurerm_role_assignment');
      expect(ws.world.list('azurerm_management_lock')).toEqual([]);
      const plan = await ws.plan(stack(serverClientSecret));
      expect(plan.run.stdout).toMatch(/azurerm_management_lock\.\S+ will be created/);
      expect(plan.run.stdout).toMatch(LOCK_WARNING);
      ws.world.failingCreates.clear();
      expect((await ws.apply(stack(serverClientSecret))).errors).toEqual([]);
      expect(ws.world.list('azurerm_management_lock')).toHaveLength(1);
    } finally {
      await ws.close();
    }
  }, 30_000);

  // terraform v1.11.4 internal/terraform/eval_conditions.go (evalCheckRule): an assertion unknown at
  // plan warns; the check reads the lock's ID, unknown only when the plan creates the lock.
  test('a lock deleted by hand: plan and refresh-only plan warn by name; in place, the plan is silent', async () => {
    const json = stack(withDiagnostics);
    const ws = await Workspace.create([json]);
    try {
      const applied = await ws.apply(json);
      expect(applied.errors).toEqual([]);
      expect(applied.run.stdout).not.toMatch(/Check block assertion/);
      expect((await ws.plan(json)).run.stdout).not.toMatch(/Check block assertion/);
      const [lock] = ws.world.list('azurerm_management_lock');
      ws.world.remove('azurerm_management_lock', String(lock.id));
      expect((await ws.plan(json)).run.stdout).toMatch(LOCK_WARNING);
      const refreshOnly = await terraform(ws.host, ws.dir, ['plan', '-refresh-only', '-input=false']);
      expect(refreshOnly.stdout).toMatch(/azurerm_management_lock\.\S+ has been deleted/);
      expect(refreshOnly.stdout).toMatch(LOCK_WARNING);
    } finally {
      await ws.close();
    }
  }, 30_000);

  test('without the lock stepping aside, the same removal fails as Azure refuses it (ScopeLocked)', async () => {
    // A lock whose notes no longer name the scope version: nothing makes it step aside.
    const unwired = (edit: Edit) => {
      const json = stack(edit);
      for (const lock of Object.values(json.resource?.azurerm_management_lock ?? {})) lock.notes = 'a lock that never steps aside';
      return json;
    };
    const ws = await Workspace.create([unwired(withDiagnostics)]);
    try {
      expect((await ws.apply(unwired(withDiagnostics))).errors).toEqual([]);
      const removal = await ws.apply(unwired(shared));
      expect(removal.errors.join('\n')).toMatch(/deleting azurerm_role_assignment .*ScopeLocked/);
      expect(ws.world.events.filter((e) => e.action === 'refuse').map((e) => e.type)).toEqual(['azurerm_role_assignment']);
    } finally {
      await ws.close();
    }
  }, 30_000);
});
