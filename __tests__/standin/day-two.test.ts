import { readFileSync } from 'fs';
import { join } from 'path';
import { describeWithTerraform, type Step, Workspace } from '../standin-harness';
import {
  azureKv,
  base,
  clientSecret,
  diagnostics,
  type Edit,
  PE_SUBNET_A,
  PE_SUBNET_B,
  privateEndpoint,
  renamedServer,
  sameAsServer,
  serverSecretLifetime,
  stackOf,
  unmanagedKubernetes,
  WORKSPACE_A,
  WORKSPACE_B,
} from './config-edits';

/**
 * Day two: apply a configuration, change it, apply again, then plan: nothing may be left to do.
 * Each scenario runs in a world of its own with the vault lock on (the default), with Terraform's
 * default parallelism, so an ordering the lock or Azure refuses fails the apply as it would there.
 * (The known gaps issue 19 pinned here, the private endpoint under the lock, kubernetes.manage
 * switched off and the service account sameAs: server moves, were closed by issue 20.)
 */

interface Scenario {
  name: string;
  configs: Edit[];
}

const SCENARIOS: Scenario[] = [
  { name: 'the server switches from workload identity to a client secret', configs: [base, clientSecret('server')] },
  { name: 'ingestion switches to a client secret and back', configs: [base, clientSecret('ingestion'), base] },
  { name: 'ingestion becomes sameAs: server, then its own principal again', configs: [base, sameAsServer, base] },
  // Over time, with rotations between, in rotation-timeline.test.ts.
  {
    name: "the server's secretRotationDays is shortened, then lengthened",
    configs: [serverSecretLifetime(180), serverSecretLifetime(30), serverSecretLifetime(365)],
  },
  { name: 'secretsManager switches to azure-kv and back', configs: [base, azureKv, base] },
  { name: 'the server principal is renamed', configs: [base, renamedServer] },
  {
    name: 'diagnostics are added, moved to another workspace, and removed',
    configs: [base, diagnostics(WORKSPACE_A), diagnostics(WORKSPACE_B), base],
  },
  // Replacing or removing the endpoint deletes the vault's privateEndpointConnections child, which
  // the lock refuses: the lock steps aside for the endpoint as for role assignments.
  {
    name: 'a private endpoint is added, moved to another subnet, and removed',
    configs: [base, privateEndpoint(PE_SUBNET_A), privateEndpoint(PE_SUBNET_B), base],
  },
  // Removed blocks make Terraform forget the objects, which stay in the cluster for GitOps to take
  // over; switching back on (an import per object) is in transitions.test.ts. The service account
  // sameAs: server moves is there too.
  { name: 'kubernetes.manage is switched off', configs: [base, unmanagedKubernetes] },
];

interface Outcome {
  applies: Step[];
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
          for (const stack of stacks) {
            const applied = await ws.apply(stack);
            applies.push(applied);
            if (applied.run.code !== 0) break;
          }
          outcomes.set(s.name, { applies, replan: await ws.plan(stacks[stacks.length - 1]) });
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
    test(`${s.name}: each apply succeeds, then plans no changes`, () => expectClean(s.name, s.configs.length));
  }

  // docs/operations.md, "Configuration changes, applied": a row per scenario, with what each apply
  // after the first did.
  const docs = readFileSync(join(__dirname, '..', '..', 'docs', 'operations.md'), 'utf8');
  for (const s of SCENARIOS) {
    test(`${s.name}: docs/operations.md says what each apply does`, () => {
      const row = docs.split('\n').find((l) => l.startsWith(`| ${s.name} |`));
      const { applies } = outcomes.get(s.name) as Outcome;
      const counts = applies.slice(1).map((a) => a.summary.replace(/^Apply complete! Resources: /, '').replace(/\.$/, ''));
      expect(row?.split(' | ')[1]).toBe(counts.join('; '));
    });
  }
});
