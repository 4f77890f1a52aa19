/**
 * Names the stack gives to what it creates, derived from the environment. One place, so the
 * stack and the collision checks of the configuration can never disagree about a name.
 */

import { createHash } from 'crypto';
import { posix } from 'path';

export type PrincipalRole = 'server' | 'ingestion';

/** User-assigned managed identity: `id-<clusterName>-<env>-<role>` unless the config names it. */
export function identityName(given: string | undefined, clusterName: string, environment: string, role: PrincipalRole): string {
  return given ?? `id-${clusterName}-${environment}-${role}`;
}

/** App registration display name: `<clusterName>-<env>-<role>` unless the config names it. */
export function applicationName(given: string | undefined, clusterName: string, environment: string, role: PrincipalRole): string {
  return given ?? `${clusterName}-${environment}-${role}`;
}

/** Local state file, relative to the project root and normalized (`./a.tfstate` is `a.tfstate`). */
export function localStatePath(given: string | undefined, environment: string): string {
  return posix.normalize(given ?? `terraform.${environment}.tfstate`);
}

/** Blob key of the azurerm backend. */
export function azurermStateKey(given: string | undefined, environment: string): string {
  return given ?? `openmetadata/${environment}.tfstate`;
}

export const DEFAULT_TFC_HOSTNAME = 'app.terraform.io';

/**
 * Federated identity credential: `<prefix>-<namespace>-<account>` with dots turned into hyphens,
 * within 3-120 of [A-Za-z0-9_-]; a longer name keeps a stable hash. Not one-to-one (`om.server`
 * and `om-server` give one name), so callers refuse two accounts of one identity whose names meet.
 */
export function federatedCredentialName(prefix: string | undefined, namespace: string, serviceAccount: string): string {
  const full = [prefix, namespace, serviceAccount.replace(/\./g, '-')].filter(Boolean).join('-');
  if (full.length <= 120) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, 111).replace(/-+$/, '')}-${hash}`;
}

/**
 * The name OpenMetadata's managed Azure Key Vault secrets manager gives a secret. Restated from
 * openmetadata-service SecretsManager.buildSecretId with the Azure SecretsIdConfig
 * (separator "-", no leading separator, parts cleaned of [^A-Za-z0-9-]): the prefix and the cluster
 * name are joined with nothing between, each part follows after "-", and the whole name is
 * lower-cased. Example: prefix "sbx", cluster "openmetadata", a Database service "My DB" and its
 * `password`: `sbxopenmetadata-database-mydb-password`.
 */
export function openmetadataSecretName(prefix: string, clusterName: string, parts: readonly string[]): string {
  const clean = (part: string) => part.replace(/[^A-Za-z0-9-]/g, '');
  return [clean(prefix) + clean(clusterName), ...parts.map(clean)].join('-').toLowerCase();
}

/** What every secret name of one installation starts with: `<prefix><clusterName>`, lower-cased. */
export function secretNameHead(prefix: string, clusterName: string): string {
  return openmetadataSecretName(prefix, clusterName, []);
}
