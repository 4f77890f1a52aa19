import { fixtureKey } from '../../standin/behaviours/azurerm';
import type { StackJson } from '../../standin/terraform';
import type { Obj } from '../../standin/world';
import { synthConfigFile, synthEnvironment } from '../helpers';
import { concurrentTests, describeWithTerraform, Workspace } from '../standin-harness';

/**
 * What the plan itself catches, against fixtures of the world the stack reads: the stack's own
 * guards (postconditions on the data sources, with their messages), and the harness's teeth: a
 * stack mutated in the ways a code change could break it must fail validate or plan, as the real
 * providers' schemas would make it fail.
 */

const existingVault = synthConfigFile('examples/existing-vault.yaml').prod;
const aksCluster = synthConfigFile('examples/terraform-cloud.yaml').prod;

function dataBlock(json: StackJson, type: string): Record<string, unknown> {
  return Object.values(json.data?.[type] ?? {})[0];
}

/** Plans the stack after `change` broke one fact of its furnished world; returns the errors. */
async function planErrors(json: StackJson, type: string, change: (fixture: Obj) => Obj): Promise<string> {
  const ws = await Workspace.create([json]);
  try {
    const block = dataBlock(json, type);
    const key = fixtureKey(type, String(block.resource_group_name), String(block.name));
    ws.world.fixtures.set(key, change(ws.world.fixtures.get(key) as Obj));
    const plan = await ws.plan(json);
    expect(plan.run.code).toBe(1);
    return plan.errors.join('\n').replace(/\s+/g, ' ');
  } finally {
    await ws.close();
  }
}

/**
 * Plans a mutated copy of the test stack (a plan validates first, with the same diagnostics as
 * `terraform validate`); returns 0 or 1 and all errors and warnings.
 */
async function mutated(mutate: (json: StackJson) => void): Promise<{ code: number; output: string }> {
  const json = structuredClone(synthEnvironment().json) as StackJson;
  mutate(json);
  const ws = await Workspace.create([json]);
  try {
    const { run } = await ws.plan(json);
    return { code: run.code === 1 ? 1 : 0, output: `${run.stdout}${run.stderr}`.replace(/\s+/g, ' ') };
  } finally {
    await ws.close();
  }
}

const vaults = (json: StackJson) => json.resource?.azurerm_key_vault ?? {};
const vault = (json: StackJson) => Object.values(vaults(json))[0];

describeWithTerraform('the stack guards at plan time, against the world it reads', () => {
  const testAtOnce = concurrentTests();
  testAtOnce('an existing vault on access policies fails the plan with the stack message', async () => {
    const errors = await planErrors(existingVault, 'azurerm_key_vault', (v) => ({
      ...v,
      rbac_authorization_enabled: false,
      enable_rbac_authorization: false,
    }));
    expect(errors).toContain(
      'Key Vault kv-platform-prod uses access policies, so the role assignments this stack makes would have no effect.',
    );
  });

  testAtOnce('an AKS cluster without an OIDC issuer fails the plan with the stack message', async () => {
    const errors = await planErrors(aksCluster, 'azurerm_kubernetes_cluster', (c) => ({
      ...c,
      oidc_issuer_enabled: false,
      oidc_issuer_url: '',
    }));
    expect(errors).toContain(
      'AKS cluster aks-prod (resource group rg-aks-prod) has no OIDC issuer, so workload identity cannot federate to it.',
    );
  });

  testAtOnce('an AKS cluster that hands out no kubeconfig fails the plan with the stack message', async () => {
    const errors = await planErrors(aksCluster, 'azurerm_kubernetes_cluster', (c) => ({ ...c, kube_config: [] }));
    expect(errors).toContain('AKS cluster aks-prod (resource group rg-aks-prod) returned no user kubeconfig');
  });

  testAtOnce('an existing vault that is not there fails the plan with the provider error', async () => {
    const errors = await planErrors(existingVault, 'azurerm_key_vault', () => ({
      error: 'Key Vault "kv-platform-prod" (Resource Group "rg-platform-vaults") was not found',
    }));
    expect(errors).toContain('was not found');
  });
});

describeWithTerraform('the harness has teeth: broken stacks fail it', () => {
  const testAtOnce = concurrentTests();
  testAtOnce('the unmutated stack passes, so each failure below is the mutation', async () => {
    expect(await mutated(() => {})).toEqual({ code: 0, output: expect.not.stringContaining('Error') });
  });

  testAtOnce('fails on an argument the provider does not have', async () => {
    const run = await mutated((json) => Object.assign(vault(json), { soft_delete_days: 7 }));
    expect(run.code).toBe(1);
    // Terraform's word for an unknown argument in JSON syntax.
    expect(run.output).toContain('No argument or block type is named "soft_delete_days"');
  });

  testAtOnce('fails on a value of the wrong type', async () => {
    const run = await mutated((json) => Object.assign(vault(json), { purge_protection_enabled: 'definitely' }));
    expect(run.code).toBe(1);
    expect(run.output).toContain('Incorrect attribute value type');
  });

  testAtOnce('fails on a dependency cycle', async () => {
    const run = await mutated((json) => {
      const [id] = Object.keys(vaults(json));
      Object.values(json.resource?.azurerm_resource_group ?? {})[0].depends_on = [`azurerm_key_vault.${id}`];
    });
    expect(run.code).toBe(1);
    expect(run.output).toContain('Error: Cycle:');
  });

  testAtOnce('fails on a reference to a resource that does not exist', async () => {
    const run = await mutated((json) => Object.assign(vault(json), { tenant_id: '${azurerm_user_assigned_identity.Nobody.tenant_id}' }));
    expect(run.code).toBe(1);
    expect(run.output).toContain('Reference to undeclared resource');
  });

  testAtOnce('fails on a required argument left out', async () => {
    const run = await mutated((json) => delete vault(json).sku_name);
    expect(run.code).toBe(1);
    expect(run.output).toContain('Missing required argument');
  });

  // azurerm v4.81.0 internal/provider/features.go: features is Required, MaxItems 1.
  testAtOnce('fails without the azurerm features block the declared version requires', async () => {
    const run = await mutated((json) => {
      for (const p of [json.provider?.azurerm ?? []].flat()) delete (p as Record<string, unknown>).features;
    });
    expect(run.code).toBe(1);
    expect(run.output).toContain('Insufficient features blocks');
  });

  // azurerm v4.81.0 key_vault_resource.go: sku_name StringInSlice standard, premium; soft_delete_retention_days IntBetween(7, 90).
  testAtOnce('fails on a value the provider validation refuses, in its words', async () => {
    const run = await mutated((json) => Object.assign(vault(json), { sku_name: 'gold', soft_delete_retention_days: 120 }));
    expect(run.code).toBe(1);
    expect(run.output).toContain('expected sku_name to be one of ["standard" "premium"], got gold');
    expect(run.output).toContain('expected soft_delete_retention_days to be in the range (7 - 90), got 120');
  });

  // azurerm v4.81.0 key_vault_resource.go: rbac_authorization_enabled ConflictsWith enable_rbac_authorization.
  testAtOnce('fails on two arguments the provider declares in conflict, in its words', async () => {
    const run = await mutated((json) => Object.assign(vault(json), { enable_rbac_authorization: true }));
    expect(run.code).toBe(1);
    expect(run.output).toContain('"rbac_authorization_enabled": conflicts with enable_rbac_authorization');
  });

  // kubernetes v3.2.1 resource_kubernetes_secret_v1.go: data_wo is write-only (with data_wo_revision).
  testAtOnce('accepts a write-only argument, which never reaches the plan or the state', async () => {
    const run = await mutated((json) => {
      const secret = Object.values(json.resource?.kubernetes_secret_v1 ?? {})[0];
      secret.data_wo = secret.data;
      secret.data_wo_revision = 1;
      delete secret.data;
    });
    expect(run.code).toBe(0);
  });

  testAtOnce('warns on an argument the declared provider version deprecates (parent_id, azurerm 4.81)', async () => {
    const run = await mutated((json) => {
      const fic = Object.values(json.resource?.azurerm_federated_identity_credential ?? {})[0];
      fic.parent_id = fic.user_assigned_identity_id;
      delete fic.user_assigned_identity_id;
    });
    expect(run.code).toBe(0);
    expect(run.output).toContain('Argument is deprecated');
    expect(run.output).toContain('parent_id');
  });

  testAtOnce('accepts an argument only the declared version has (isolation_scope, new since the 4.55 binding)', async () => {
    const run = await mutated((json) =>
      Object.assign(Object.values(json.resource?.azurerm_user_assigned_identity ?? {})[0], { isolation_scope: 'Regional' }),
    );
    expect(run.code).toBe(0);
  });
});
