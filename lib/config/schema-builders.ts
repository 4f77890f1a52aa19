import { z } from 'zod';
import type * as rules from '../facts/naming-rules';

/** The zod building blocks every part of the configuration schema uses, so each reports alike. */

/**
 * For rules across fields: they run only on values that passed their own rules (zod 4 runs a
 * refinement after its fields' custom issues by default), so a cross-field rule never meets a value
 * of the wrong shape, and a problem is reported once, at its own field.
 */
export const WHEN_VALID = { when: (payload: { readonly issues: readonly unknown[] }) => payload.issues.length === 0 };

/** An object that rejects keys it does not know: a typo must not silently become a default. */
export function closedObject<T extends z.core.$ZodLooseShape>(shape: T) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `expected only the keys ${known}`
        : issue.code === 'invalid_type'
          ? 'expected a mapping (key: value pairs)'
          : undefined,
  });
}

/**
 * A string checked by one of the shared naming rules. `pattern`, where a regular expression can say
 * it, only helps editors: the rule is what decides.
 */
export function ruled(rule: rules.Rule, description: string, pattern?: string) {
  return z
    .string({ error: () => `expected a string: ${description}` })
    .superRefine((value, ctx) => {
      const expected = rule(value);
      if (expected) ctx.addIssue({ code: 'custom', message: `expected ${expected}` });
    })
    .meta(pattern ? { description, pattern } : { description });
}

export function flag(description: string) {
  return z.boolean({ error: () => 'expected true or false' }).meta({ description });
}

export function wholeNumber(min: number, max: number, description: string) {
  return z
    .number({ error: () => `expected a whole number from ${min} to ${max}` })
    .int({ error: () => `expected a whole number from ${min} to ${max}` })
    .min(min, { error: () => `expected a whole number from ${min} to ${max}` })
    .max(max, { error: () => `expected a whole number from ${min} to ${max}` })
    .meta({ description });
}

/** One of a closed list of strings, with a message listing them. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z.enum(values, { error: () => `expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}` }).meta({ description });
}

/** `keysIgnoreCase`: what reads the map takes two keys that differ only in case as one (Azure tag names). */
export function stringMap(key: rules.Rule, value: rules.Rule, maxEntries: number, description: string, keysIgnoreCase = false) {
  return z
    .record(z.string(), z.string({ error: () => 'expected a string value (quote numbers and booleans)' }), {
      error: () => 'expected a mapping of names to string values',
    })
    .superRefine((map, ctx) => {
      const entries = Object.entries(map);
      if (entries.length > maxEntries) {
        ctx.addIssue({ code: 'custom', message: `expected at most ${maxEntries} entries (got ${entries.length})` });
      }
      const seen = new Map<string, string>();
      for (const [k, v] of entries) {
        const earlier = seen.get(k.toLowerCase());
        if (keysIgnoreCase && earlier !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [k],
            message: `expected names that differ in more than case: Azure takes ${JSON.stringify(earlier)} and ${JSON.stringify(k)} as one tag`,
          });
        }
        seen.set(k.toLowerCase(), k);
        const badKey = key(k);
        if (badKey) ctx.addIssue({ code: 'custom', path: [k], message: `expected the key to be ${badKey}` });
        const badValue = value(v);
        if (badValue) ctx.addIssue({ code: 'custom', path: [k], message: `expected ${badValue}` });
      }
    })
    .meta({ description });
}
