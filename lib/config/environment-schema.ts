import { z } from 'zod';
import { environmentFields } from './environment-fields';
import { checkEnvironment } from './environment-rules';
import { resolvePrincipals } from './principal-plan';
import { WHEN_VALID } from './schema-builders';

/**
 * The schema of one environment in the configuration file. Every value a user can get wrong is checked here, before any
 * construct exists, so a bad file never produces half a stack. Messages are written to follow
 * "expected ...": the loader prefixes the path and the value it received.
 */

export const environmentSchema = environmentFields
  .superRefine(checkEnvironment, WHEN_VALID)
  // The principals resolved once, for every consumer (principal-plan.ts); the settings stay as written.
  // zod still runs a transform after an unknown key, which also skips the rules (WHEN_VALID): only
  // settings without any issue are resolved, so the plan never meets what the rules would refuse.
  .transform((env, ctx) =>
    ctx.issues.length > 0 ? z.NEVER : { ...env, principalPlan: resolvePrincipals(env.principals, env.openmetadata.secretsManager) },
  );

export type EnvironmentConfig = z.output<typeof environmentSchema>;
