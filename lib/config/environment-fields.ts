import { z } from 'zod';
import * as rules from '../facts/naming-rules';
import { RULE_IDS } from '../policy/rule-ids';
import { adoptSchema } from './adopt-schema';
import { backendSchema } from './backend-schema';
import { aksSchema, kubernetesSchema } from './kubernetes-schema';
import { openmetadataSchema } from './openmetadata-schema';
import { principalSchema } from './principal-schema';
import { closedObject, flag, ruled, stringMap, WHEN_VALID } from './schema-builders';
import { keyVaultSchema } from './vault-schema';

/** Every setting of one environment, each checked on its own; environment-rules.ts checks them together. */
export const environmentFields = closedObject({
  tenantId: ruled(rules.guid, 'Entra ID tenant (directory) ID.', rules.GUID_PATTERN),
  subscriptionId: ruled(rules.guid, 'Azure subscription ID for the vault and the identities.', rules.GUID_PATTERN),
  location: ruled(rules.azureLocation, 'Azure region, e.g. westeurope.'),
  resourceGroup: ruled(
    rules.resourceGroupName,
    'Resource group for the vault and the identities: 1-90 of letters, digits, _ ( ) - ., not ending in a period.',
  ),
  existingResourceGroup: flag('true: the resource group exists and is not managed here. Default false.').default(false),
  registerResourceProviders: flag(
    'true: azurerm registers the resource providers this stack uses, if they are not yet (needs <namespace>/register/action on the subscription). false: it checks and registers none. Default true.',
  ).default(true),
  tags: stringMap(
    rules.azureTagName,
    rules.azureTagValue,
    50,
    'Tags applied to every Azure resource the stack creates (names are case-insensitive in Azure).',
    true,
  ).default({}),
  keyVault: keyVaultSchema.meta({ description: 'The vault: a new one (name), hardened by default, or an existing one (existingId).' }),
  openmetadata: openmetadataSchema
    .meta({ description: 'How OpenMetadata uses the vault: its secrets manager, pipeline client and secret names.' })
    .prefault({}),
  aks: aksSchema.meta({ description: 'The AKS cluster: its OIDC issuer URL, or its name and resource group to read it from.' }).optional(),
  kubernetes: kubernetesSchema
    .meta({ description: 'Where the service accounts and Secrets go: a cluster the stack writes to, or manifests as outputs.' })
    .prefault({}),
  backend: backendSchema.prefault({ type: 'local' }),
  policy: closedObject({
    suppressions: z
      .array(
        closedObject({
          rule: z
            .string({ error: () => 'expected a policy rule ID such as OMKV-KV6' })
            .refine((id) => (RULE_IDS as readonly string[]).includes(id), {
              error: () => `expected one of the policy rule IDs ${RULE_IDS.join(', ')}`,
            })
            .meta({ description: 'ID of the policy rule to suppress, e.g. OMKV-KV6.', enum: [...RULE_IDS] }),
          reason: z
            .string({ error: () => 'expected a string: why this environment may break the rule' })
            .trim()
            .min(10, { error: () => 'expected a reason of at least 10 characters: why this environment may break the rule' })
            // Printed in every report, one line per finding: a line break would forge report lines.
            // eslint-disable-next-line no-control-regex -- control characters are what this refuses
            .refine((reason) => !/[\u0000-\u001f\u007f]/.test(reason), {
              error: () => 'expected a reason on one line, without control characters (it is printed in every report)',
            })
            .meta({ description: 'Why this environment may break the rule (listed at every synth).' }),
        }),
        { error: () => 'expected a list of {rule, reason}' },
      )
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((s, i) => {
          if (seen.has(s.rule)) ctx.addIssue({ code: 'custom', path: [i, 'rule'], message: 'expected each rule suppressed once' });
          seen.add(s.rule);
        });
      }, WHEN_VALID)
      .default([])
      .meta({ description: 'Policy rules this environment may break, each with its reason.' }),
  })
    .meta({ description: 'Policy checks: rules this environment may break.' })
    .prefault({}),
  adopt: adoptSchema.optional().meta({
    description:
      'What a hand-made setup already has, by import ID: the first plan imports it instead of creating it anew. Keep it in the config afterwards.',
  }),
  principals: closedObject({
    server: principalSchema('server').meta({ description: "The OpenMetadata server's principal." }),
    ingestion: principalSchema('ingestion').meta({ description: 'The principal of ingestion (Airflow or Kubernetes Jobs, and the CLI).' }),
  }).meta({ description: 'Who reads and writes the vault.' }),
});

/** The settings, each valid on its own, before the rules across them. */
export type EnvironmentFields = z.output<typeof environmentFields>;
