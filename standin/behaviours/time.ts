/**
 * time_rotating as terraform-provider-time v0.14.0 plays it (internal/provider/
 * resource_time_rotating.go): the base time is `rfc3339` or the clock at create; the rotation time
 * is base + rotation_*; every computed number describes the rotation time (setRotationValues); a
 * change of rotation_* updates in place and recomputes from the stored base (ModifyPlan, Update);
 * a read after the rotation time removes the resource from state, so the next plan creates it again.
 */
import type { Obj, ProviderBehaviour, TypeBehaviour } from '../provider';

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** setRotationValues: the rotation time from the base, last rotation_* argument winning as there. */
function rotationValues(o: Obj, base: Date): void {
  let rotation = new Date(base);
  if (num(o.rotation_days))
    rotation = new Date(
      Date.UTC(
        base.getUTCFullYear(),
        base.getUTCMonth(),
        base.getUTCDate() + num(o.rotation_days),
        base.getUTCHours(),
        base.getUTCMinutes(),
        base.getUTCSeconds(),
      ),
    );
  if (num(o.rotation_hours)) rotation = new Date(base.getTime() + num(o.rotation_hours) * 3600_000);
  if (num(o.rotation_minutes)) rotation = new Date(base.getTime() + num(o.rotation_minutes) * 60_000);
  if (num(o.rotation_months))
    rotation = new Date(
      Date.UTC(
        base.getUTCFullYear(),
        base.getUTCMonth() + num(o.rotation_months),
        base.getUTCDate(),
        base.getUTCHours(),
        base.getUTCMinutes(),
        base.getUTCSeconds(),
      ),
    );
  // A known rotation_rfc3339 (configured, or planned by ModifyPlan) wins over the ones before it;
  // one left to compute is unknown here, as its ValueString() is "" there.
  if (typeof o.rotation_rfc3339 === 'string' && o.rotation_rfc3339 !== '') rotation = new Date(o.rotation_rfc3339);
  if (num(o.rotation_years))
    rotation = new Date(
      Date.UTC(
        base.getUTCFullYear() + num(o.rotation_years),
        base.getUTCMonth(),
        base.getUTCDate(),
        base.getUTCHours(),
        base.getUTCMinutes(),
        base.getUTCSeconds(),
      ),
    );
  o.rotation_rfc3339 = rfc3339(rotation);
  o.year = rotation.getUTCFullYear();
  o.month = rotation.getUTCMonth() + 1;
  o.day = rotation.getUTCDate();
  o.hour = rotation.getUTCHours();
  o.minute = rotation.getUTCMinutes();
  o.second = rotation.getUTCSeconds();
  o.rfc3339 = rfc3339(base);
  o.unix = Math.floor(rotation.getTime() / 1000);
  o.id = rfc3339(base);
}

const rotating: TypeBehaviour = {
  local: true,
  computes: ['rfc3339', 'rotation_rfc3339', 'year', 'month', 'day', 'hour', 'minute', 'second', 'unix'],
  id: (o, c) => {
    rotationValues(o, typeof o.rfc3339 === 'string' ? new Date(o.rfc3339) : c.world.now);
    return o.id as string;
  },
  update: (o, c) => {
    const base = new Date(String(c.prior?.id));
    rotationValues(o, base);
  },
  refresh: (stored, { world }) => {
    const rotation = typeof stored.rotation_rfc3339 === 'string' ? new Date(stored.rotation_rfc3339) : undefined;
    return rotation && world.now.getTime() > rotation.getTime() ? null : stored;
  },
  plannedUpdate: (planned, prior, config) => {
    const same = ['rotation_years', 'rotation_months', 'rotation_days', 'rotation_hours', 'rotation_minutes', 'rotation_rfc3339'].every(
      (k) => JSON.stringify(planned[k]) === JSON.stringify(prior[k]),
    );
    // The framework marks computed values the configuration leaves null as unknown before
    // ModifyPlan, so an unconfigured rotation_rfc3339 is computed again from rotation_*.
    if (!same) {
      if ((config?.rotation_rfc3339 ?? null) === null) planned.rotation_rfc3339 = null;
      rotationValues(planned, new Date(String(prior.rfc3339)));
    }
  },
};

// terraform-plugin-framework: no legacy type system, so Terraform checks its plans strictly.
export const TIME: ProviderBehaviour = {
  legacyTypeSystem: false,
  wording: 'framework',
  resources: { time_rotating: rotating },
  dataSources: {},
};
