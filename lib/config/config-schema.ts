import { z } from 'zod';
import * as rules from '../facts/naming-rules';
import { adoptionProblems } from './adoption-rules';
import { findCollisions } from './environment-collisions';
import { environmentSchema } from './environment-schema';
import { closedObject, WHEN_VALID } from './schema-builders';

export type { EnvironmentConfig } from './environment-schema';

export const configSchema = closedObject({
  defaults: z
    .record(z.string(), z.unknown(), { error: () => 'expected a mapping of environment settings' })
    .optional()
    .meta({ description: 'Settings shared by every environment, merged under each one (the environment wins).' }),
  environments: z
    .record(z.string(), environmentSchema, { error: () => 'expected a mapping of environment names to their settings' })
    .superRefine((envs, ctx) => {
      const names = Object.keys(envs);
      if (names.length === 0) ctx.addIssue({ code: 'custom', message: 'expected at least one environment' });
      for (const name of names) {
        const expected = rules.environmentName(name);
        if (expected) ctx.addIssue({ code: 'custom', path: [name], message: `expected the name to be ${expected}` });
      }
    })
    .superRefine((envs, ctx) => {
      for (const [name, env] of Object.entries(envs)) {
        for (const p of adoptionProblems(name, env)) ctx.addIssue({ code: 'custom', path: [name, ...p.path], message: p.message });
      }
    }, WHEN_VALID)
    .superRefine((envs, ctx) => {
      for (const c of findCollisions(envs)) {
        ctx.addIssue({ code: 'custom', path: [c.environment, ...c.path], message: c.message, params: { received: c.received } });
      }
    }, WHEN_VALID)
    .meta({ description: 'One entry per environment; each becomes a stack (cdktf deploy <name>).' }),
}).meta({
  title: 'OpenMetadata on Azure Key Vault: environments',
  description: 'Configuration of the cdktf app that sets up Azure Key Vault as the secrets manager of OpenMetadata.',
});

/** The validated file, defaults filled in. */
export type Config = z.output<typeof configSchema>;
