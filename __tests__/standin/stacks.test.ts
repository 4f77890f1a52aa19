import { BEHAVIOURS } from '../../standin/behaviours';
import type { TypeBehaviour } from '../../standin/provider';
import { describeWithTerraform, everyStack, type Step, Workspace } from '../standin-harness';

/**
 * Every stack the project ships (environments.yaml and each example) through the real terraform,
 * with the stand-in providers serving the declared provider versions' schemas: validate, plan,
 * apply that plan with default parallelism, then a second plan that must find nothing to do. All stacks run
 * at once, each in a workspace and world of its own.
 */

interface Lifecycle {
  validate: Step;
  plan: Step;
  apply: Step;
  replan: Step;
  outputs: Record<string, { value: unknown; sensitive?: boolean }>;
  declaredOutputs: string[];
}

const allStacks = everyStack();
/**
 * A stack with import blocks plans against a world that holds the hand-made objects it adopts; an
 * empty world makes Terraform refuse the import ("Cannot import non-existent remote object"), and
 * adopt.test.ts makes such a world by applying the hand-made setup first, then plans the stack.
 */
const stacks = allStacks.filter(([, json]) => (json as { import?: unknown }).import === undefined);

test('only the adopting example is left to adopt.test.ts', () => {
  expect(allStacks.filter((s) => !stacks.includes(s)).map(([n]) => n)).toEqual(['examples/adopt-manual-setup.yaml: prod']);
});

/** A reference in an expression: `[data.]type.name.attribute`. */
const REFERENCE = /\b(data\.)?((?:azurerm|azuread|kubernetes|time)_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)/g;

function behaviourOf(kind: 'resource' | 'data', type: string): TypeBehaviour | undefined {
  const provider = BEHAVIOURS[type.split('_')[0] as keyof typeof BEHAVIOURS];
  return kind === 'data' ? provider?.dataSources[type] : provider?.resources[type];
}

// A stand-in leaves every computed attribute it does not model null: an attribute a stack reads
// must be set in its configuration, or modelled by the behaviour of its type.
function unmodelledReads(list: readonly (readonly [string, unknown])[]): string[] {
  const unmodelled = new Set<string>();
  for (const [name, json] of list) {
    for (const m of JSON.stringify(json).matchAll(REFERENCE)) {
      const [, data, type, id, attribute] = m;
      const kind = data ? 'data' : 'resource';
      const block = (json as Record<string, any>)[kind]?.[type]?.[id];
      if (!block || attribute === 'id' || block[attribute] !== undefined) continue;
      if (!(behaviourOf(kind, type)?.computes ?? []).includes(attribute)) unmodelled.add(`${name}: ${data ?? ''}${type}.${attribute}`);
    }
  }
  return [...unmodelled];
}

test('every attribute a shipped stack reads is configured or modelled by the stand-ins', () => {
  expect(unmodelledReads(allStacks)).toEqual([]);
});

test('fails on a stack that reads an attribute no stand-in models', () => {
  const [name, json] = stacks[0];
  const planted = structuredClone(json) as Record<string, any>;
  const [vault] = Object.keys(planted.resource.azurerm_key_vault);
  planted.output.planted = { value: `\${azurerm_key_vault.${vault}.hsm_pool_resource_id}` };
  expect(unmodelledReads([[name, planted]])).toEqual([`${name}: azurerm_key_vault.hsm_pool_resource_id`]);
});

describeWithTerraform('every shipped stack against the stand-in providers', () => {
  const results = new Map<string, Lifecycle>();

  beforeAll(async () => {
    await Promise.all(
      stacks.map(async ([name, json]) => {
        // `init` as a user runs it, for the stacks of environments.yaml; the examples run on the
        // implicit local backend, which needs none (an init costs about as much as a plan).
        const ws = await Workspace.create([json], undefined, name, name.startsWith('environments.yaml'));
        try {
          const validate = await ws.validate(json);
          const plan = await ws.plan(json);
          const apply = await ws.applySaved();
          const replan = await ws.plan(json);
          const outputs = apply.run.code === 0 ? ws.outputs() : {};
          results.set(name, { validate, plan, apply, replan, outputs, declaredOutputs: Object.keys(json.output ?? {}) });
        } finally {
          await ws.close();
        }
      }),
    );
  }, 120_000);

  const get = (name: string) => results.get(name) as Lifecycle;

  test('covers environments.yaml and every example', () => {
    expect(stacks.length).toBeGreaterThanOrEqual(9);
    expect(stacks.map(([n]) => n)).toEqual(expect.arrayContaining(['environments.yaml: dev', 'environments.yaml: sandbox']));
  });

  test.each(stacks.map(([n]) => n))('%s: terraform validate accepts it, without a warning', (name) => {
    const { validate, plan } = get(name);
    expect(validate.errors).toEqual([]);
    expect(validate.run.stdout).toContain('Success! The configuration is valid.');
    // A deprecated argument would warn here (the stand-ins warn as SDKv2 does). The one warning a
    // first plan gives is the lock check's: the lock is to be created (lib/constructs/lock-check.ts).
    const output = `${validate.run.stdout}${validate.run.stderr}${plan.run.stdout}${plan.run.stderr}`;
    const warnings = [...output.matchAll(/Warning: ([^\n]+)\n\n {2}on [^\n]+, in ([^\n:]+)/g)].map((m) => `${m[1]} (${m[2]})`);
    expect(output.split('Warning:').length - 1).toBe(warnings.length);
    expect(warnings.filter((w) => w !== 'Check block assertion known after apply (check.vault_lock.assert[0])')).toEqual([]);
  });

  test.each(stacks.map(([n]) => n))('%s: once applied, plans without a warning', (name) => {
    const { replan } = get(name);
    expect(`${replan.run.stdout}${replan.run.stderr}`).not.toContain('Warning:');
  });

  test.each(stacks.map(([n]) => n))('%s: the first plan only adds', (name) => {
    const { plan } = get(name);
    expect(plan.errors).toEqual([]);
    expect(plan.run.code).toBe(2);
    expect(plan.summary).toMatch(/^Plan: [1-9]\d* to add, 0 to change, 0 to destroy\.$/);
  });

  test.each(stacks.map(([n]) => n))('%s: applies the plan with default parallelism, then plans no changes', (name) => {
    const { apply, replan } = get(name);
    expect(apply.errors).toEqual([]);
    expect(apply.summary).toMatch(/^Apply complete! Resources: [1-9]\d* added, 0 changed, 0 destroyed\.$/);
    expect(replan.errors).toEqual([]);
    expect(replan.summary).toBe('No changes.');
    expect(replan.run.code).toBe(0);
  });

  test.each(stacks.map(([n]) => n))('%s: every output has a value after apply', (name) => {
    const { outputs, declaredOutputs } = get(name);
    expect(Object.keys(outputs).sort()).toEqual([...declaredOutputs].sort());
    for (const [key, o] of Object.entries(outputs)) expect([key, o.value]).not.toEqual([key, null]);
  });
});
