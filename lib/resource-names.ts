/**
 * Names the stack gives to what it creates, derived from the environment. One place, so the
 * stack and the collision checks of the configuration can never disagree about a name.
 */

import { createHash } from 'crypto';

export type PrincipalRole = 'server' | 'ingestion';

/** User-assigned managed identity: `id-<clusterName>-<env>-<role>` unless the config names it. */
export function identityName(given: string | undefined, clusterName: string, environment: string, role: PrincipalRole): string {
  return given ?? `id-${clusterName}-${environment}-${role}`;
}

/** App registration display name: `<clusterName>-<env>-<role>` unless the config names it. */
export function applicationName(given: string | undefined, clusterName: string, environment: string, role: PrincipalRole): string {
  return given ?? `${clusterName}-${environment}-${role}`;
}

/** Local state file, relative to the project root. */
export function localStatePath(given: string | undefined, environment: string): string {
  return given ?? `terraform.${environment}.tfstate`;
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
