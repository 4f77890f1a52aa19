import { CLIENT_SECRET_LIFETIME_DAYS } from '../../facts/secure-defaults';
import { PolicyRule, referencesIn } from '../policy-rule';

const { min, max } = CLIENT_SECRET_LIFETIME_DAYS;
const MAX_HOURS = max * 24;
const END_FROM_ROTATION = /^\$\{timeadd\(time_rotating\.([A-Za-z0-9_-]+)\.rotation_rfc3339, "(\d+)h"\)\}$/;

/** OMKV-CS1: client secrets expire within a year and rotate. */
export const CS1_SECRET_LIFETIME: PolicyRule = {
  id: 'OMKV-CS1',
  level: 'error',
  cause: `A client secret lives longer than ${max} days, or nothing rotates it.`,
  explanation:
    'Microsoft recommends client secret lifetimes under 12 months; a secret without an end date lives two years and, once leaked, keeps working. Rotation replaces it before it expires.',
  fix: `Set principals.*.secretRotationDays (${min}-${max}); ClientSecretPrincipal ends each secret at its rotation plus a grace.`,
  references: ['Microsoft Entra: client secret lifetime under 12 months'],
  settings: ['principals.<role>.secretRotationDays'],
  appliesTo: ['azuread_application_password'],
  check(target, stack) {
    if (target.kind !== 'resource') return 'not-applicable';
    const c = target.config;
    const rotates = c.rotate_when_changed && referencesIn(c.rotate_when_changed).some((a) => stack.byAddress(a)?.type === 'time_rotating');
    if (!rotates) return 'non-compliant';
    const relative = typeof c.end_date_relative === 'string' ? /^(\d+)h$/.exec(c.end_date_relative) : null;
    if (relative) return Number(relative[1]) <= MAX_HOURS ? 'compliant' : 'non-compliant';
    const m = typeof c.end_date === 'string' ? END_FROM_ROTATION.exec(c.end_date) : null;
    if (!m) return 'non-compliant';
    const grace = Number(m[2]);
    const rotation = stack.byAddress(`time_rotating.${m[1]}`);
    if (!rotation) return 'non-compliant';
    // A literal period can be checked here; a computed one (the staggered B) is half a period of its
    // partner away, and each partner's period is checked on its own.
    const partnerDays = referencesIn(rotation.config.rotation_rfc3339)
      .map((a) => stack.byAddress(a)?.config.rotation_days)
      .find((d): d is number => typeof d === 'number');
    const days = typeof rotation.config.rotation_days === 'number' ? rotation.config.rotation_days : partnerDays;
    return days !== undefined && days * 24 + grace <= MAX_HOURS ? 'compliant' : 'non-compliant';
  },
};
