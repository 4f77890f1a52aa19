import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { ClientSecretPrincipal, rotationSchedule } from '../../lib/constructs/client-secret-principal';
import { mapStrings } from '../../lib/stack/terraform-text';
import type { StackJson } from '../../standin/terraform';
import { TENANT } from '../helpers';
import { describeWithTerraform, Workspace } from '../standin-harness';

/**
 * Client secrets over a year and more of applies, with secretRotationDays shortened and lengthened
 * at different points of the rotation: the real Terraform plans and applies the principal's
 * resources at each step against the stand-in azuread and time providers (time_rotating as time
 * 0.14.0 plays it: internal/provider/resource_time_rotating.go, Read drops an expired rotation,
 * ModifyPlan and Update move a changed one in place). The clock moves by setting the stand-ins'
 * clock and writing the step's time where the stack reads plantimestamp(), the one thing here
 * that cannot be moved from outside.
 *
 * A pipeline applies once a day, so each step is the first daily apply after a rotation time (or
 * the day a change lands); days with nothing due would plan no changes.
 */

const DAY = 86_400_000;
const START = Date.parse('2027-01-04T06:00:00Z');
const rfc3339 = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

function principalStack(lifetimeDays: number): StackJson {
  const stack = new TerraformStack(Testing.app(), 'rotation');
  new AzureadProvider(stack, 'azuread', { tenantId: TENANT });
  new TimeProvider(stack, 'time');
  const principal = new ClientSecretPrincipal(stack, 'Server', {
    displayName: 'om-timeline',
    tenantId: TENANT,
    secretLifetimeDays: lifetimeDays,
  });
  new TerraformOutput(stack, 'client_secret', { value: principal.clientSecret, sensitive: true });
  return JSON.parse(Testing.synth(stack)) as StackJson;
}

/** The stack as Terraform would plan it at `t`. */
const at = (stack: StackJson, t: number) => mapStrings(stack, (s) => s.replaceAll('plantimestamp()', `"${rfc3339(t)}"`)) as StackJson;

interface Secret {
  slot: 'A' | 'B';
  keyId: string;
  created: number;
  start: number;
  end: number;
  /** secretRotationDays in force when it was created, and when the one before took effect. */
  lifetimeAtCreation: number;
  previousLifetime: number;
  periodAtCreation: number;
  handedOut: number[];
  deleted?: number;
  /** The period in force at the apply that stopped handing it out. */
  periodWhenDropped?: number;
}

interface Timeline {
  secrets: Secret[];
  steps: { t: number; handedOut: string; replaced: number; code: number; errors: string[] }[];
  replanCode: number;
}

interface Change {
  day: number;
  lifetimeDays: number;
}

function stateOf(ws: Workspace): { passwords: any[]; rotations: Record<string, any>; handedOut: string } {
  const state = ws.state();
  const passwords: any[] = [];
  const rotations: Record<string, any> = {};
  for (const r of state.resources) {
    const attributes = r.instances[0]?.attributes;
    if (r.type === 'azuread_application_password') passwords.push({ slot: r.name.includes('ClientSecretA') ? 'A' : 'B', ...attributes });
    if (r.type === 'time_rotating') rotations[r.name.includes('RotationA') ? 'A' : 'B'] = attributes;
  }
  const value = state.outputs.client_secret.value;
  return { passwords, rotations, handedOut: passwords.find((p) => p.value === value)?.key_id };
}

/** Applies at each first daily apply after a rotation time, and on the days the changes land. */
async function runTimeline(initialLifetime: number, changes: Change[], endDay: number): Promise<Timeline> {
  const lifetimeAt = (t: number) => [...changes].reverse().find((c) => START + c.day * DAY <= t)?.lifetimeDays ?? initialLifetime;
  const previousLifetimeAt = (t: number) => {
    const passed = changes.filter((c) => START + c.day * DAY <= t);
    return passed.length < 2 ? initialLifetime : passed[passed.length - 2].lifetimeDays;
  };
  const stacks = new Map<number, StackJson>();
  const stackFor = (lifetime: number) => stacks.get(lifetime) ?? stacks.set(lifetime, principalStack(lifetime)).get(lifetime)!;
  const ws = await Workspace.create([stackFor(initialLifetime)], undefined, 'rotation timeline');
  const secrets = new Map<string, Secret>();
  const timeline: Timeline = { secrets: [], steps: [], replanCode: -1 };
  try {
    let t = START;
    let previous: string | undefined;
    while (t <= START + endDay * DAY) {
      ws.world.now = new Date(t);
      const lifetime = lifetimeAt(t);
      const applied = await ws.apply(at(stackFor(lifetime), t));
      if (applied.run.code !== 0) {
        timeline.steps.push({ t, handedOut: '', replaced: 0, code: applied.run.code, errors: applied.errors });
        break;
      }
      const { passwords, rotations, handedOut } = stateOf(ws);
      let replaced = 0;
      const live = new Set(passwords.map((p) => p.key_id as string));
      for (const p of passwords) {
        if (secrets.has(p.key_id)) continue;
        replaced++;
        secrets.set(p.key_id, {
          slot: p.slot,
          keyId: p.key_id,
          created: t,
          start: Date.parse(p.start_date),
          end: Date.parse(p.end_date),
          lifetimeAtCreation: lifetime,
          previousLifetime: previousLifetimeAt(t),
          periodAtCreation: rotationSchedule(lifetime).periodDays,
          handedOut: [],
        });
      }
      for (const s of secrets.values()) if (s.deleted === undefined && !live.has(s.keyId)) s.deleted = t;
      secrets.get(handedOut)!.handedOut.push(t);
      if (previous && previous !== handedOut) secrets.get(previous)!.periodWhenDropped = rotationSchedule(lifetime).periodDays;
      previous = handedOut;
      // Existing secrets count as replaced only from the second step on.
      timeline.steps.push({ t, handedOut, replaced: timeline.steps.length === 0 ? 0 : replaced, code: 0, errors: [] });
      // The next daily apply with something due: after the earlier rotation, or a change landing.
      const due = Math.min(Date.parse(rotations.A.rotation_rfc3339), Date.parse(rotations.B.rotation_rfc3339));
      const nextRotation = START + Math.ceil((due - START + 1) / DAY) * DAY;
      const nextChange = changes.map((c) => START + c.day * DAY).find((c) => c > t) ?? Infinity;
      t = Math.min(nextRotation, nextChange);
    }
    const last = timeline.steps[timeline.steps.length - 1].t;
    ws.world.now = new Date(last);
    timeline.replanCode = (await ws.plan(at(stackFor(lifetimeAt(last)), last))).run.code;
    timeline.secrets = [...secrets.values()];
    return timeline;
  } finally {
    await ws.close();
  }
}

const days = (ms: number) => ms / DAY;

/** Each timeline starts at one lifetime and changes it at chosen days, in both directions. */
const TIMELINES: { name: string; initial: number; changes: Change[]; endDay: number }[] = [
  {
    // 60 -> 30 while B is handed out is the trace that cut the live secret off after one day
    // before each rotation was derived from the other.
    name: '60 days, shortened to 30 while B is handed out, lengthened to 120 while A is, shortened to 45 while B is',
    initial: 60,
    changes: [
      { day: 25, lifetimeDays: 30 },
      { day: 65, lifetimeDays: 120 },
      { day: 225, lifetimeDays: 45 },
    ],
    endDay: 310,
  },
  {
    name: '180 days, shortened to 30 while A is handed out, lengthened to 365 while B is',
    initial: 180,
    changes: [
      { day: 40, lifetimeDays: 30 },
      { day: 118, lifetimeDays: 365 },
    ],
    endDay: 560,
  },
];

describeWithTerraform('client secret rotation over time', () => {
  const outcomes = new Map<string, Timeline>();
  beforeAll(async () => {
    await Promise.all(TIMELINES.map(async (tl) => outcomes.set(tl.name, await runTimeline(tl.initial, tl.changes, tl.endDay))));
  }, 120_000);

  describe.each(TIMELINES)('$name', ({ name }) => {
    const outcome = () => outcomes.get(name)!;

    test('every apply succeeds, and the last one leaves nothing to do', () => {
      expect(outcome().steps.filter((s) => s.code !== 0)).toEqual([]);
      expect(outcome().replanCode).toBe(0);
    });

    test('each apply replaces at most one secret', () => {
      expect(outcome().steps.filter((s) => s.replaced > 1)).toEqual([]);
    });

    test('the secret handed out is valid when it is handed out', () => {
      const byKey = new Map(outcome().secrets.map((s) => [s.keyId, s]));
      for (const step of outcome().steps) expect(byKey.get(step.handedOut)!.end).toBeGreaterThan(step.t);
    });

    // Kept means still in place and not expired; half the shorter of the periods in force when it
    // was created and when it stopped being handed out, less the day a daily apply may be late.
    test('a secret no longer handed out stays valid for half a period less a day', () => {
      const dropped = outcome().secrets.filter((s) => s.deleted !== undefined && s.handedOut.length > 0);
      expect(dropped.length).toBeGreaterThanOrEqual(3);
      const short = dropped.flatMap((s) => {
        const stoppedAt = outcome().steps.find((step) => step.t > s.handedOut[s.handedOut.length - 1])!.t;
        const required = Math.min(s.periodAtCreation, s.periodWhenDropped!) / 2 - 1;
        const kept = days(Math.min(s.deleted!, s.end) - stoppedAt);
        return kept >= required ? [] : [{ slot: s.slot, createdDay: days(s.created - START), kept, required }];
      });
      expect(short).toEqual([]);
    });

    test('no secret outlives the longer of the lifetime in force and the one before', () => {
      const long = outcome()
        .secrets.map((s) => ({
          slot: s.slot,
          createdDay: days(s.created - START),
          lived: days(s.end - s.start),
          most: Math.max(s.lifetimeAtCreation, s.previousLifetime),
        }))
        .filter((s) => s.lived > s.most);
      expect(long).toEqual([]);
    });
  });
});
