import { describeWithTerraform, type Step, Workspace } from '../standin-harness';
import {
  azureKv,
  base,
  both,
  clientSecret,
  diagnostics,
  type Edit,
  PE_SUBNET_A,
  PE_SUBNET_B,
  privateEndpoint,
  renamedServer,
  sameAsServer,
  sameAsServerKeepingAccount,
  stackOf,
  unmanagedKubernetes,
  WORKSPACE_A,
  WORKSPACE_B,
} from './config-edits';

/**
 * Day two: apply a configuration, change it, apply again, then plan: nothing may be left to do.
 * Each scenario runs in a world of its own with the vault lock on (the default), with Terraform's
 * default parallelism, so an ordering the lock or Azure refuses fails the apply as it would there.
 * A scenario that fails today is a known gap: its test names the issue that closes it and the
 * expected behaviour, and asserts today's failure exactly, so it turns red the day the behaviour
 * changes (then it becomes a normal scenario). jest-light-runner has no `test.failing`.
 */

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

interface Outcome {
  applies: Step[];
  /** The world's events of the last apply, as `action type id` lines. */
  lastEvents: string[];
  replan: Step;
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
