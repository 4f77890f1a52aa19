import { z } from 'zod';
import { IMPORT_ID_FORMATS, importIdRule, ImportIdKind } from '../facts/import-ids';
import { azureLocation } from '../facts/naming-rules';
import { SOFT_DELETE_RETENTION_DAYS } from '../facts/secure-defaults';
import { closedObject, flag, ruled, wholeNumber } from './schema-builders';

/**
 * `adopt`: what a hand-made setup (OpenMetadata's manual guide) already has, by import ID. The
 * stack writes an `import` block for each, so the first plan takes them over instead of creating
 * them anew; after that the blocks change nothing, and they stay in the config as the record of
 * what was adopted (a name taken from an adopted object, such as a federated credential's, keeps
 * following it from there).
 */

const importId = (kind: ImportIdKind, description: string) =>
  ruled(importIdRule(kind), `${description} Import ID: ${IMPORT_ID_FORMATS[kind]}.`);

const principalAdoption = (role: string) =>
  closedObject({
    identity: importId('identity', `The user-assigned identity the ${role} uses (workload-identity).`).optional(),
    federatedCredential: importId(
      'federatedCredential',
      `Its federated credential for the ${role}'s service account; the stack keeps the credential's name.`,
    ).optional(),
    application: importId('application', `The app registration of the ${role} (client-secret).`).optional(),
    servicePrincipal: importId('servicePrincipal', 'Its service principal (enterprise application).').optional(),
    roleAssignment: importId(
      'roleAssignment',
      `The ${role}'s role assignment on the vault (Key Vault Secrets Officer for the server, Secrets User for ingestion).`,
    ).optional(),
  });

/**
 * The hand-made vault as `az keyvault show` reports it (`npm run adopt` writes these): what cannot
 * be changed in place is checked against the config before anything is planned.
 */
const observedVault = closedObject({
  location: ruled(azureLocation, 'Its region (location).').optional(),
  purgeProtection: flag('Whether purge protection is on (properties.enablePurgeProtection).').optional(),
  rbacAuthorization: flag('Whether it uses Azure RBAC (properties.enableRbacAuthorization) rather than access policies.').optional(),
  softDeleteRetentionDays: wholeNumber(
    SOFT_DELETE_RETENTION_DAYS.min,
    SOFT_DELETE_RETENTION_DAYS.max,
    'Its soft-delete retention (properties.softDeleteRetentionInDays).',
  ).optional(),
});

export const adoptSchema = closedObject({
  resourceGroup: importId('resourceGroup', 'The resource group, managed by the stack from then on.').optional(),
  keyVault: closedObject({
    id: importId('keyVault', "The vault holding OpenMetadata's secrets, managed (hardened) by the stack from then on."),
    observed: observedVault.optional().meta({ description: 'What Azure reports about it, to refuse changes that would replace it.' }),
  }).optional(),
  server: principalAdoption('server').optional(),
  ingestion: principalAdoption('ingestion').optional(),
  kubernetes: closedObject({
    serviceAccounts: z
      .array(importId('kubernetes', 'A service account the stack would create.'), { error: () => 'expected a list of <namespace>/<name>' })
      .default([]),
    secrets: z
      .array(importId('kubernetes', 'A Secret the stack would create.'), { error: () => 'expected a list of <namespace>/<name>' })
      .default([]),
  }).optional(),
});
